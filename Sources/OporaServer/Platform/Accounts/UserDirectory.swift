import Fluent
import OporaCore
import SQLKit
import Vapor

/// Queries and changes of user accounts on behalf of an administrator, limited to the
/// administrator's scope: a user is in scope through the provider they belong to, and users
/// without a provider are visible to country-wide administrators only.
enum UserDirectory {
    static func query(scope: AccessScope, on db: any Database) -> QueryBuilder<User> {
        Scoped.query(User.self, scope, on: db)
    }

    static func find(_ id: UUID, scope: AccessScope, on db: any Database) async throws -> User {
        guard let user = try await query(scope: scope, on: db).filter(\.$id == id).with(\.$grants).first()
        else { throw Abort(.notFound) }
        return user
    }

    /// Whether `scope` may hand out a grant with this reach: never wider than its own.
    static func canGrant(
        kind: ScopeKind,
        code: String,
        scope: AccessScope,
        directory: any ScopeDirectory,
        on db: any Database
    ) async throws -> Bool {
        // A file is granted only by its own invitation code, never from the users' page.
        if kind == .person { return false }
        if scope.country { return true }
        switch kind {
        case .country:
            return false
        case .oblast:
            return scope.oblasts.contains(code)
        case .person:
            return false
        case .municipality, .provider:
            guard let place = try await directory.place(of: kind, code, on: db) else { return false }
            let provider = kind == .provider ? UUID(uuidString: code) : nil
            if let provider, scope.providers.contains(provider) { return true }
            return scope.coversTerritory(oblast: place.oblast, municipality: place.municipality)
        }
    }

    /// Whether the scope code names something that exists.
    static func scopeExists(
        kind: ScopeKind,
        code: String,
        directory: any ScopeDirectory,
        on db: any Database
    ) async throws -> Bool {
        switch kind {
        case .country: return code.isEmpty
        case .oblast: return try await directory.name(of: kind, code, in: .bg, on: db) != nil
        case .municipality, .provider: return try await directory.place(of: kind, code, on: db) != nil
        case .person: return false
        }
    }

    /// Keeps the accounts of a provider that moved to another municipality in the new one's scope.
    static func providerMoved(_ provider: UUID, to place: ScopePlace, on db: any Database) async throws {
        try await Scoped.unscoped(User.self, on: db, .throughParent).filter(\.$providerID == provider)
            .set(\.$oblastCode, to: place.oblast).set(\.$municipalityCode, to: place.municipality).update()
    }
}

/// Copies each account's provider's place onto the account (see `User.oblastCode`).
struct PlaceUsersByProvider: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // SQLite adds one column per statement.
        try await database.schema(User.schema).field("oblast_code", .string).update()
        try await database.schema(User.schema).field("municipality_code", .string).update()
        let sql = try database.sql()
        try await sql.raw(
            """
            UPDATE users SET oblast_code = (SELECT oblast_code FROM providers WHERE providers.id = users.provider_id), \
            municipality_code = (SELECT municipality_code FROM providers WHERE providers.id = users.provider_id) \
            WHERE provider_id IS NOT NULL
            """
        ).run()
        try await sql.create(index: "users_by_place").on(User.schema).column("municipality_code").column("oblast_code")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await (try database.sql()).drop(index: "users_by_place").run()
        try await database.schema(User.schema).deleteField("municipality_code").update()
        try await database.schema(User.schema).deleteField("oblast_code").update()
    }
}
