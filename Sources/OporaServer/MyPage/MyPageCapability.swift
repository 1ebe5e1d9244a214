import Fluent
import OporaCore
import Vapor

/// The person's own page (issue 18): a way in by a one-time code, their plan, their week, requests
/// to change something, ratings of visits, and who has opened their file. The person, or their
/// legal representative, holds the service-user role, whose scope is the files they may see.
struct MyPageCapability: Capability {
    func migrations(key: DataKey) -> [any Migration] { [CreateMyPage()] }

    var personalData: (any PersonalDataHolder)? { MyPagePersonalData() }

    func publicPages(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: CodeRoutes())
    }

    func api(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: MyPageAPI())
    }

    func pages(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: OwnPageRoutes())
        try routes.register(collection: InvitationRoutes())
        try routes.register(collection: RequestAnswerRoutes())
    }

    var permissions: [Permission] { [.useMyPage, .inviteServiceUsers, .answerChangeRequests] }

    var navigation: [NavigationEntry] {
        [
            NavigationEntry(href: "/my/plan", label: .myPlanTitle, permission: .useMyPage, position: 20),
            NavigationEntry(href: "/my/week", label: .myWeekTitle, permission: .useMyPage, position: 30),
            NavigationEntry(href: "/my/requests", label: .myRequestsTitle, permission: .useMyPage, position: 40),
            NavigationEntry(href: "/my/data", label: .myDataTitle, permission: .useMyPage, position: 50),
        ]
    }

    func home(for user: CurrentUser, request req: Request) async throws -> HomeContribution {
        if user.can(.useMyPage) {
            return HomeContribution(cards: [
                HomeCard(href: "/my", title: req.text(.myPageTitle), figure: "→")
            ])
        }
        guard let panel = try await OpenRequests.panel(for: user, request: req) else { return HomeContribution() }
        return HomeContribution(panels: [panel])
    }

    func seedDemo(_ demo: DemoSeeding) async throws {
        guard !demo.small else { return }
        try await DemoServiceUsers.seed(demo)
    }
}
