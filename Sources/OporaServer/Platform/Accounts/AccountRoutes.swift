import Fluent
import OporaCore
import Vapor

/// The signed-in user's own account: password and personal API tokens.
struct AccountRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let account = routes.grouped("account")
        account.get(use: show)
        account.post("password", use: changePassword)
        account.post("tokens", use: createToken)
        account.post("tokens", ":tokenID", "revoke", use: revokeToken)
    }

    struct AccountContext: Encodable, Sendable {
        var username: String
        var tokens: [TokenRow]
        var newToken: String?
        var errors: [String: String]
        var summary: ErrorSummary?
        var tokenName: String
    }

    struct TokenRow: Encodable, Sendable {
        var id: String
        var name: String
        var created: String
        var lastUsed: String?
    }

    func show(req: Request) async throws -> View {
        try await render(req, newToken: nil, errors: [:], tokenName: "")
    }

    private func render(
        _ req: Request,
        newToken: String?,
        errors: [String: String],
        tokenName: String,
        status: HTTPStatus = .ok
    ) async throws -> View {
        let user = try req.currentUser()
        let tokens = try await APITokens.active(for: user.id, now: req.application.clock.now(), on: req.db).map {
            TokenRow(
                id: $0.id!.uuidString,
                name: $0.name,
                created: SofiaTime.dateTime($0.createdAt),
                lastUsed: $0.lastUsedAt.map { SofiaTime.dateTime($0) }
            )
        }
        let context = AccountContext(
            username: user.username,
            tokens: tokens,
            newToken: newToken,
            errors: errors,
            summary: errors.isEmpty ? nil : req.errorSummary(ValidationFailure(errors)),
            tokenName: tokenName
        )
        return try await req.view.render("platform/account", req.page(title: req.text(.accountTitle), context))
    }

    struct PasswordForm: Content {
        var current: String?
        var new: String?
        var repeated: String?
    }

    func changePassword(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let input = try req.content.decode(PasswordForm.self)
        var errors: [String: String] = [:]
        guard let record = try await Scoped.unscopedFind(User.self, user.id, on: req.db, .authentication) else {
            throw Abort(.notFound)
        }
        if !(try await req.password.async.verify(input.current ?? "", created: record.passwordHash)) {
            errors["current"] = req.text(.passwordCurrentWrong)
        }
        let new = input.new ?? ""
        if let problem = PasswordPolicy.problems(password: new, username: user.username).first {
            errors["new"] = problem.message(in: req.language)
        } else if new != input.repeated {
            errors["repeated"] = req.text(.passwordRepeatDiffers)
        }
        guard errors.isEmpty else {
            return try await render(req, newToken: nil, errors: errors, tokenName: "").encodeResponse(
                status: .unprocessableEntity,
                for: req
            )
        }
        let hash = try await req.password.async.hash(new)
        let actor = req.auditActor
        let now = req.application.clock.now()
        let currentSession = (req.cookies[SessionAuthenticator.cookieName]?.string).map { Secrets.digest($0) } ?? ""
        try await req.write { db in
            guard let record = try await Scoped.unscopedFind(User.self, user.id, on: db, .authentication) else {
                return
            }
            record.passwordHash = hash
            record.version += 1
            try await record.update(on: db)
            // Other browsers signed in with the old password are signed out.
            try await Credentials.revokeAll(of: user.id, exceptSession: currentSession, at: now, on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "password.changed",
                recordType: "user",
                recordID: user.id.uuidString,
                changes: [FieldChange(field: "password", old: nil, new: nil)],
                at: now
            )
        }
        return req.redirect(to: "/account", flash: .passwordChanged)
    }

    struct TokenForm: Content {
        var name: String?
    }

    func createToken(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let input = try req.content.decode(TokenForm.self)
        var checks = req.fieldChecks()
        let name = checks.text("name", input.name, maximum: 100)
        if !checks.problems.isEmpty {
            return try await render(
                req,
                newToken: nil,
                errors: ValidationFailure(problems: checks.problems).byField,
                tokenName: input.name ?? ""
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let token = try await APITokens.create(name: name, lifetime: .personal, for: user, request: req).token
        return try await render(req, newToken: token, errors: [:], tokenName: "").encodeResponse(for: req)
    }

    func revokeToken(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let id = try req.uuidParameter("tokenID")
        try await APITokens.revoke(id: id, for: user, request: req)
        return req.redirect(to: "/account", flash: .tokenRevoked)
    }
}

/// Personal API tokens, shared by the account page and the API.
enum APITokens {
    static func active(for userID: UUID, now: Date, on db: any Database) async throws -> [APIToken] {
        try await APIToken.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil).filter(
            \.$expiresAt > now
        )
        .sort(\.$createdAt, .descending).all()
    }

    /// How long a token lives: a personal token made on the account page or by `POST /tokens`
    /// lives `OPORA_TOKEN_DAYS`; one from signing in with a password (`POST /auth/token`) lives
    /// `OPORA_SIGN_IN_TOKEN_HOURS`, like a browser session.
    enum Lifetime {
        case personal, signIn

        func seconds(_ configuration: OporaConfiguration) -> TimeInterval {
            switch self {
            case .personal: TimeInterval(configuration.tokenDays) * 24 * 3600
            case .signIn: TimeInterval(configuration.signInTokenHours) * 3600
            }
        }
    }

    /// Returns the token itself; only its digest is stored, so this is the one time it is seen.
    static func create(
        name: String,
        lifetime: Lifetime,
        for user: CurrentUser,
        request: Request
    ) async throws
        -> (id: UUID, token: String, expiresAt: Date)
    {
        let token = "opora_" + Secrets.token()
        let now = request.application.clock.now()
        let expires = now.addingTimeInterval(lifetime.seconds(request.application.opora))
        let actor = request.auditActor
        return try await request.write { db in
            let record = APIToken()
            record.$user.id = user.id
            record.name = name
            record.tokenHash = Secrets.digest(token)
            record.createdAt = now
            record.expiresAt = expires
            try await record.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "token.created",
                recordType: "api_token",
                recordID: record.id!.uuidString,
                changes: [FieldChange(field: "name", old: nil, new: name)],
                at: now
            )
            return (record.id!, token, expires)
        }
    }

    /// A token of another user is not found, whoever asks.
    static func revoke(id: UUID, for user: CurrentUser, request: Request) async throws {
        let now = request.application.clock.now()
        let actor = request.auditActor
        try await request.write { db in
            guard
                let token = try await APIToken.query(on: db).filter(\.$id == id).filter(\.$user.$id == user.id)
                    .filter(\.$revokedAt == nil).first()
            else { throw Abort(.notFound) }
            token.revokedAt = now
            try await token.update(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "token.revoked",
                recordType: "api_token",
                recordID: id.uuidString,
                at: now
            )
        }
    }
}

/// What signs a user in besides the password: browser sessions and API tokens.
enum Credentials {
    /// A changed or reset password ends every session but the one that changed it, and revokes
    /// every token: whoever knew the old password may have made one.
    static func revokeAll(
        of userID: UUID,
        exceptSession keptSession: String?,
        at now: Date,
        on db: any Database
    ) async throws {
        var sessions = UserSession.query(on: db).filter(\.$user.$id == userID)
        if let keptSession { sessions = sessions.filter(\.$tokenHash != keptSession) }
        try await sessions.delete()
        try await APIToken.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil).set(
            \.$revokedAt,
            to: now
        ).update()
    }
}
