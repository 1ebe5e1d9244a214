import Fluent
import OporaCore
import Vapor

/// `/api/v1` routes of the platform: tokens and the signed-in user.
struct PlatformAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("auth", "token", use: issueToken)
        let signedIn = routes.grouped(APIGuard())
        signedIn.get("me", use: me)
        signedIn.get("tokens", use: tokens)
        signedIn.post("tokens", use: createToken)
        signedIn.delete("tokens", ":tokenID", use: revokeToken)
    }

    struct TokenRequest: Codable {
        var username: String?
        var password: String?
        var name: String?
    }

    /// Same lockout rules as the sign-in page.
    func issueToken(req: Request) async throws -> Response {
        let body = try req.decodeJSON(TokenRequest.self)
        var checks = req.fieldChecks()
        let username = checks.text("username", body.username, maximum: 40)
        if (body.password ?? "").isEmpty { checks.add("password", key: .errorRequired) }
        if (body.password ?? "").count > 200 { _ = checks.text("password", body.password, maximum: 200) }
        _ = checks.text("name", body.name, maximum: 100, required: false)
        try checks.finish()
        switch try await SignIn.attempt(username: username, password: body.password ?? "", request: req) {
        case .success(let user):
            try await user.$grants.load(on: req.db)
            let current = CurrentUser(user: user, csrfToken: nil)
            req.auth.login(current)
            let name = (body.name ?? "").isEmpty ? "API" : body.name!
            let (id, token, expires) = try await APITokens.create(
                name: name,
                lifetime: .signIn,
                for: current,
                request: req
            )
            return try req.json(NewTokenDTO(id: id, name: name, token: token, expiresAt: expires), status: .created)
        case .refused:
            throw Abort(.unauthorized, reason: req.text(.signInRefused))
        case .addressThrottled:
            throw Abort(.tooManyRequests, reason: req.text(.signInThrottled))
        }
    }

    func me(req: Request) async throws -> Response {
        let user = try req.currentUser()
        return try req.json(
            MeDTO(
                id: user.id,
                username: user.username,
                displayName: user.displayName,
                language: user.language.rawValue,
                providerId: user.providerID,
                grants: user.grants.map {
                    .init(role: $0.role.rawValue, scopeKind: $0.scopeKind.rawValue, scopeCode: $0.scopeCode)
                }
            )
        )
    }

    func tokens(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let tokens = try await APITokens.active(for: user.id, now: req.application.clock.now(), on: req.db)
        return try req.json(
            tokens.map {
                TokenDTO(
                    id: $0.id!,
                    name: $0.name,
                    createdAt: $0.createdAt,
                    lastUsedAt: $0.lastUsedAt,
                    expiresAt: $0.expiresAt
                )
            }
        )
    }

    struct TokenName: Codable { var name: String? }

    func createToken(req: Request) async throws -> Response {
        let user = try req.currentUser()
        var checks = req.fieldChecks()
        let name = checks.text("name", try req.decodeJSON(TokenName.self).name, maximum: 100)
        try checks.finish()
        let (id, token, expires) = try await APITokens.create(name: name, lifetime: .personal, for: user, request: req)
        return try req.json(NewTokenDTO(id: id, name: name, token: token, expiresAt: expires), status: .created)
    }

    func revokeToken(req: Request) async throws -> HTTPStatus {
        let user = try req.currentUser()
        try await APITokens.revoke(id: try req.uuidParameter("tokenID"), for: user, request: req)
        return .noContent
    }
}

/// 401 for an API call without a valid token.
struct APIGuard: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(CurrentUser.self) else {
            throw Abort(.unauthorized, reason: request.text(.apiTokenRequired))
        }
        return try await next.respond(to: request)
    }
}
