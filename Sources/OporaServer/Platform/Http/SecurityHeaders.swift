import Vapor

/// Headers that keep pages from being framed, sniffed or made to run injected script.
struct SecurityHeaders: AsyncMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "form-action 'self'", "base-uri 'none'", "object-src 'none'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    /// `FileMiddleware` answers with an ETag; nothing else in Opora does.
    static func isStaticFile(_ response: Response) -> Bool {
        response.headers.contains(name: .eTag)
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        // Pages and API answers carry people's data: no cache, shared or private, keeps them.
        // Static files (CSS, icons) are the only answers a cache may keep.
        if !response.headers.contains(name: .cacheControl), !Self.isStaticFile(response) {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
