import Fluent
import OporaCore
import Vapor

extension Permission {
    static let viewPlanning = Permission(
        name: "viewPlanning",
        roles: [.administrator, .regionalPlanner, .inspector, .municipalDirector]
    )
    static let editRegister = Permission(
        name: "editRegister",
        roles: [.administrator, .regionalPlanner, .municipalDirector]
    )
    static let monitorQuality = Permission(name: "monitorQuality", roles: [.administrator, .inspector])
    static let editPractices = Permission(
        name: "editPractices",
        roles: [.administrator, .regionalPlanner, .inspector, .municipalDirector]
    )
}

/// Regional planning and quality (issue 16): the register completed with funding and the
/// National Map's maxima, needs against capacity computed from casework, quality monitoring
/// visits, and the public catalogue of good practices. It holds aggregates and staff names, not
/// people served, so it keeps no personal data of theirs.
struct PlanningCapability: Capability {
    func migrations(key: DataKey) -> [any Migration] { [CreatePlanning()] }

    func publicPages(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: PracticeCatalogueRoutes())
    }

    func pages(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: RegisterRoutes())
        try routes.register(collection: NeedsRoutes())
        try routes.register(collection: VisitRoutes())
        try routes.register(collection: PracticeEditRoutes())
    }

    func api(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: RegisterAPI())
        try routes.register(collection: NeedsAPI())
        try routes.register(collection: VisitAPI())
        try routes.register(collection: PracticeAPI())
    }

    var permissions: [Permission] { [.viewPlanning, .editRegister, .monitorQuality, .editPractices] }

    var navigation: [NavigationEntry] {
        [
            NavigationEntry(
                href: "/planning/needs",
                label: .planningNeedsTitle,
                permission: .viewPlanning,
                position: 350
            ),
            NavigationEntry(
                href: "/planning/register",
                label: .planningRegisterTitle,
                permission: .viewPlanning,
                position: 355
            ),
            NavigationEntry(
                href: "/planning/visits",
                label: .planningVisitsTitle,
                permission: .viewPlanning,
                position: 360
            ),
            NavigationEntry(href: "/practices", label: .planningPracticesTitle, permission: nil, position: 365),
        ]
    }

    func home(for user: CurrentUser, request req: Request) async throws -> HomeContribution {
        guard user.can(.viewPlanning) else { return HomeContribution() }
        let today = CalendarDay.today(at: req.application.clock.now())
        let overdue = try await Scoped.query(Recommendation.self, user.scope(for: .viewPlanning), on: req.db)
            .filter(\.$status == .open).filter(\.$deadline < today.iso).count()
        return HomeContribution(cards: [
            HomeCard(
                href: "/planning/visits",
                title: req.text(.planningOverdueRecommendations),
                figure: String(overdue)
            )
        ])
    }

    func seedDemo(_ demo: DemoSeeding) async throws {
        guard !demo.small else { return }
        try await DemoPlanning.seed(demo)
    }
}
