import Fluent
import OporaCore
import Vapor

/// Checks a username and password with the throttling rules shared by the sign-in page and
/// `POST /api/v1/auth/token`.
///
/// Failures are counted per account and client address together, and the pair waits as
/// `SignInDelay` says, so a stranger cannot lock a colleague out from another address. An
/// address with too many failures across all accounts in 15 minutes is refused as well. Every answer runs one bcrypt check (against a decoy
/// when there is no account or the pair must wait), so its timing says nothing of the account,
/// and the answer never says whether the account exists.
enum SignIn {
    static let addressWindow: TimeInterval = 15 * 60
    static let addressMaximumFailures = 30

    enum Outcome: Sendable {
        case success(User)
        case refused
        case addressThrottled
    }

    /// A bcrypt hash of a random password, checked when the account does not exist so that both
    /// answers take as long.
    private static let decoyHash: String = (try? Bcrypt.hash(Secrets.token(), cost: 12)) ?? ""

    static func attempt(username rawUsername: String, password: String, request: Request) async throws -> Outcome {
        let now = request.application.clock.now()
        let address = request.clientAddress
        let username = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        let addressThrottled = try await isThrottled(address: address, now: now, on: request.db)
        let pair = try await SignInThrottle.query(on: request.db).filter(\.$username == username).filter(
            \.$address == address
        ).first()
        let waiting =
            pair.map { now.timeIntervalSince($0.lastFailureAt) < SignInDelay.seconds(afterFailures: $0.failures) }
            ?? false
        let user = try await Scoped.unscoped(User.self, on: request.db, .authentication).filter(\.$username == username)
            .first()
        let checked = (user != nil && !addressThrottled && !waiting) ? user!.passwordHash : decoyHash
        let matches = (try? await request.password.async.verify(password, created: checked)) ?? false
        if addressThrottled { return .addressThrottled }
        guard let user, matches, !waiting, !user.disabled else {
            // An attempt made while the pair waits is refused unchecked and does not lengthen the wait.
            try await recordFailure(
                username: username,
                user: user,
                address: address,
                countingForPair: !waiting,
                now: now,
                request: request
            )
            return .refused
        }
        try await request.write { db in
            try await SignInThrottle.query(on: db).filter(\.$username == username).filter(\.$address == address)
                .delete()
            try await AddressThrottle.query(on: db).filter(\.$id == address).delete()
        }
        return .success(user)
    }

    /// Whether some address must wait before trying this account again (shown to administrators).
    static func isThrottled(username: String, now: Date, on db: any Database) async throws -> Bool {
        try await SignInThrottle.query(on: db).filter(\.$username == username).all()
            .contains { now.timeIntervalSince($0.lastFailureAt) < SignInDelay.seconds(afterFailures: $0.failures) }
    }

    /// Whether the address has used up its failures of the window: wrong passwords and wrong
    /// one-time codes count together, so guessing one instead of the other gains nothing.
    static func isThrottled(address: String, now: Date, on db: any Database) async throws -> Bool {
        try await AddressThrottle.find(address, on: db).map {
            now.timeIntervalSince($0.windowStart) < addressWindow && $0.failures >= addressMaximumFailures
        } ?? false
    }

    /// Counts one failure of the address, inside the caller's write.
    static func countFailure(address: String, now: Date, on db: any Database) async throws {
        if let throttle = try await AddressThrottle.find(address, on: db) {
            if now.timeIntervalSince(throttle.windowStart) >= addressWindow {
                throttle.windowStart = now
                throttle.failures = 1
            } else {
                throttle.failures = min(throttle.failures + 1, 1_000_000)
            }
            try await throttle.update(on: db)
        } else {
            let throttle = AddressThrottle()
            throttle.id = address
            throttle.windowStart = now
            throttle.failures = 1
            try await throttle.create(on: db)
        }
    }

    private static func recordFailure(
        username: String,
        user: User?,
        address: String,
        countingForPair: Bool,
        now: Date,
        request: Request
    ) async throws {
        let actor = request.auditActor
        let userID = user?.id
        try await request.write { db in
            let pair =
                try await SignInThrottle.query(on: db).filter(\.$username == username).filter(\.$address == address)
                .first()
                ?? SignInThrottle(username: username, address: address)
            if countingForPair {
                pair.failures = min(pair.failures + 1, 1000)
                pair.lastFailureAt = now
                try await pair.save(on: db)
            }
            try await countFailure(address: address, now: now, on: db)
            if let userID, countingForPair {
                let action = pair.failures == SignInDelay.freeFailures ? "sign-in.throttled" : "sign-in.failed"
                try await AuditTrail.append(
                    on: db,
                    actor: actor,
                    action: action,
                    recordType: "user",
                    recordID: userID.uuidString,
                    at: now
                )
            }
        }
    }
}
