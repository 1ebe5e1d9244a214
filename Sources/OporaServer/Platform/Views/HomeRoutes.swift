import Fluent
import OporaCore
import Vapor

/// The home page: the user's roles, and what each capability shows them from their own scope.
struct HomeRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    struct GrantLine: Encodable, Sendable {
        var role: String
        var scope: String
    }

    struct Context: Encodable, Sendable {
        var grants: [GrantLine]
        var cards: [HomeCard]
        var panels: [HomePanel]
    }

    func home(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let language = req.language
        let directory = req.application.scopeDirectory
        var grants: [GrantLine] = []
        for grant in user.grants {
            let name =
                grant.scopeKind == .country || grant.scopeKind == .person
                ? nil : try await directory.name(of: grant.scopeKind, grant.scopeCode, in: language, on: req.db)
            let scope =
                grant.scopeKind.label(in: language)
                + (grant.scopeKind == .country || grant.scopeKind == .person ? "" : " " + (name ?? grant.scopeCode))
            grants.append(GrantLine(role: grant.role.label(in: language), scope: scope))
        }
        var cards: [HomeCard] = []
        var panels: [HomePanel] = []
        for capability in req.application.capabilities.all {
            let part = try await capability.home(for: user, request: req)
            cards += part.cards
            panels += part.panels
        }
        if user.can(.manageUsers) {
            let users = try await UserDirectory.query(scope: user.scope(for: .manageUsers), on: req.db).count()
            cards.append(HomeCard(href: "/admin/users", title: req.text(.homeUsers), figure: String(users)))
        }
        let context = Context(grants: grants, cards: cards, panels: panels)
        return try await req.view.render("platform/home", req.page(title: req.text(.homeTitle), context))
            .encodeResponse(for: req)
    }
}
