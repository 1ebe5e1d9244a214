import Fluent
import OporaCore
import Vapor

/// `/api/v1` routes of the platform: tokens, the signed-in user, territory.
struct PlatformAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("auth", "token", use: issueToken)
        let signedIn = routes.grouped(APIGuard())
        signedIn.get("me", use: me)
        signedIn.get("tokens", use: tokens)
        signedIn.post("tokens", use: createToken)
        signedIn.delete("tokens", ":tokenID", use: revokeToken)
        signedIn.get("oblasts", use: oblasts)
        signedIn.get("oblasts", ":code", use: oblast)
        signedIn.get("municipalities", use: municipalities)
        signedIn.get("municipalities", ":code", use: municipality)
        signedIn.get("settlements", use: settlements)
        signedIn.get("settlements", ":ekatte", use: settlement)
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
        if (body.password ?? "").isEmpty { checks.add("password", key: "error_required") }
        if (body.password ?? "").count > 200 { _ = checks.text("password", body.password, maximum: 200) }
        _ = checks.text("name", body.name, maximum: 100, required: false)
        try checks.finish()
        switch try await SignIn.attempt(username: username, password: body.password ?? "", request: req) {
        case .success(let user):
            try await user.$grants.load(on: req.db)
            let current = CurrentUser(user: user, csrfToken: nil)
            req.auth.login(current)
            let name = (body.name ?? "").isEmpty ? "API" : body.name!
            let (id, token, expires) = try await APITokens.create(name: name, lifetime: .signIn, for: current, request: req)
            return try req.json(NewTokenDTO(id: id, name: name, token: token, expiresAt: expires), status: .created)
        case .refused:
            throw Abort(.unauthorized, reason: req.text("sign_in_refused"))
        case .addressThrottled:
            throw Abort(.tooManyRequests, reason: req.text("sign_in_throttled"))
        }
    }

    func me(req: Request) async throws -> Response {
        let user = try req.currentUser()
        return try req.json(MeDTO(
            id: user.id, username: user.username, displayName: user.displayName, language: user.language.rawValue,
            providerId: user.providerID,
            grants: user.grants.map { .init(role: $0.role.rawValue, scopeKind: $0.scopeKind.rawValue, scopeCode: $0.scopeCode) }))
    }

    func tokens(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let tokens = try await APITokens.active(for: user.id, now: req.application.clock.now(), on: req.db)
        return try req.json(tokens.map { TokenDTO(id: $0.id!, name: $0.name, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt, expiresAt: $0.expiresAt) })
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

    func oblasts(req: Request) async throws -> Response {
        try req.json(try await TerritoryQueries.oblasts(on: req.db).map(\.dto))
    }

    func oblast(req: Request) async throws -> Response {
        guard let oblast = try await Oblast.find(try req.parameters.require("code"), on: req.db) else { throw Abort(.notFound) }
        return try req.json(oblast.dto)
    }

    func municipalities(req: Request) async throws -> Response {
        let oblast = req.query[String.self, at: "oblast"]
        if let oblast, oblast.count != 3 || !oblast.allSatisfy({ ("A"..."Z").contains($0) }) {
            throw MalformedRequest(problems: [FieldProblem(field: "oblast", message: req.text("oblast_code_invalid"))])
        }
        return try req.json(try await TerritoryQueries.municipalities(oblast: oblast, on: req.db).map(\.dto))
    }

    func municipality(req: Request) async throws -> Response {
        guard let municipality = try await Municipality.find(try req.parameters.require("code"), on: req.db) else { throw Abort(.notFound) }
        return try req.json(municipality.dto)
    }

    func settlements(req: Request) async throws -> Response {
        let municipality = req.query[String.self, at: "municipality"].flatMap { $0.isEmpty ? nil : $0 }
        let q: String? = try SearchText.from(req)
        guard municipality != nil || !(q ?? "").isEmpty else {
            throw ValidationFailure(problems: [FieldProblem(field: "municipality", message: req.text("settlements_filter_required"))])
        }
        return try req.json(try await TerritoryQueries.settlements(municipality: municipality, q: q, limit: 1000, on: req.db).map(\.dto))
    }

    func settlement(req: Request) async throws -> Response {
        guard let settlement = try await Settlement.find(try req.parameters.require("ekatte"), on: req.db) else { throw Abort(.notFound) }
        return try req.json(settlement.dto)
    }
}

/// 401 for an API call without a valid token.
struct APIGuard: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(CurrentUser.self) else {
            throw Abort(.unauthorized, reason: request.text("api_token_required"))
        }
        return try await next.respond(to: request)
    }
}
