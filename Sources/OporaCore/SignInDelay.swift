/// How long one account must wait before another try from one address (issue 8: lock per account
/// and address with a growing delay, not the account for everyone).
///
/// The first five failures are free; then the wait doubles with each further failure, from a
/// minute up to an hour, so guessing slows to a crawl while the owner, elsewhere, is not locked out.
public enum SignInDelay {
    public static let freeFailures = 5
    public static let firstSeconds = 60.0
    public static let longestSeconds = 3600.0

    /// Seconds to wait after the last of `failures` failures.
    public static func seconds(afterFailures failures: Int) -> Double {
        guard failures >= freeFailures else { return 0 }
        let doublings = min(failures - freeFailures, 6)
        return min(firstSeconds * Double(1 << doublings), longestSeconds)
    }
}
