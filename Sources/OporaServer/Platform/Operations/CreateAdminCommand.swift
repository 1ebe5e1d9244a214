import Fluent
import OporaCore
import Vapor

/// `opora create-admin USERNAME`: the first administrator of a real installation, with the
/// password read from `OPORA_ADMIN_PASSWORD` or asked for on the terminal.
struct CreateAdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "username", help: "Lowercase Latin username")
        var username: String
        @Option(name: "name", help: "Display name")
        var name: String?
    }

    var help: String { "Creates a country-wide administrator" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let username = signature.username.lowercased()
        guard UserDraft.isValidUsername(username) else {
            throw CommandUsage(message: "The username must be 3–40 lowercase Latin letters, digits, '.', '-' or '_'")
        }
        let password =
            ProcessInfo.processInfo.environment["OPORA_ADMIN_PASSWORD"]
            ?? context.console.ask("Password for \(username):", isSecure: true)
        let problems = PasswordPolicy.problems(password: password, username: username)
        guard problems.isEmpty else {
            throw CommandUsage(message: problems.map { $0.message(in: .en) }.joined(separator: "; "))
        }
        let hash = try await app.password.async.hash(password)
        let now = app.clock.now()
        try await app.db.write(gate: app.writeGate) { db in
            guard
                try await Scoped.unscoped(User.self, on: db, .administration).filter(\.$username == username).first()
                    == nil
            else {
                throw CommandUsage(message: "A user named \(username) already exists")
            }
            let user = User(username: username, displayName: signature.name ?? username, passwordHash: hash)
            try await user.create(on: db)
            try await RoleGrant(userID: user.id!, role: .administrator, scopeKind: .country, scopeCode: "").create(
                on: db
            )
            try await AuditTrail.append(
                on: db,
                actor: .system("opora create-admin"),
                action: "user.created",
                recordType: "user",
                recordID: user.id!.uuidString,
                changes: [FieldChange(field: "username", old: nil, new: username)],
                at: now
            )
        }
        context.console.print("Administrator \(username) created.")
    }
}
