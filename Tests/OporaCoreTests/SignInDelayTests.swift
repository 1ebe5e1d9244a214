import OporaCore
import Testing

@Suite("Sign-in delay")
struct SignInDelayTests {
    @Test(
        "Five failures are free, then the wait doubles from one minute to at most an hour",
        arguments: [
            (0, 0.0), (4, 0.0), (5, 60.0), (6, 120.0), (7, 240.0), (10, 1920.0), (11, 3600.0), (1000, 3600.0),
            (Int.max, 3600.0),
        ]
    )
    func delay(failures: Int, seconds: Double) {
        #expect(SignInDelay.seconds(afterFailures: failures) == seconds)
    }
}
