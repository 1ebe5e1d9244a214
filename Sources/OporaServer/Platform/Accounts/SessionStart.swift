import Fluent
import Vapor

/// Starts a browser session for an account whose credential was just checked: by the sign-in
/// page, or by a capability's own way in (a person's one-time code). One path, so every session
/// is made, cookied and audited alike.
enum SessionStart {
    /// Creates the session row and its audit entry in `db`, the caller's transaction, and returns
    /// the cookie's value.
    static func create(for userID: UUID, actor: AuditActor, at now: Date, on db: any Database) async throws -> String {
        let token = Secrets.token()
        let session = UserSession()
        session.tokenHash = Secrets.digest(token)
        session.$user.id = userID
        session.csrfToken = Secrets.token()
        session.createdAt = now
        session.lastSeenAt = now
        try await session.create(on: db)
        try await AuditTrail.append(
            on: db,
            actor: actor,
            action: "sign-in",
            recordType: "user",
            recordID: userID.uuidString,
            at: now
        )
        return token
    }

    /// The redirect that sets the session and language cookies.
    static func redirect(_ req: Request, to location: String, token: String, language: String) -> Response {
        let response = req.redirect(to: location)
        response.cookies[SessionAuthenticator.cookieName] = req.application.cookie(token, maxAge: nil)
        response.cookies[Request.languageCookie] = req.application.cookie(language, maxAge: 365 * 24 * 3600)
        return response
    }
}
