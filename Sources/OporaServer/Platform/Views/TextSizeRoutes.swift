import Vapor

/// `POST /text-size`: larger text on every page, for anyone who reads better so (issue 18's
/// large-text mode), chosen before or after signing in and kept in a cookie on that device.
/// Browser zoom does the same, but many of the people served do not know it exists.
struct TextSizeRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("text-size", use: choose)
    }

    struct Form: Content {
        var size: String
        var back: String?
    }

    func choose(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        guard let large = ["large": true, "normal": false][form.size] else { throw Abort(.badRequest) }
        let response = req.redirect(to: LocalPath.parse(form.back) ?? "/")
        response.cookies[Request.textSizeCookie] = req.application.cookie(
            large ? "large" : "normal",
            maxAge: 365 * 24 * 3600
        )
        return response
    }
}

extension Request {
    static let textSizeCookie = "opora_text"

    var largeText: Bool { cookies[Self.textSizeCookie]?.string == "large" }
}
