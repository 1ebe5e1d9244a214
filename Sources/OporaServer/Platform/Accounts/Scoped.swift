import Fluent
import Vapor

/// A record whose visibility depends on where it sits in the territory or which provider holds it.
protocol ScopedModel: Model where IDValue == UUID {
    /// Adds `scope` to a query of this model, as SQL: nothing outside is listed, counted or found.
    static func restrict(_ query: QueryBuilder<Self>, to scope: AccessScope) -> QueryBuilder<Self>
}

/// The one way to reach a scoped record. `Tests/OporaServerTests/ScopedQueryTests.swift` fails
/// on any `query(on:)` or `find(_:on:)` of a `ScopedModel` written anywhere but here, so a query
/// cannot forget the scope by accident: reaching records without one means calling `unscoped`
/// and saying why.
enum Scoped {
    static func query<M: ScopedModel>(_ type: M.Type, _ scope: AccessScope, on db: any Database) -> QueryBuilder<M> {
        M.restrict(M.query(on: db), to: scope)
    }

    /// The record if it lies in `scope`; otherwise 404, as for an id that does not exist.
    static func find<M: ScopedModel>(
        _ type: M.Type,
        _ id: UUID,
        _ scope: AccessScope,
        on db: any Database
    ) async throws -> M {
        guard let found = try await query(type, scope, on: db).filter(\._$id == id).first() else {
            throw Abort(.notFound)
        }
        return found
    }

    /// Why a query may go without a scope.
    enum Reason: Sendable {
        /// Inside a transaction, re-reading under a lock a row the caller already found in scope.
        case reread
        /// Signing in, sessions and tokens: the user is not known yet, or is the one asking.
        case authentication
        /// Demo seeding, commands and migrations, which act for the operator, not for a user.
        case administration
        /// Records reached through a parent that was found in scope (a person's cases, a case's referrals).
        case throughParent
        /// A background job working on a record that a user asked for from within their scope.
        case backgroundJob
        /// A uniqueness rule that must hold across scopes (an ЕИК, a username); answers only yes or no.
        case uniqueness
        /// Records published for everyone, read by a page that needs no account (a catalogue of
        /// good practices, a workshop's public pages).
        case publicRecord
    }

    static func unscoped<M: ScopedModel>(_ type: M.Type, on db: any Database, _ reason: Reason) -> QueryBuilder<M> {
        M.query(on: db)
    }

    static func unscopedFind<M: ScopedModel>(
        _ type: M.Type,
        _ id: UUID?,
        on db: any Database,
        _ reason: Reason
    ) async throws -> M? {
        guard let id else { return nil }
        return try await M.query(on: db).filter(\._$id == id).first()
    }
}
