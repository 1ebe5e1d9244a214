import Fluent
import OporaCore
import Vapor

/// Checks a username and password with the lockout rules shared by the sign-in page and
/// `POST /api/v1/auth/token`.
///
/// Five wrong passwords lock an account for 15 minutes; an address with too many failures in
/// 15 minutes is refused before any password is checked. The answer never says whether the
/// account exists.
enum SignIn {
    static let maximumFailures = 5
    static let lockout: TimeInterval = 15 * 60
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
        if let throttle = try await AddressThrottle.find(address, on: request.db),
           now.timeIntervalSince(throttle.windowStart) < addressWindow,
           throttle.failures >= addressMaximumFailures {
            return .addressThrottled
        }
        let username = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        let user = try await User.query(on: request.db).filter(\.$username == username).first()
        guard let user else {
            _ = try? await request.password.async.verify(password, created: decoyHash)
            try await recordAddressFailure(address: address, now: now, request: request)
            return .refused
        }
        if let until = user.lockedUntil, until > now {
            try await recordAddressFailure(address: address, now: now, request: request)
            return .refused
        }
        let matches = try await request.password.async.verify(password, created: user.passwordHash)
        guard matches, !user.disabled else {
            try await recordAccountFailure(user: user, now: now, request: request)
            try await recordAddressFailure(address: address, now: now, request: request)
            return .refused
        }
        let userID = try user.requireID()
        try await request.write { db in
            guard let fresh = try await User.find(userID, on: db) else { return }
            fresh.failedAttempts = 0
            fresh.lockedUntil = nil
            try await fresh.update(on: db)
        }
        return .success(user)
    }

    private static func recordAccountFailure(user: User, now: Date, request: Request) async throws {
        let userID = try user.requireID()
        let actor = request.auditActor
        try await request.write { db in
            guard let fresh = try await User.find(userID, on: db) else { return }
            fresh.failedAttempts += 1
            var action = "sign-in.failed"
            if fresh.failedAttempts >= maximumFailures {
                fresh.failedAttempts = 0
                fresh.lockedUntil = now.addingTimeInterval(lockout)
                action = "account.locked"
            }
            try await fresh.update(on: db)
            try await AuditTrail.append(
                on: db, actor: actor, action: action, recordType: "user", recordID: userID.uuidString, at: now)
        }
    }

    private static func recordAddressFailure(address: String, now: Date, request: Request) async throws {
        try await request.write { db in
            if let throttle = try await AddressThrottle.find(address, on: db) {
                if now.timeIntervalSince(throttle.windowStart) >= addressWindow {
                    throttle.windowStart = now
                    throttle.failures = 1
                } else {
                    throttle.failures += 1
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
    }
}
