import Fluent
import Foundation
import OporaCore
import SQLKit

/// A session or an API token with its user and the user's grants, read in one statement.
///
/// Every signed-in request needs all three; loading them with Fluent's eager loading took three
/// round trips (credential, user, grants). One join answers them all: one row per grant, or
/// one row with null grant columns for a user without grants.
struct CredentialLookup: Sendable {
    /// The session or token row.
    var id: UUID
    var createdAt: Date
    /// `last_seen_at` of a session, `last_used_at` of a token.
    var lastSeenAt: Date?
    var csrfToken: String?
    var userDisabled: Bool
    var user: CurrentUser

    enum Kind { case session, token }

    static func find(_ kind: Kind, digest: String, now: Date, on db: any Database) async throws -> CredentialLookup? {
        let sql = try db.sql()
        let credential: SQLQueryString =
            switch kind {
            case .session:
                "SELECT c.id AS c_id, c.created_at AS c_created, c.last_seen_at AS c_seen, c.csrf_token AS c_csrf, "
            case .token:
                "SELECT c.id AS c_id, c.created_at AS c_created, c.last_used_at AS c_seen, NULL AS c_csrf, "
            }
        let table = kind == .session ? "user_sessions" : "api_tokens"
        let rest: SQLQueryString = """
            u.id AS u_id, u.username AS u_username, u.display_name AS u_display, u.language AS u_language, \
            u.disabled AS u_disabled, u.provider_id AS u_provider, u.job_title AS u_job, g.id AS g_id, g.role AS g_role, \
            g.scope_kind AS g_kind, g.scope_code AS g_code \
            FROM \(unsafeRaw: table) c JOIN users u ON u.id = c.user_id LEFT JOIN role_grants g ON g.user_id = u.id \
            WHERE c.token_hash = \(bind: digest)
            """
        var query = credential + rest
        if kind == .token {
            let live: SQLQueryString = " AND c.revoked_at IS NULL AND c.expires_at > \(bind: now)"
            query = query + live
        }
        let rows = try await sql.raw(query).all()
        guard let first = rows.first else { return nil }
        let grants: [GrantValue] = try rows.compactMap { row in
            guard let id = try row.decodeNil(column: "g_id") ? nil : row.decode(column: "g_id", as: UUID.self),
                let role = Role(rawValue: try row.decode(column: "g_role", as: String.self)),
                let kind = ScopeKind(rawValue: try row.decode(column: "g_kind", as: String.self))
            else { return nil }
            return GrantValue(
                id: id,
                role: role,
                scopeKind: kind,
                scopeCode: try row.decode(column: "g_code", as: String.self)
            )
        }
        let csrf = try first.decode(column: "c_csrf", as: String?.self)
        return CredentialLookup(
            id: try first.decode(column: "c_id", as: UUID.self),
            createdAt: try first.decode(column: "c_created", as: Date.self),
            lastSeenAt: try first.decode(column: "c_seen", as: Date?.self),
            csrfToken: csrf,
            userDisabled: try first.decode(column: "u_disabled", as: Bool.self),
            user: CurrentUser(
                id: try first.decode(column: "u_id", as: UUID.self),
                username: try first.decode(column: "u_username", as: String.self),
                displayName: try first.decode(column: "u_display", as: String.self),
                language: Language(rawValue: try first.decode(column: "u_language", as: String.self)) ?? .bg,
                providerID: try first.decode(column: "u_provider", as: UUID?.self),
                jobTitle: try first.decode(column: "u_job", as: String?.self).flatMap(JobTitle.init(rawValue:)),
                grants: grants,
                csrfToken: csrf
            )
        )
    }
}
