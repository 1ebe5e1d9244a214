import Fluent
import OporaCore
import Vapor

/// The home page: what the signed-in role can reach, with counts from its own scope.
struct HomeRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    struct GrantLine: Encodable, Sendable {
        var role: String
        var scope: String
    }

    struct Card: Encodable, Sendable {
        var href: String
        var title: String
        var figure: String
    }

    struct Context: Encodable, Sendable {
        var grants: [GrantLine]
        var cards: [Card]
        var dashboard: DashboardDTO?
    }

    func home(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let language = req.language
        var grants: [GrantLine] = []
        for grant in user.grants {
            grants.append(GrantLine(role: grant.role.label(in: language), scope: try await scopeName(grant, on: req.db, language: language)))
        }
        var cards: [Card] = []
        let scope = user.scope(for: .viewProviders)
        let providers = try await ProviderStore.query(scope, on: req.db).count()
        let services = try await ServiceStore.query(scope, on: req.db).count()
        cards.append(Card(href: "/providers", title: req.text("home_providers"), figure: String(providers)))
        cards.append(Card(href: "/providers", title: req.text("home_services"), figure: String(services)))
        if user.can(.manageUsers) {
            let users = try await UserDirectory.query(scope: user.scope(for: .manageUsers), on: req.db).count()
            cards.append(Card(href: "/admin/users", title: req.text("home_users"), figure: String(users)))
        }
        let dashboard = user.can(.viewPeople) ? try await Dashboard.build(for: user, request: req) : nil
        let context = Context(grants: grants, cards: cards, dashboard: dashboard)
        return try await req.view.render("platform/home", req.page(title: req.text("home_title"), context)).encodeResponse(for: req)
    }

    private func scopeName(_ grant: GrantValue, on db: any Database, language: Language) async throws -> String {
        switch grant.scopeKind {
        case .country:
            return grant.scopeKind.label(in: language)
        case .oblast:
            let name = try await Oblast.find(grant.scopeCode, on: db).map { language == .bg ? $0.nameBG : $0.nameLatin }
            return grant.scopeKind.label(in: language) + " " + (name ?? grant.scopeCode)
        case .municipality:
            let name = try await Municipality.find(grant.scopeCode, on: db).map { language == .bg ? $0.nameBG : $0.nameLatin }
            return grant.scopeKind.label(in: language) + " " + (name ?? grant.scopeCode)
        case .provider:
            let name = try await UUID(uuidString: grant.scopeCode).asyncFlatMap { try await Scoped.unscopedFind(Provider.self, $0, on: db, .authentication) }?.name
            return grant.scopeKind.label(in: language) + " " + (name ?? grant.scopeCode)
        }
    }
}
