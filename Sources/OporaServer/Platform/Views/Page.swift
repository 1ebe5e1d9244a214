import Foundation
import OporaCore
import Vapor

/// What every page's layout needs, around the page's own content in `body`.
struct Page<Body: Encodable & Sendable>: Encodable, Sendable {
    var lang: String
    var otherLang: String
    var otherLangName: String
    /// The reader chose larger text (`TextSizeRoutes`).
    var largeText: Bool
    var title: String
    var path: String
    var csrf: String
    var user: UserBadge?
    var nav: [NavItem]
    var flash: String?
    var body: Body
}

struct UserBadge: Encodable, Sendable {
    var displayName: String
    var roles: String
}

struct NavItem: Encodable, Sendable {
    var href: String
    var label: String
    var current: Bool
}

extension Request {
    static let flashCookie = "opora_flash"

    func page<Body: Encodable & Sendable>(title: String, _ body: Body) -> Page<Body> {
        let language = self.language
        let other: Language = language == .bg ? .en : .bg
        let user = auth.get(CurrentUser.self)
        let path = url.path
        return Page(
            lang: language.rawValue,
            otherLang: other.rawValue,
            otherLangName: other == .en ? "English" : "Български",
            largeText: largeText,
            title: title,
            path: path,
            csrf: csrfToken,
            user: user.map { user in
                UserBadge(
                    displayName: user.displayName,
                    roles: user.grants.map { $0.role.label(in: language) }.uniqued().joined(separator: ", ")
                )
            },
            nav: user.map { Navigation.items(for: $0, path: path, request: self) } ?? [],
            flash: (cookies[Self.flashCookie]?.string).map(flashText),
            body: body
        )
    }

    /// Redirects after a successful action and shows the catalogue message `key` on the next page.
    func redirect(to location: String, flash key: CatalogueKey) -> Response {
        let response = redirect(to: location)
        response.cookies[Self.flashCookie] = application.cookie(key.rawValue, maxAge: 60)
        return response
    }

    /// Redirects and shows `message`, already in the user's language, on the next page. Cookies carry
    /// ASCII only, so the text travels base64url-encoded behind a marker.
    func redirect(to location: String, message: String) -> Response {
        let response = redirect(to: location)
        let encoded = Data(message.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
                of: "=",
                with: ""
            )
        response.cookies[Self.flashCookie] = application.cookie("m." + encoded, maxAge: 60)
        return response
    }

    private func flashText(_ value: String) -> String {
        guard value.hasPrefix("m.") else { return text(CatalogueKey(rawValue: value)) }
        var base64 = String(value.dropFirst(2)).replacingOccurrences(of: "-", with: "+").replacingOccurrences(
            of: "_",
            with: "/"
        )
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}

/// Clears the one-shot message once a page has shown it.
struct FlashClearing: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if request.cookies[Request.flashCookie] != nil, response.status == .ok,
            response.cookies[Request.flashCookie] == nil
        {
            response.cookies[Request.flashCookie] = request.application.cookie("", maxAge: 0)
        }
        return response
    }
}

extension Sequence where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
