import Fluent
import OporaCore
import Vapor

/// Planning's part of the demo: how each service of oblast Кюстендил is funded and its Map
/// maxima for this year and the last, two monitoring visits (one with an overdue
/// recommendation), and good practices, among them the Русе complex for children and families
/// named one in 2012, with its transfer to Кюстендил.
enum DemoPlanning {
    static func seed(_ demo: DemoSeeding) async throws {
        let today = CalendarDay.today(at: demo.now)
        let services = try await Scoped.unscoped(ProvidedService.self, on: demo.db, .administration)
            .filter(\.$oblastCode == DemoProviders.oblast).with(\.$provider).sort(\.$name).all()
        for service in services {
            let entry = RegisterEntry()
            entry.version = 1
            entry.serviceID = service.id!
            entry.providerID = service.$provider.id
            entry.municipalityCode = service.municipalityCode
            entry.oblastCode = service.oblastCode
            entry.fundingRegime = regime(of: service)
            try await entry.create(on: demo.db)
            for year in [today.year - 1, today.year] {
                let maximum = MapCapacity()
                maximum.serviceID = service.id!
                maximum.providerID = service.$provider.id
                maximum.municipalityCode = service.municipalityCode
                maximum.oblastCode = service.oblastCode
                maximum.year = year
                maximum.maxUsers = mapMaximum(of: service, year: year, current: today.year)
                try await maximum.create(on: demo.db)
            }
            try await demo.audit("register.updated", "service", service.id!)
        }
        try await seedVisits(services, today: today, demo)
        try await seedPractices(today: today, demo)
    }

    /// Hourly and community services are paid locally or by projects; the rest are delegated by the state.
    private static func regime(of service: ProvidedService) -> FundingRegime {
        switch service.serviceType {
        case .communityWork: .project
        case .informationAndConsultation: .local
        default: .stateDelegated
        }
    }

    /// The Map's maximum, as the places of the register, except Кюстендил's assistant support,
    /// whose Map allows fewer users than the municipality has places for, as happens where the
    /// Map lags behind a municipality's growth; a service without places gets a modest maximum.
    private static func mapMaximum(of service: ProvidedService, year: Int, current: Int) -> Int {
        if service.municipalityCode == DemoProviders.municipality, service.serviceType == .assistantSupport {
            return year == current ? 40 : 35
        }
        return service.capacityPlaces ?? max((service.capacityHoursPerWeek ?? 0) / 4, 10)
    }

    private static func seedVisits(_ services: [ProvidedService], today: CalendarDay, _ demo: DemoSeeding) async throws
    {
        let inspector = DemoProviders.accounts.first { $0.username == "inspector" }?.displayName ?? ""
        guard
            let dayCare = services.first(where: {
                $0.$provider.id == DemoProviders.ngo.id && $0.serviceType == .dayCare
            }),
            let dupnitsa = services.first(where: { $0.municipalityCode == "KNL48" && $0.serviceType == .dayCare })
        else { return }
        let open = try await visit(
            dayCare,
            on: today.adding(days: -40),
            inspector: inspector,
            team: [
                TeamMember(name: "Надежда Кирилова", sector: .socialAssistance),
                TeamMember(name: "д-р Пламен Стоименов", sector: .health),
            ],
            scores: [
                "org-licence": .met, "org-rules": .partly, "org-records": .met, "staff-numbers": .partly,
                "staff-training": .notMet, "effect-goals": .met, "effect-hours": .met, "effect-voice": .partly,
            ],
            findings:
                "Центърът работи с 28 потребители при 30 места. Двама от шестимата служители нямат поддържащо обучение през годината. Процедурата за жалби не е поставена на видно място.",
            demo
        )
        try await recommendation(
            open,
            "Да се осигури поддържащо обучение за двамата служители без обучение през годината",
            owner: "Калина Маринова, ръководител",
            deadline: today.adding(days: -10),
            closed: nil,
            demo
        )
        try await recommendation(
            open,
            "Процедурата за жалби да се постави на видно място и да се обясни на потребителите",
            owner: "Калина Маринова, ръководител",
            deadline: today.adding(days: 20),
            closed: nil,
            demo
        )
        // Today's visit to the municipal centre: the team has scored only the papers so far, and
        // the centre's own figures (visits made, ratings, supervision) stand under the headings.
        if let assistance = services.first(where: {
            $0.$provider.id == DemoProviders.municipal.id && $0.serviceType == .assistantSupport
        }) {
            _ = try await visit(
                assistance,
                on: today,
                inspector: inspector,
                team: [TeamMember(name: "Надежда Кирилова", sector: .socialAssistance)],
                scores: ["org-licence": .met, "org-records": .partly],
                findings: "",
                demo
            )
        }
        let closed = try await visit(
            dupnitsa,
            on: today.adding(days: -120),
            inspector: inspector,
            team: [TeamMember(name: "Мирослав Андонов", sector: .police)],
            scores: Dictionary(uniqueKeysWithValues: QualityCriterion.checklist.map { ($0.id, CriterionScore.met) }),
            findings: "Услугата отговаря на стандартите. Препоръката от посещението е изпълнена в срок.",
            demo
        )
        try await recommendation(
            closed,
            "Да се обнови информационното табло за потребителите",
            owner: "Директор на центъра",
            deadline: today.adding(days: -90),
            closed: today.adding(days: -95),
            demo
        )
        closed.status = .closed
        closed.closedOn = today.adding(days: -90).iso
        try await closed.update(on: demo.db)
    }

    private static func visit(
        _ service: ProvidedService,
        on day: CalendarDay,
        inspector: String,
        team: [TeamMember],
        scores: [String: CriterionScore],
        findings: String,
        _ demo: DemoSeeding
    ) async throws -> MonitoringVisit {
        let visit = MonitoringVisit()
        visit.version = 1
        visit.serviceID = service.id!
        visit.providerID = service.$provider.id
        visit.municipalityCode = service.municipalityCode
        visit.oblastCode = service.oblastCode
        visit.visitedOn = day.iso
        visit.inspectorName = inspector
        visit.team = String(decoding: try JSONEncoder().encode(team), as: UTF8.self)
        visit.scores = String(decoding: try JSONEncoder.sorted.encode(scores.mapValues(\.rawValue)), as: UTF8.self)
        visit.findings = findings
        visit.status = .open
        try await visit.create(on: demo.db)
        try await demo.audit("visit.created", "visit", visit.id!)
        return visit
    }

    private static func recommendation(
        _ visit: MonitoringVisit,
        _ text: String,
        owner: String,
        deadline: CalendarDay,
        closed: CalendarDay?,
        _ demo: DemoSeeding
    ) async throws {
        let item = Recommendation()
        item.version = 1
        item.$visit.id = visit.id!
        item.providerID = visit.providerID
        item.municipalityCode = visit.municipalityCode
        item.oblastCode = visit.oblastCode
        item.text = text
        item.owner = owner
        item.deadline = deadline.iso
        item.status = closed == nil ? .open : .closed
        item.closedOn = closed?.iso
        item.closingNote = closed == nil ? nil : "Изпълнено, проверено на място."
        try await item.create(on: demo.db)
        try await demo.audit("recommendation.created", "recommendation", item.id!)
    }

    private static func seedPractices(today: CalendarDay, _ demo: DemoSeeding) async throws {
        let practices: [(String, String, String, String, String, String, String)] = [
            (
                "Комплекс за социални услуги за деца и семейства – Русе",
                "Деца, изведени от семействата си, и семейства в риск без подкрепа на едно място",
                "Неправителствена организация управлява в една сграда център за обществена подкрепа, приемна грижа и консултиране на семейства, с общ екип и общ случай за детето и семейството.",
                "Определен за добра практика от Агенцията за социално подпомагане през 2012 г.; по данни на доставчика над 60 % от подкрепените семейства са избегнали извеждане на детето.",
                "Комплекс за социални услуги, гр. Русе, тел. 082 82 00 00",
                "Сдружение „Партньори – Русе“",
                "RSE27"
            ),
            (
                "Мобилен екип за асистентска подкрепа в малките села",
                "Възрастни хора в отдалечени села без достъп до почасови услуги",
                "Асистенти пътуват по график с общински автомобил между селата на общината и обслужват по няколко души на ден.",
                "Общината отчита намаляване на чакащите за асистентска подкрепа от 14 на 3 за една година, при същия брой асистенти.",
                "Община Кюстендил, дирекция „Социални дейности“, тел. 078 55 00 00",
                DemoProviders.municipal.name,
                DemoProviders.municipality
            ),
        ]
        var created: [GoodPractice] = []
        for (title, problem, description, evidence, contact, provider, code) in practices {
            guard let municipality = try await TerritoryQueries.municipality(code, on: demo.db) else { continue }
            let draft = PracticeStore.Draft(
                title: title,
                problem: problem,
                description: description,
                evidence: evidence,
                contact: contact,
                providerName: provider,
                municipality: municipality
            )
            let practice = GoodPractice()
            practice.version = 1
            practice.title = title
            practice.problem = problem
            practice.practiceDescription = description
            practice.evidence = evidence
            practice.contact = contact
            practice.providerName = provider
            practice.municipalityCode = code
            practice.oblastCode = municipality.oblastCode
            practice.searchText = PracticeStore.searchText(draft)
            practice.sortKey = BulgarianCollation.sortKey(title)
            try await practice.create(on: demo.db)
            try await demo.audit("practice.created", "practice", practice.id!)
            created.append(practice)
        }
        if let ruse = created.first {
            let transfer = PracticeTransfer()
            transfer.$practice.id = ruse.id!
            transfer.municipalityCode = "KNL48"
            transfer.oblastCode = "KNL"
            transfer.adoptedOn = today.adding(days: -300).iso
            transfer.result = "Дупница обедини центъра за обществена подкрепа и консултирането на семейства в общ екип."
            try await transfer.create(on: demo.db)
        }
    }
}
