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
        let found = try await UserSession.query(on: request.db)
            .filter(\.$tokenHash == Secrets.digest(token))
            .with(\.$user) { user in user.with(\.$grants) }
            .first()
        guard let session = found else { return }
        let idle = TimeInterval(request.application.opora.sessionIdleMinutes * 60)
        let lifetime = TimeInterval(request.application.opora.sessionMaxHours * 3600)
        if now.timeIntervalSince(session.lastSeenAt) > idle || now.timeIntervalSince(session.createdAt) > lifetime || session.user.disabled {
            try await session.delete(on: request.db)
            request.storage[SessionExpiredKey.self] = true
            return
        }
        if now.timeIntervalSince(session.lastSeenAt) > Self.touchInterval {
            session.lastSeenAt = now
            try await session.update(on: request.db)
        }
        request.auth.login(CurrentUser(user: session.user, csrfToken: session.csrfToken))
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
            providerID: user.$provider.id,
            grants: user.grants.map { GrantValue(id: $0.id, role: $0.role, scopeKind: $0.scopeKind, scopeCode: $0.scopeCode) },
            csrfToken: csrfToken
        )
    }
}

/// Authenticates `/api/v1` calls by a personal token in `Authorization: Bearer`.
struct BearerAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            let found = try await APIToken.query(on: request.db)
                .filter(\.$tokenHash == Secrets.digest(bearer.token))
                .filter(\.$revokedAt == nil)
                .filter(\.$expiresAt > request.application.clock.now())
                .with(\.$user) { user in user.with(\.$grants) }
                .first()
            guard let token = found, !token.user.disabled
            else { throw Abort(.unauthorized, reason: "The token is unknown, expired, revoked or belongs to a disabled account") }
            let now = request.application.clock.now()
            if token.lastUsedAt.map({ now.timeIntervalSince($0) > SessionAuthenticator.touchInterval }) ?? true {
                token.lastUsedAt = now
                try await token.update(on: request.db)
            }
            request.auth.login(CurrentUser(user: token.user, csrfToken: nil))
        }
        return try await next.respond(to: request)
    }
}
