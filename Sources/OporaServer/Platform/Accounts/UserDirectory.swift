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
        guard let user = try await query(scope: scope, on: db).filter(\.$id == id).with(\.$grants).with(\.$provider).first()
        else { throw Abort(.notFound) }
        return user
    }

    /// Whether `scope` may hand out a grant with this reach: never wider than its own.
    static func canGrant(kind: ScopeKind, code: String, scope: AccessScope, on db: any Database) async throws -> Bool {
        if scope.country { return true }
        switch kind {
        case .country:
            return false
        case .oblast:
            return scope.oblasts.contains(code)
        case .municipality:
            guard let municipality = try await Municipality.find(code, on: db) else { return false }
            return scope.coversTerritory(oblast: municipality.oblastCode, municipality: code)
        case .provider:
            guard let id = UUID(uuidString: code) else { return false }
            return try await Scoped.query(Provider.self, scope, on: db).filter(\.$id == id).first() != nil
        }
    }

    /// Whether the scope code names something that exists.
    static func scopeExists(kind: ScopeKind, code: String, on db: any Database) async throws -> Bool {
        switch kind {
        case .country: return code.isEmpty
        case .oblast: return try await Oblast.find(code, on: db) != nil
        case .municipality: return try await Municipality.find(code, on: db) != nil
        case .provider: return try await UUID(uuidString: code).asyncFlatMap { try await Scoped.unscopedFind(Provider.self, $0, on: db, .uniqueness) } != nil
        }
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
