import Fluent
import OporaCore
import Vapor

/// Door-to-door work in a neighbourhood ("staircase to staircase", issue 14): the territory of
/// the work with its blocks, entrances and floors, the workers assigned to entrances, and the
/// contacts logged at the doors on a phone, offline too, which count as the worker's time.
struct OutreachCapability: Capability {
    func migrations(key: DataKey) -> [any Migration] { [CreateOutreach()] }

    func pages(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: OutreachTerritoryRoutes())
        try routes.register(collection: DoorRoutes())
        try routes.register(collection: ContactTimeRoutes())
    }

    func api(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: OutreachAPI())
    }

    var permissions: [Permission] { [.viewOutreach, .recordOutreachContacts, .assignOutreachWorkers] }

    var navigation: [NavigationEntry] {
        [
            NavigationEntry(
                href: "/outreach/door",
                label: .navOutreachDoor,
                permission: .recordOutreachContacts,
                position: 500
            ),
            NavigationEntry(href: "/outreach", label: .navOutreach, permission: .viewOutreach, position: 510),
            NavigationEntry(
                href: "/outreach/my-time",
                label: .navOutreachTime,
                permission: .recordOutreachContacts,
                position: 520
            ),
        ]
    }

    func home(for user: CurrentUser, request req: Request) async throws -> HomeContribution {
        guard user.can(.viewOutreach) else { return HomeContribution() }
        let count = try await TerritoryOfWork.neighbourhoods(OutreachReach(user, .viewOutreach), on: req.db).count
        guard count > 0 else { return HomeContribution() }
        return HomeContribution(cards: [
            HomeCard(href: "/outreach", title: req.text(.outreachTitle), figure: String(count))
        ])
    }

    func seedDemo(_ demo: DemoSeeding) async throws {
        try await DemoOutreach.seed(demo)
    }
}
