import Fluent
import OporaCore
import Vapor

/// Finds the browser session behind the `opora_session` cookie in the database, so that any of
/// several app processes can serve the same user, and ends it after the idle limit.
struct SessionAuthenticator: AsyncMiddleware {
    static let cookieName = "opora_session"
    /// Writing `last_seen_at` on every request would turn each page view into a write.
    static let touchInterval: TimeInterval = 60

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let token = request.cookies[Self.cookieName]?.string, !token.isEmpty {
            try await authenticate(token: token, request: request)
        }
        return try await next.respond(to: request)
    }

    private func authenticate(token: String, request: Request) async throws {
        let now = request.application.clock.now()
        guard
            let session = try await CredentialLookup.find(
                .session,
                digest: Secrets.digest(token),
                now: now,
                on: request.db
            )
        else { return }
        let idle = TimeInterval(request.application.opora.sessionIdleMinutes * 60)
        let lifetime = TimeInterval(request.application.opora.sessionMaxHours * 3600)
        let lastSeen = session.lastSeenAt ?? session.createdAt
        if now.timeIntervalSince(lastSeen) > idle || now.timeIntervalSince(session.createdAt) > lifetime
            || session.userDisabled
        {
            let id = session.id
            try await request.write { db in try await UserSession.query(on: db).filter(\.$id == id).delete() }
            request.storage[SessionExpiredKey.self] = true
            return
        }
        if now.timeIntervalSince(lastSeen) > Self.touchInterval {
            let id = session.id
            try await request.write { db in
                try await UserSession.query(on: db).filter(\.$id == id).set(\.$lastSeenAt, to: now).update()
            }
        }
        request.auth.login(session.user)
    }
}

struct SessionExpiredKey: StorageKey { typealias Value = Bool }

extension CurrentUser {
    init(user: User, csrfToken: String?) {
        self.init(
            id: user.id!,
            username: user.username,
            displayName: user.displayName,
            language: user.preferredLanguage,
            providerID: user.providerID,
            jobTitle: user.jobTitle,
            grants: user.grants.map {
                GrantValue(id: $0.id, role: $0.role, scopeKind: $0.scopeKind, scopeCode: $0.scopeCode)
            },
            csrfToken: csrfToken
        )
    }
}

/// Authenticates `/api/v1` calls by a personal token in `Authorization: Bearer`.
struct BearerAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            let now = request.application.clock.now()
            guard
                let token = try await CredentialLookup.find(
                    .token,
                    digest: Secrets.digest(bearer.token),
                    now: now,
                    on: request.db
                ),
                !token.userDisabled
            else {
                throw Abort(
                    .unauthorized,
                    reason: "The token is unknown, expired, revoked or belongs to a disabled account"
                )
            }
            if token.lastSeenAt.map({ now.timeIntervalSince($0) > SessionAuthenticator.touchInterval }) ?? true {
                // Through the write gate like every other write: on SQLite a write beside it
                // would otherwise fail with "database is locked".
                let id = token.id
                try await request.write { db in
                    try await APIToken.query(on: db).filter(\.$id == id).set(\.$lastUsedAt, to: now).update()
                }
            }
            request.auth.login(token.user)
        }
        return try await next.respond(to: request)
    }
}
