import Vapor

/// Requires the `_csrf` form field on every state-changing browser request.
///
/// A signed-in user's token lives in their session row; before sign-in the token is a
/// double-submit cookie, so the sign-in form itself cannot be posted from another site.
struct CSRFProtection: AsyncMiddleware {
    static let cookieName = "opora_csrf"
    static let fieldName = "_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if [.POST, .PUT, .PATCH, .DELETE].contains(request.method) {
            if request.body.data == nil {
                _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
            }
            let sent = (try? request.content.get(String.self, at: Self.fieldName)) ?? ""
            guard !sent.isEmpty, Secrets.constantTimeEquals(sent, Self.expectedToken(for: request) ?? "")
            else { throw Abort(.forbidden, reason: "csrf") }
        }
        let response = try await next.respond(to: request)
        if request.cookies[Self.cookieName] == nil, let token = request.storage[PreSessionTokenKey.self] {
            response.cookies[Self.cookieName] = request.application.cookie(token, maxAge: nil)
        }
        return response
    }

    static func expectedToken(for request: Request) -> String? {
        if let user = request.auth.get(CurrentUser.self) { return user.csrfToken }
        return request.cookies[cookieName]?.string
    }
}

struct PreSessionTokenKey: StorageKey { typealias Value = String }

extension Request {
    /// The token to embed in this page's forms.
    var csrfToken: String {
        if let token = CSRFProtection.expectedToken(for: self) { return token }
        if let token = storage[PreSessionTokenKey.self] { return token }
        let token = Secrets.token()
        storage[PreSessionTokenKey.self] = token
        return token
    }
}

extension Application {
    /// Cookies are HttpOnly and SameSite=Lax, and Secure when Opora is served over HTTPS.
    func cookie(_ value: String, maxAge: Int?) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: value,
            expires: nil,
            maxAge: maxAge,
            domain: nil,
            path: "/",
            isSecure: opora.secureCookies,
            isHTTPOnly: true,
            sameSite: .lax
        )
    }
}
