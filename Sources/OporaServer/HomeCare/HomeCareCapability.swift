import Fluent
import OporaCore
import Vapor

extension Permission {
    /// See a home-care centre's staff, demand and plans: its coordinator and manager, and the
    /// municipality's director for every centre there.
    static let viewHomeCare = Permission(
        name: "viewHomeCare",
        roles: [.municipalDirector, .providerManager, .coordinator]
    )
    /// Record staff profiles, working patterns and absences.
    static let manageStaff = Permission(name: "manageStaff", roles: [.providerManager, .coordinator])
    /// Plan, adjust, publish and re-plan a week.
    static let planHomeCare = Permission(name: "planHomeCare", roles: [.coordinator])
    /// See a centre's delivered hours against plans and grants, its timesheets and indicators:
    /// its manager, the municipality's director, and the coordinator who plans the weeks.
    static let viewHours = Permission(
        name: "viewHours",
        roles: [.municipalDirector, .providerManager, .coordinator]
    )
}

/// A centre for hourly services at home (seed 004): staff and their availability, the visits the
/// plans in force ask for each week, planning by the engine in the background, published plans.
struct HomeCareCapability: Capability {
    func migrations(key: DataKey) -> [any Migration] {
        [
            CreateHomeCare(), CreateCalendarFeeds(), CreateVisits(), CreateWorkerDays(), CreateStaffDevelopment(),
            CreateAssistantPool(), CreateTransport(), OneCheckInPerStop(), NoticesNameTheirPerson(),
            CreateWorkerPortraits(),
        ]
    }

    func pages(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: StaffRoutes())
        try routes.register(collection: WeekRoutes())
        try routes.register(collection: RunRoutes())
        try routes.register(collection: CalendarFeedPageRoutes())
        try routes.register(collection: DayRoutes())
        try routes.register(collection: PortraitRoutes())
        try routes.register(collection: DevelopmentRoutes())
        try routes.register(collection: PoolRoutes())
        try routes.register(collection: ProposalRoutes())
        try routes.register(collection: TransportRoutes())
        try routes.register(collection: ManifestRoutes())
        try routes.register(collection: HoursRoutes())
        try routes.register(collection: IndicatorsRoutes())
    }

    func api(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: HomeCareAPI())
        try routes.register(collection: DayAPI())
        try routes.register(collection: DevelopmentAPI())
        try routes.register(collection: PoolAPI())
        try routes.register(collection: TransportAPI())
        try routes.register(collection: HoursAPI())
        try routes.register(collection: IndicatorsAPI())
    }

    func feeds(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: CalendarFeedRoutes())
    }

    /// Visits (with their notes) and trips (with their addresses), as one holder.
    var personalData: (any PersonalDataHolder)? {
        PersonalDataHolderGroup(holders: [HomeCarePersonalData(), TransportPersonalData(), NoticePersonalData()])
    }

    var permissions: [Permission] {
        [
            .viewHomeCare, .manageStaff, .planHomeCare, .recordVisits, .viewHours, .viewStaffDevelopment,
            .recordStaffDevelopment, .viewAssistantPool, .manageAssistantPool, .hireAssistants, .driveTransport,
        ]
    }

    var navigation: [NavigationEntry] {
        [
            NavigationEntry(href: "/home-care", label: .navHomeCare, permission: .viewHomeCare, position: 200),
            NavigationEntry(href: "/home-care/staff", label: .navStaff, permission: .viewHomeCare, position: 210),
            NavigationEntry(href: "/home-care/my-day", label: .navMyDay, permission: .recordVisits, position: 190),
            NavigationEntry(
                href: "/home-care/development",
                label: .navDevelopment,
                permission: .viewStaffDevelopment,
                position: 220
            ),
            NavigationEntry(
                href: "/home-care/pool",
                label: .navAssistantPool,
                permission: .viewAssistantPool,
                position: 230
            ),
            NavigationEntry(
                href: "/home-care/proposals",
                label: .navProposals,
                permission: .viewAssistantPool,
                position: 240
            ),
            NavigationEntry(
                href: "/home-care/transport",
                label: .navTransport,
                permission: .viewHomeCare,
                position: 215
            ),
            NavigationEntry(
                href: "/home-care/transport/manifest",
                label: .navManifest,
                permission: .driveTransport,
                position: 195,
                jobs: [.driver]
            ),
            NavigationEntry(href: "/home-care/hours", label: .navHours, permission: .viewHours, position: 245),
            NavigationEntry(
                href: "/home-care/indicators",
                label: .navIndicators,
                permission: .viewHours,
                position: 250
            ),
        ]
    }

    func seedDemo(_ demo: DemoSeeding) async throws {
        guard !demo.small else { return }
        try await DemoStaff.seed(demo)
        try await DemoDelivery.seed(demo)
        try await DemoDevelopment.seed(demo)
        try await DemoPool.seed(demo)
        try await DemoTransport.seed(demo)
    }

    /// A worker's in-app list of the changes to their visits, newest first.
    func home(for user: CurrentUser, request req: Request) async throws -> HomeContribution {
        let notices = try await CareNotice.query(on: req.db).filter(\.$recipientKind == "worker")
            .filter(\.$recipientID == user.id).sort(\.$createdAt, .descending).limit(10).all()
        guard !notices.isEmpty else { return HomeContribution() }
        let key = req.application.dataKey
        return HomeContribution(panels: [
            HomePanel(
                id: "care-notices",
                title: req.text(.planningNotices),
                lines: try notices.map { notice in
                    HomePanel.Line(text: try key.open(notice.textSealed), detail: SofiaTime.dateTime(notice.createdAt))
                }
            )
        ])
    }

    func start(_ app: Application) {
        app.lifecycle.use(PlanningLifecycle())
    }
}

/// The home-care centre a page is about: the user's own provider, or for a director the one chosen
/// among the centres in their scope that have staff; a centre asked for outside the scope is 404.
enum HomeCareCentre {
    static func chosen(_ req: Request, _ scope: AccessScope) async throws -> (id: UUID?, choices: [Choice]) {
        let user = try req.currentUser()
        // A centre named in the query must be an id: anything else is a malformed request, not "any centre".
        let raw = req.query[String.self, at: "provider"]
        let asked = raw.flatMap(UUID.init(uuidString:))
        if raw != nil, asked == nil { throw Abort(.badRequest, reason: req.text(.uuidInvalid)) }
        let centres = try await Scoped.query(StaffMember.self, scope, on: req.db).unique().all(\.$providerID)
        var ids = Array(Set(centres))
        if let own = user.providerID, scope.providers.contains(own) || ids.contains(own) { ids.append(own) }
        ids = Array(Set(ids))
        let names = try await req.application.scopeDirectory.providerNames(Set(ids), on: req.db)
        ids.sort { BulgarianCollation.sortKey(names[$0] ?? "") < BulgarianCollation.sortKey(names[$1] ?? "") }
        // A centre named in the request must lie in the scope, as any other id.
        if let asked, !ids.contains(asked) { throw Abort(.notFound) }
        let chosen = asked ?? user.providerID.flatMap { ids.contains($0) ? $0 : nil } ?? ids.first
        return (chosen, ids.map { Choice(value: $0.uuidString, label: names[$0] ?? "", selected: $0 == chosen) })
    }
}
