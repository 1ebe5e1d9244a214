import Fluent
import OporaCore
import Vapor

/// An account of the demo, named after its role so that anyone trying Opora knows whom to sign in as.
struct DemoAccount: Sendable {
    var username: String
    var displayName: String
    var role: Role
    var scopeKind: ScopeKind
    var scopeCode: String
    var provider: UUID? = nil
    var jobTitle: JobTitle? = nil
}

/// The seed's one transaction, as each capability's part of the demo sees it.
final class DemoSeeding: @unchecked Sendable {
    let db: any Database
    let key: DataKey
    let now: Date
    let actor = AuditActor.system("opora seed --demo")
    /// Tests ask for the reference data and the accounts only, to keep each case small.
    let small: Bool
    /// The demo password's hash, for accounts a capability makes with more than a grant (a service
    /// user's link to their file).
    let passwordHash: String
    private var accounts: [String: UUID] = [:]

    init(db: any Database, key: DataKey, now: Date, small: Bool, passwordHash: String) {
        self.db = db
        self.key = key
        self.now = now
        self.small = small
        self.passwordHash = passwordHash
    }

    /// The id of an account an earlier capability's part created.
    func account(_ username: String) throws -> UUID {
        guard let id = accounts[username] else { throw CommandUsage(message: "The demo has no account \(username)") }
        return id
    }

    func audit(_ action: String, _ recordType: String, _ id: UUID, changes: [FieldChange] = []) async throws {
        try await AuditTrail.append(
            on: db,
            actor: actor,
            action: action,
            recordType: recordType,
            recordID: id.uuidString,
            changes: changes,
            at: now
        )
    }

    fileprivate func create(_ account: DemoAccount, passwordHash: String, directory: any ScopeDirectory) async throws {
        let place = try await account.provider.asyncFlatMap {
            try await directory.place(of: .provider, $0.uuidString, on: db)
        }
        let user = User(
            username: account.username,
            displayName: account.displayName,
            passwordHash: passwordHash,
            provider: account.provider,
            place: place,
            jobTitle: account.jobTitle
        )
        try await user.create(on: db)
        try await RoleGrant(
            userID: user.id!,
            role: account.role,
            scopeKind: account.scopeKind,
            scopeCode: account.scopeCode
        ).create(on: db)
        try await audit(
            "user.created",
            "user",
            user.id!,
            changes: [FieldChange(field: "username", old: nil, new: account.username)]
        )
        accounts[account.username] = user.id!
    }
}

/// The deterministic demo: each capability seeds its part, in `configure`'s order, and the
/// accounts it signs in with. Platform adds the administrator.
enum DemoSeed {
    static let administrator = DemoAccount(
        username: "admin",
        displayName: "Администратор на системата",
        role: .administrator,
        scopeKind: .country,
        scopeCode: ""
    )

    static func accounts(_ app: Application) -> [DemoAccount] {
        [administrator] + app.capabilities.all.flatMap(\.demoAccounts)
    }

    /// Returns false when the demo is already there.
    static func seed(_ app: Application, small: Bool = false) async throws -> Bool {
        if try await Scoped.unscoped(User.self, on: app.db, .administration).filter(
            \.$username == administrator.username
        ).first() != nil {
            return false
        }
        var hashes: [String: String] = [:]
        for account in accounts(app) {
            hashes[account.username] = try await app.password.async.hash(app.opora.demoPassword)
        }
        let passwordHashes = hashes
        let demoHash = try await app.password.async.hash(app.opora.demoPassword)
        let key = app.dataKey
        let now = app.clock.now()
        let capabilities = app.capabilities.all
        let directory = app.scopeDirectory
        try await app.db.write(gate: app.writeGate) { db in
            let demo = DemoSeeding(db: db, key: key, now: now, small: small, passwordHash: demoHash)
            try await demo.create(
                administrator,
                passwordHash: passwordHashes[administrator.username]!,
                directory: directory
            )
            for capability in capabilities {
                try await capability.seedDemo(demo)
                for account in capability.demoAccounts {
                    try await demo.create(
                        account,
                        passwordHash: passwordHashes[account.username]!,
                        directory: directory
                    )
                }
            }
        }
        return true
    }

    static func loginSummary(_ app: Application) -> String {
        var lines = ["Demo sign-in (password: \(app.opora.demoPassword)):"]
        for account in accounts(app) {
            lines.append(
                "  \(account.username.padding(toLength: 12, withPad: " ", startingAt: 0)) \(account.role.label(in: .en))"
            )
        }
        return lines.joined(separator: "\n")
    }
}
