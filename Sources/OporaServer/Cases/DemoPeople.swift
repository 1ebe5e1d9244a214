import Fluent
import OporaCore
import Vapor

/// About 300 people of the Kyustendil demo with realistic names, valid ЕГН and cases in every
/// state, with assessments, plan versions, consents and referrals. Deterministic: the same
/// sequence of numbers on every run.
enum DemoPeople {
    static let count = 300

    static let femaleNames = [
        "Мария", "Иванка", "Йорданка", "Пенка", "Елена", "Росица", "Стефка", "Цветана", "Радка", "Надежда",
        "Василка", "Гергана", "Десислава", "Катя", "Лиляна", "Милка", "Райна", "Снежана", "Виолета", "Анелия",
    ]
    static let maleNames = [
        "Георги", "Иван", "Димитър", "Петър", "Стоян", "Николай", "Христо", "Васил", "Тодор", "Атанас",
        "Кирил", "Любомир", "Пламен", "Борислав", "Красимир", "Асен", "Емил", "Венцислав", "Огнян", "Валентин",
    ]
    static let familyStems = [
        "Стоянов", "Иванов", "Георгиев", "Димитров", "Петров", "Николов", "Христов", "Тодоров", "Атанасов",
        "Митов", "Велинов", "Костадинов", "Кирилов", "Златанов", "Манолов", "Ангелов", "Йорданов", "Илиев",
        "Киров", "Попов", "Михайлов", "Соколов", "Шишков", "Чолаков", "Янков",
    ]
    static let requests = [
        "Помощ вкъщи за къпане и обличане", "Самотна е, търси компания и разходки", "Трудно пазарува и готви",
        "Нуждае се от придружаване до лекар", "Рехабилитация след инсулт", "Семейството търси почасова грижа",
        "Иска да остане у дома, а не в институция", "Помощ с лекарствата и домакинството",
    ]
    static let paths: [[CaseState]] = [
        [], [.assessment], [.assessment, .plan], [.assessment, .plan, .active], [.assessment, .plan, .active, .review],
        [.assessment, .plan, .active, .suspended], [.assessment, .plan, .active, .closed], [.closed],
    ]

    /// A small linear congruential generator: enough for demo data and the same on every platform.
    struct Sequence {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// The demo's case worker by name, as she signs assessments and is called about referrals.
    static let caseWorkerName = DemoProviders.accounts.first { $0.username == "caseworker" }?.displayName ?? ""

    static func seed(on db: any Database, key: DataKey, caseWorker: UUID, now: Date) async throws {
        var random = Sequence(state: 2026)
        let settlements = try await TerritoryQueries.settlementsInCodeOrder(
            municipality: DemoProviders.municipality,
            on: db
        )
        let services = try await Scoped.unscoped(ProvidedService.self, on: db, .administration).filter(
            \.$provider.$id == DemoProviders.municipal.id
        ).sort(\.$name).all()
        let dayCare = try await Scoped.unscoped(ProvidedService.self, on: db, .administration).filter(
            \.$provider.$id == DemoProviders.ngo.id
        )
        .filter(\.$serviceType == .dayCare).first()
        let today = CalendarDay.today(at: now)
        let actor = AuditActor(id: caseWorker, name: "caseworker", address: "")
        for index in 0..<count {
            let female = random.next(2) == 0
            let stem = familyStems[random.next(familyStems.count)]
            let name = PersonName(
                given: female ? femaleNames[random.next(femaleNames.count)] : maleNames[random.next(maleNames.count)],
                middle: maleNames[random.next(maleNames.count)] + (female ? "ова" : "ов"),
                family: female ? stem + "а" : stem
            )
            let birth = CalendarDay(year: 1932 + random.next(80), month: 1 + random.next(12), day: 1 + random.next(28))!
            let egn = EGN.make(birthDate: birth, sex: female ? .female : .male, serial: index % 100)!
            let settlement = settlements[random.next(settlements.count)]
            var groups: [TargetGroup] = []
            if TargetGroup.isElderly(birthDate: birth, on: today) { groups.append(.elderly) }
            let disabled = random.next(3) == 0
            if disabled { groups.append(.peopleWithDisabilities) }
            let draft = PersonDraft(
                name: name,
                identifierType: .egn,
                identifier: egn.value,
                birthDate: birth,
                sex: egn.sex,
                settlement: settlement,
                address:
                    "ул. „\(["Христо Ботев", "Васил Левски", "Цар Освободител", "Стефан Караджа"][random.next(4)])“ \(1 + random.next(90))",
                phone: "08\(88 + random.next(12)) \(100 + random.next(900)) \(100 + random.next(900))",
                targetGroups: groups,
                evidence: [],
                health: disabled
                    ? HealthDetails(
                        disabilityPercent: [50, 71, 80, 90, 95, 100][random.next(6)],
                        decisionExpiry: today.adding(days: 100 + random.next(1000)).iso
                    ) : nil
            )
            let person = Person()
            person.version = 1
            person.$provider.id = DemoProviders.municipal.id
            person.anonymised = false
            _ = try draft.apply(to: person, key: key)
            try await person.create(on: db)
            try await openCase(
                for: person,
                path: paths[index % paths.count],
                index: index,
                random: &random,
                services: services,
                dayCare: dayCare,
                caseWorker: caseWorker,
                key: key,
                today: today,
                now: now,
                actor: actor,
                on: db
            )
        }
    }

    private static func openCase(
        for person: Person,
        path: [CaseState],
        index: Int,
        random: inout Sequence,
        services: [ProvidedService],
        dayCare: ProvidedService?,
        caseWorker: UUID,
        key: DataKey,
        today: CalendarDay,
        now: Date,
        actor: AuditActor,
        on db: any Database
    ) async throws {
        let supportCase = SupportCase()
        supportCase.version = 1
        supportCase.$person.id = person.id!
        supportCase.$provider.id = DemoProviders.municipal.id
        supportCase.municipalityCode = person.municipalityCode
        supportCase.oblastCode = person.oblastCode
        supportCase.$caseWorker.id = caseWorker
        supportCase.state = CaseLifeCycle.initialState
        supportCase.referralSource = ReferralSource.allCases[random.next(ReferralSource.allCases.count)]
        supportCase.legalBasis = .socialServicesAct
        supportCase.requestSealed = try key.seal(requests[random.next(requests.count)])
        supportCase.openedOn = today.adding(days: -(30 + random.next(700))).iso
        supportCase.planNumber = 0
        try await CaseStore.numberCase(supportCase, on: db)
        try await supportCase.create(on: db)
        for target in path {
            let move = try CaseLifeCycle.transition(
                from: supportCase.state,
                to: target,
                reason: "Демонстрационни данни: \(target.label(in: .bg))",
                confirmedClosing: true
            )
            let record = CaseTransitionRecord()
            record.$supportCase.id = supportCase.id!
            record.fromState = move.from.rawValue
            record.toState = move.to.rawValue
            record.reasonSealed = try key.seal(move.reason)
            record.byName = actor.name
            record.at = now
            try await record.create(on: db)
            supportCase.state = target
            if target == .plan {
                try await assess(
                    person: person,
                    supportCase: supportCase,
                    random: &random,
                    key: key,
                    today: today,
                    now: now,
                    on: db
                )
            }
            if target == .active, let service = services.first {
                for number in 1...(1 + random.next(2)) {
                    let plan = SupportPlan(
                        goals: ["Да живее у дома сигурно", "Да излиза навън поне веднъж седмично"].prefix(number).map {
                            $0
                        },
                        services: [
                            PlannedService(
                                serviceID: service.id!,
                                type: service.serviceType,
                                frequency: ServiceFrequency(visits: 2 + number, per: .week, minutesPerVisit: 60)!,
                                preferredDays: [.monday, .wednesday, .friday]
                            )
                        ],
                        startDate: today.adding(days: -60),
                        reviewDate: today.adding(days: random.next(60)),
                        agreement: PlanAgreement(agreedBy: person.name.full, agreedOn: today.adding(days: -60))
                    )
                    let version = SupportPlanVersion()
                    version.$supportCase.id = supportCase.id!
                    version.number = number
                    version.planSealed = try key.sealJSON(plan)
                    version.reviewDate = plan.reviewDate.iso
                    version.createdBy = actor.name
                    version.createdAt = now
                    try await version.create(on: db)
                    supportCase.planNumber = number
                }
            }
        }
        supportCase.version = 1 + path.count
        try await supportCase.update(on: db)
        if let dayCare, index % 9 == 4 {
            try await refer(
                person: person,
                supportCase: supportCase,
                to: dayCare,
                status: ReferralStatus.allCases[(index / 9) % 4],
                key: key,
                today: today,
                now: now,
                on: db
            )
        }
    }

    private static func assess(
        person: Person,
        supportCase: SupportCase,
        random: inout Sequence,
        key: DataKey,
        today: CalendarDay,
        now: Date,
        on db: any Database
    ) async throws {
        var scores: [BarthelIndex.Item: Int] = [:]
        for item in BarthelIndex.Item.allCases {
            scores[item] = item.allowedScores[random.next(item.allowedScores.count)]
        }
        var levels: [LawtonIADL.Item: Int] = [:]
        for item in LawtonIADL.Item.allCases { levels[item] = random.next(item.levelScores.count) }
        let content = AssessmentContent(
            barthel: try BarthelIndex(scores: scores),
            lawton: try LawtonIADL(levels: levels),
            domains: [
                LifeDomainAssessment(
                    domain: .socialContactsAndLoneliness,
                    rating: NeedRating(rawValue: random.next(4))!,
                    inOwnWords: "Децата са в чужбина, говорим по телефона",
                    goal: "Да ходя в клуба на пенсионера"
                )
            ]
        )
        let assessment = Assessment()
        assessment.$supportCase.id = supportCase.id!
        assessment.$person.id = person.id!
        assessment.contentSealed = try key.sealJSON(content)
        assessment.dependenceDegree = 1 + random.next(4)
        assessment.signedOn = today.adding(days: -random.next(500)).iso
        assessment.signedBy = caseWorkerName
        assessment.createdAt = now
        try await assessment.create(on: db)
    }

    private static func refer(
        person: Person,
        supportCase: SupportCase,
        to service: ProvidedService,
        status: ReferralStatus,
        key: DataKey,
        today: CalendarDay,
        now: Date,
        on db: any Database
    ) async throws {
        let consent = SharingConsent()
        consent.$person.id = person.id!
        consent.$recipient.id = service.$provider.id
        consent.categories = [SharedDataCategory.identification, .contactDetails].map(\.rawValue).joined(separator: ",")
        consent.givenOn = today.adding(days: -20).iso
        consent.form = ConsentForm.written.rawValue
        try await consent.create(on: db)
        let shared = try await SharedRecordBuilder.build(
            person: person,
            supportCase: supportCase,
            categories: [.identification, .contactDetails],
            key: key,
            on: db
        )
        let referral = Referral()
        referral.version = 1
        referral.$supportCase.id = supportCase.id!
        referral.$fromProvider.id = DemoProviders.municipal.id
        referral.$toProvider.id = service.$provider.id
        referral.toServiceID = service.id
        referral.toMunicipalityCode = service.municipalityCode
        referral.toOblastCode = service.oblastCode
        referral.status = status
        referral.declineReason = status == .declined ? "Няма свободни места до март" : nil
        referral.sharedSealed = try key.sealJSON(shared)
        // What the referral form asks of every sender: why, how soon, whom to call.
        referral.reasonSealed = try key.seal("Дневна грижа и общуване с връстници няколко дни седмично")
        referral.urgency = .soon
        referral.contactName = caseWorkerName
        referral.contactPhone = "078 55 12 34"
        referral.sentAt = now
        referral.decidedAt = status == .sent ? nil : now
        try await referral.create(on: db)
    }
}
