import Fluent
import OporaCore
import Vapor

/// Co-design (issue 15): workshop series where service users and providers shape services and
/// policy as equals. The facilitator runs series, sessions, participants, proposals and
/// prioritisation rounds; the public pages are read without an account, and a participant
/// registers with the one-time code handed out in the session to propose and vote.
struct CoDesignCapability: Capability {
    func migrations(key: DataKey) -> [any Migration] {
        [
            CreateCoDesign(), CreateCoDesignDecisions(), AddCoDesignMinutes(), CreateCoDesignDiscussion(),
            CreateCoDesignRegistrations(),
        ]
    }

    func publicPages(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: CoDesignPublicRoutes())
        try routes.register(collection: DiscussionPublicRoutes())
        try routes.register(collection: RegistrationRoutes())
    }

    func pages(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: SeriesRoutes())
        try routes.register(collection: SessionRoutes())
        try routes.register(collection: RoundRoutes())
        try routes.register(collection: DecisionRoutes())
        try routes.register(collection: MinutesRoutes())
        try routes.register(collection: DiscussionRoutes())
    }

    func api(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: CoDesignAPI())
    }

    var permissions: [Permission] { [.runWorkshops, .followWorkshops] }

    var navigation: [NavigationEntry] {
        [NavigationEntry(href: "/codesign", label: .codesignTitle, permission: .followWorkshops, position: 300)]
    }

    func home(for user: CurrentUser, request req: Request) async throws -> HomeContribution {
        guard user.can(.followWorkshops) else { return HomeContribution() }
        let open = try await Scoped.query(CoDesignRound.self, user.scope(for: .followWorkshops), on: req.db)
            .filter(\.$state == .open).count()
        return HomeContribution(cards: [
            HomeCard(href: "/codesign", title: req.text(.codesignOpenRounds), figure: String(open))
        ])
    }

    func seedDemo(_ demo: DemoSeeding) async throws {
        guard !demo.small else { return }
        try await CoDesignDemo.seed(demo)
    }

    func start(_ app: Application) {
        app.codesignWriteLimit = PublicWriteLimit()
    }
}
