import Vapor

func routes(_ app: Application) throws {
    // Probes and metrics: no session, no CSRF.
    try app.register(collection: HealthRoutes())

    // Feeds for other programs (calendars): the secret in the address is the credential; no session.
    for capability in app.capabilities.all { try capability.feeds(app) }

    // Pages: browser session, CSRF on every state-changing form.
    let pages = app.grouped(SessionAuthenticator(), CSRFProtection(), FlashClearing())
    try pages.register(collection: SignInRoutes())
    try pages.register(collection: TextSizeRoutes())
    for capability in app.capabilities.all { try capability.publicPages(pages) }
    let signedIn = pages.grouped(SignedInPages())
    try signedIn.register(collection: HomeRoutes())
    try signedIn.register(collection: AccountRoutes())
    try signedIn.register(collection: AdminUserRoutes())
    try signedIn.register(collection: AuditRoutes())
    for capability in app.capabilities.all { try capability.pages(signedIn) }

    // JSON API: bearer tokens, the same scope rules as the pages.
    let api = app.grouped("api", "v1").grouped(BearerAuthenticator())
    try api.register(collection: OpenAPIRoute())
    try api.register(collection: PlatformAPI())
    for capability in app.capabilities.all { try capability.api(api) }
}

/// Sends a visitor who is not signed in to the sign-in page.
struct SignedInPages: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(CurrentUser.self) else { return request.redirect(to: "/sign-in") }
        return try await next.respond(to: request)
    }
}
