import Fluent
import OporaCore
import SQLKit
import Vapor

/// Queries and changes of user accounts on behalf of an administrator, limited to the
/// administrator's scope: a user is in scope through the provider they belong to, and users
/// without a provider are visible to country-wide administrators only.
enum UserDirectory {
    static func query(scope: AccessScope, on db: any Database) -> QueryBuilder<User> {
        let query = User.query(on: db)
        if scope.country { return query }
        return query.join(Provider.self, on: \User.$provider.$id == \Provider.$id)
            .group(.or) { group in
                group.filter(.sql(unsafeRaw: "1 = 0"))
                if !scope.oblasts.isEmpty { group.filter(Provider.self, \.$oblastCode ~~ Array(scope.oblasts)) }
                if !scope.municipalities.isEmpty { group.filter(Provider.self, \.$municipalityCode ~~ Array(scope.municipalities)) }
                if !scope.providers.isEmpty { group.filter(Provider.self, \.$id ~~ Array(scope.providers)) }
            }
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
            guard let id = UUID(uuidString: code), let provider = try await Provider.find(id, on: db) else { return false }
            return scope.covers(oblast: provider.oblastCode, municipality: provider.municipalityCode, provider: id)
        }
    }

    /// Whether the scope code names something that exists.
    static func scopeExists(kind: ScopeKind, code: String, on db: any Database) async throws -> Bool {
        switch kind {
        case .country: return code.isEmpty
        case .oblast: return try await Oblast.find(code, on: db) != nil
        case .municipality: return try await Municipality.find(code, on: db) != nil
        case .provider: return try await UUID(uuidString: code).asyncFlatMap { try await Provider.find($0, on: db) } != nil
        }
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
