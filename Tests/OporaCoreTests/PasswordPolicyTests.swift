import OporaCore
import Testing

@Suite("Password policy")
struct PasswordPolicyTests {
    @Test func aLongUncommonPasswordPasses() {
        #expect(PasswordPolicy.problems(password: "кон-на-покрива-2026", username: "ivanova").isEmpty)
    }

    @Test func lengthEdge() {
        #expect(PasswordPolicy.problems(password: "xk4-vq9-mz2", username: "") == [.tooShort(minimum: 12)])
        #expect(PasswordPolicy.problems(password: "xk4-vq9-mz2w", username: "").isEmpty)
        // Cyrillic letters count as one character each, not as their two UTF-8 bytes.
        #expect(PasswordPolicy.problems(password: "жълтакрушаx", username: "") == [.tooShort(minimum: 12)])
    }

    @Test(arguments: ["password", "PASSWORD", "qwertyuiop", "1234567890", "iloveyou", "парола"])
    func listedPasswordsAreCommon(password: String) {
        #expect(PasswordPolicy.problems(password: password, username: "").contains(.common))
    }

    @Test(arguments: ["password2026", "Dragon123456", "monkey1", "football99999"])
    func aCommonWordFollowedByDigitsIsCommon(password: String) {
        #expect(PasswordPolicy.problems(password: password, username: "").contains(.common))
    }

    @Test(arguments: ["2026password", "pass word 2026", "football99999x"])
    func otherShapesAreNotCommon(password: String) {
        #expect(!PasswordPolicy.problems(password: password, username: "").contains(.common))
    }

    @Test func theUsernameMayNotAppearInAnyCase() {
        #expect(PasswordPolicy.problems(password: "my-CaseWorker-pass", username: "caseworker") == [.containsUsername])
        #expect(
            PasswordPolicy.problems(password: "my-caseworker-pass", username: " CaseWorker ") == [.containsUsername]
        )
        // Two letters are too short to look for.
        #expect(PasswordPolicy.problems(password: "zebra-crossing-42", username: "ze").isEmpty)
    }

    @Test func everyProblemIsReportedAtOnce() {
        #expect(
            PasswordPolicy.problems(password: "admin1", username: "admin") == [
                .tooShort(minimum: 12), .common, .containsUsername,
            ]
        )
    }

    @Test func theListIsLargeEnoughToMatter() {
        let sample = ["123456", "dragon", "sunshine", "princess", "trustno1", "starwars"]
        #expect(sample.allSatisfy { PasswordPolicy.problems(password: $0, username: "").contains(.common) })
    }
}
