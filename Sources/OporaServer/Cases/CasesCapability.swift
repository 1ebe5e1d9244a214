import Fluent
import OporaCore
import Vapor

extension Permission {
    /// Open people's files, their cases, assessments, plans and referrals. Administrators run
    /// accounts, not cases; planners and inspectors see figures, not files.
    static let viewPeople = Permission(
        name: "viewPeople",
        roles: [.municipalDirector, .providerManager, .coordinator, .caseWorker]
    )
    /// Register people, open cases, assess, agree plans, refer.
    static let editPeople = Permission(
        name: "editPeople",
        roles: [.municipalDirector, .providerManager, .coordinator, .caseWorker]
    )
}

/// People served and their cases: files, households, consents, assessments, plans, referrals.
struct CasesCapability: Capability {
    func migrations(key: DataKey) -> [any Migration] {
        [
            CreateCases(),
            CreateHouseholdsAndTeams(),
            AddTargetGroupEvidence(),
            CoverPeopleSearch(),
            IndexReferralSenders(),
            AddIdentifierTailHash(),
            SealPersonalColumns(key: key),
            NumberCases(),
            AddReferralLoop(),
            RefoldPeopleSearchText(),
            FillIdentifierTailHash(key: key),
            ShareNotesWithVisits(),
        ]
    }

    func pages(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: PeopleRoutes())
        try routes.register(collection: CaseRoutes())
        try routes.register(collection: ReferralRoutes())
        try routes.register(collection: DocumentRoutes())
    }

    func api(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: CasesAPI())
    }

    var permissions: [Permission] { [.viewPeople, .editPeople] }

    var navigation: [NavigationEntry] {
        [
            NavigationEntry(href: "/people", label: .navPeople, permission: .viewPeople, position: 100),
            NavigationEntry(href: "/referrals", label: .navReferrals, permission: .viewPeople, position: 110),
            NavigationEntry(href: "/notifications", label: .navNotifications, permission: .viewPeople, position: 120),
        ]
    }

    func home(for user: CurrentUser, request req: Request) async throws -> HomeContribution {
        guard user.can(.viewPeople) else { return HomeContribution() }
        let (stage, page) = Dashboard.filter(req)
        var contribution = Dashboard.panels(
            try await Dashboard.build(for: user, stage: stage, page: page, request: req),
            request: req
        )
        let unread = try await ReferralRoutes.unreadCount(for: user, on: req.db)
        contribution.cards.insert(
            HomeCard(href: "/notifications", title: req.text(.notificationsUnread), figure: String(unread)),
            at: 0
        )
        return contribution
    }

    func seedDemo(_ demo: DemoSeeding) async throws {
        guard !demo.small else { return }
        try await DemoPeople.seed(on: demo.db, key: demo.key, caseWorker: try demo.account("caseworker"), now: demo.now)
    }

    var personalData: (any PersonalDataHolder)? { CasesPersonalData() }
}
