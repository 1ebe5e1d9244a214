import Fluent
import OporaCore
import Vapor

extension Permission {
    static let viewProviders = Permission(name: "viewProviders", roles: Set(Role.allCases))
    static let createProviders = Permission(name: "createProviders", roles: [.administrator, .municipalDirector])
    static let editProviders = Permission(
        name: "editProviders",
        roles: [.administrator, .municipalDirector, .providerManager]
    )
    static let editServices = Permission(
        name: "editServices",
        roles: [.administrator, .municipalDirector, .providerManager]
    )
}

/// Providers and the services they run: a reference capability that the others read through
/// `ProviderStore` and `ServiceStore` and never write.
struct OrganisationsCapability: Capability {
    func migrations(key: DataKey) -> [any Migration] { [CreateOrganisations()] }

    func pages(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: ProviderRoutes())
        try routes.register(collection: ServiceRoutes())
    }

    func api(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: OrganisationAPI())
    }

    var permissions: [Permission] { [.viewProviders, .createProviders, .editProviders, .editServices] }

    var navigation: [NavigationEntry] {
        [NavigationEntry(href: "/providers", label: .navProviders, permission: .viewProviders, position: 300)]
    }

    func home(for user: CurrentUser, request req: Request) async throws -> HomeContribution {
        let scope = user.scope(for: .viewProviders)
        let providers = try await ProviderStore.query(scope, on: req.db).count()
        let services = try await ServiceStore.query(scope, on: req.db).count()
        return HomeContribution(cards: [
            HomeCard(href: "/providers", title: req.text(.homeProviders), figure: String(providers)),
            HomeCard(href: "/providers", title: req.text(.homeServices), figure: String(services)),
        ])
    }

    var demoAccounts: [DemoAccount] { DemoProviders.accounts }

    func seedDemo(_ demo: DemoSeeding) async throws {
        try await DemoProviders.seed(demo)
    }
}
