import Fluent
import OporaCore
import Vapor

/// Sign-in and sign-out pages, and the language switch.
struct SignInRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("sign-in", use: form)
        routes.post("sign-in", use: signIn)
        routes.post("sign-out", use: signOut)
        routes.post("language", use: switchLanguage)
    }

    struct SignInForm: Content {
        var username: String?
        var password: String?
    }

    struct SignInContext: Encodable, Sendable {
        var username: String
        var summary: ErrorSummary?
        var expired: Bool
    }

    func form(req: Request) async throws -> Response {
        if req.auth.has(CurrentUser.self) { return req.redirect(to: "/") }
        let context = SignInContext(username: "", summary: nil, expired: req.storage[SessionExpiredKey.self] ?? false)
        return try await req.view.render("platform/sign-in", req.page(title: req.text(.signInTitle), context))
            .encodeResponse(for: req)
    }

    func signIn(req: Request) async throws -> Response {
        let input = try req.content.decode(SignInForm.self)
        let username = input.username ?? ""
        let outcome = try await SignIn.attempt(username: username, password: input.password ?? "", request: req)
        switch outcome {
        case .success(let user):
            let now = req.application.clock.now()
            let userID = try user.requireID()
            let actor = AuditActor(id: userID, name: user.username, address: req.clientAddress)
            let token = try await req.write { db in
                try await SessionStart.create(for: userID, actor: actor, at: now, on: db)
            }
            return SessionStart.redirect(req, to: "/", token: token, language: user.language)
        case .refused, .addressThrottled:
            let key: CatalogueKey = outcome.isThrottled ? .signInThrottled : .signInRefused
            let context = SignInContext(
                username: username,
                summary: req.errorSummary(message: req.text(key)),
                expired: false
            )
            return try await req.view.render("platform/sign-in", req.page(title: req.text(.signInTitle), context))
                .encodeResponse(status: outcome.isThrottled ? .tooManyRequests : .unauthorized, for: req)
        }
    }

    func signOut(req: Request) async throws -> Response {
        if let token = req.cookies[SessionAuthenticator.cookieName]?.string {
            let actor = req.auditActor
            let now = req.application.clock.now()
            try await req.write { db in
                if let session = try await UserSession.query(on: db).filter(\.$tokenHash == Secrets.digest(token))
                    .first()
                {
                    try await session.delete(on: db)
                    try await AuditTrail.append(
                        on: db,
                        actor: actor,
                        action: "sign-out",
                        recordType: "user",
                        recordID: session.$user.id.uuidString,
                        at: now
                    )
                }
            }
        }
        let response = req.redirect(to: "/sign-in")
        response.cookies[SessionAuthenticator.cookieName] = req.application.cookie("", maxAge: 0)
        return response
    }

    struct LanguageForm: Content {
        var lang: String
        var back: String?
    }

    /// Remembered on the account when signed in, in a cookie otherwise.
    func switchLanguage(req: Request) async throws -> Response {
        let input = try req.content.decode(LanguageForm.self)
        guard let language = Language(rawValue: input.lang) else { throw Abort(.badRequest) }
        if let user = req.auth.get(CurrentUser.self) {
            try await req.write { db in
                guard let record = try await Scoped.unscopedFind(User.self, user.id, on: db, .authentication) else {
                    return
                }
                record.language = language.rawValue
                try await record.update(on: db)
            }
        }
        let back = LocalPath.parse(input.back) ?? "/"
        let response = req.redirect(to: back)
        response.cookies[Request.languageCookie] = req.application.cookie(language.rawValue, maxAge: 365 * 24 * 3600)
        return response
    }
}

extension SignIn.Outcome {
    var isThrottled: Bool { if case .addressThrottled = self { true } else { false } }
}
