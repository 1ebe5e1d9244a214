import Fluent
import OporaCore
import Vapor

/// The Kyustendil centre's staff for the demo (40 across the seed's professions and 2 drivers),
/// their working patterns and a few absences, and richer plans for the people it serves, so the
/// demo week has visits to plan. Deterministic.
enum DemoStaff {
    static let names = [
        "Албена Петрова", "Анна Маринова", "Борислава Цветкова", "Валентина Кирова", "Веселина Пенева",
        "Галина Стойчева", "Даниела Колева", "Донка Якимова", "Евгения Спасова", "Екатерина Найденова",
        "Живка Томова", "Зорница Велчева", "Иваничка Гърова", "Калина Зафирова", "Красимира Лазарова",
        "Лилия Бончева", "Магдалена Русева", "Мариела Христова", "Нели Вълчева", "Невена Славова",
        "Павлина Гочева", "Петя Арсова", "Радослава Китова", "Румяна Иванчева", "Светла Ненова",
        "Силвия Любенова", "Таня Стаменова", "Теменуга Игнатова", "Цветелина Радева",
        "Николай Гьошев", "Стела Белчева", "Ирина Попова", "Вяра Кръстева", "Борис Танев", "Илиана Чакърова",
        "Мирослав Димов", "Деян Симов", "Гергана Алексова", "Огнян Калчев", "Любомир Чавдаров", "Камен Ралев",
        "Петко Стоименов",
    ]
    /// Professions after the 29 personal assistants (the demo's `careworker` is the thirtieth).
    static let others: [JobTitle] = [
        .personalAssistant, .socialWorker, .socialWorker, .socialWorker, .psychologist, .kinesitherapist,
        .kinesitherapist, .medicalWorker, .medicalWorker, .socialMediator, .socialMediator, .driver, .driver,
    ]

    static func seed(_ demo: DemoSeeding) async throws {
        let db = demo.db
        let centre = DemoProviders.municipal.id
        let assistantID = try demo.account("careworker")
        guard let assistant = try await Scoped.unscopedFind(User.self, assistantID, on: db, .administration) else {
            return
        }
        let scope = AccessScope(providers: [centre])
        let plans = try await PlansInForce.at(provider: centre, scope, key: demo.key, on: db)
            .sorted { ($0.settlementEkatte, $0.caseID.uuidString) < ($1.settlementEkatte, $1.caseID.uuidString) }
        guard let town = try await TerritoryQueries.municipality(DemoProviders.municipality, on: db)?.centreEkatte
        else {
            return
        }
        // Each chooser's assistant lives where the first of their people lives.
        let delivering = plans.filter { !$0.suspended }
        let choosers = delivering.enumerated().filter { $0.offset % 3 != 2 }.map(\.element)
        var staff: [(user: User, job: JobTitle, home: String)] = [(assistant, .personalAssistant, town)]
        for (index, name) in names.enumerated() {
            let job: JobTitle = index < 29 ? .personalAssistant : others[index - 29]
            let user = User(
                username: "staff\(index + 1 < 10 ? "0" : "")\(index + 1)",
                displayName: name,
                passwordHash: assistant.passwordHash,
                provider: centre,
                place: ScopePlace(oblast: DemoProviders.oblast, municipality: DemoProviders.municipality),
                jobTitle: job
            )
            try await user.create(on: db)
            try await RoleGrant(
                userID: user.id!,
                role: job == .socialWorker ? .caseWorker : .careWorker,
                scopeKind: .provider,
                scopeCode: centre.uuidString
            ).create(on: db)
            try await demo.audit(
                "user.created",
                "user",
                user.id!,
                changes: [FieldChange(field: "username", old: nil, new: user.username)]
            )
            staff.append((user, job, town))
        }
        let assistants = staff.indices.filter { staff[$0].job == .personalAssistant }
        // The first 22 assistants work split shifts, morning and evening, and are the ones people
        // choose; the others work days, and six of them weekends.
        let chosenPool = Array(assistants.prefix(22))
        for (offset, plan) in choosers.enumerated() where offset / 2 < chosenPool.count {
            if offset % 2 == 0 { staff[chosenPool[offset / 2]].home = plan.settlementEkatte }
        }
        let today = CalendarDay.today(at: demo.now)
        for (index, member) in staff.enumerated() {
            let pattern = Self.pattern(for: member.job, rank: assistants.firstIndex(of: index))
            let profile = StaffMember()
            profile.version = 1
            profile.userID = member.user.id!
            profile.providerID = centre
            profile.municipalityCode = DemoProviders.municipality
            profile.oblastCode = DemoProviders.oblast
            profile.skills = CareSkill.defaults(for: member.job).map(\.rawValue).sorted().joined(separator: ",")
            profile.contractHours = 40
            profile.homeSettlement = member.home
            profile.shifts = String(decoding: try JSONEncoder().encode(pattern), as: UTF8.self)
            try await profile.create(on: db)
            try await demo.audit("staff.created", "staff", profile.id!)
            if index == 7 || index == 25 {
                try await absence(.leave, profile, from: today.adding(days: 3), days: 10, demo)
            } else if index == 12 {
                try await absence(.sickness, profile, from: today.adding(days: -2), days: 5, demo)
            } else if index == 31 {
                try await absence(.training, profile, from: today.adding(days: 9), days: 2, demo)
            }
        }
        try await agreePlans(delivering, choosers: choosers, chosenPool: chosenPool.map { staff[$0].user.id! }, demo)
    }

    private static func absence(
        _ kind: Absence.Kind,
        _ profile: StaffMember,
        from: CalendarDay,
        days: Int,
        _ demo: DemoSeeding
    )
        async throws
    {
        let record = StaffAbsence()
        record.$staff.id = profile.id!
        record.kind = kind.rawValue
        record.fromDay = from.iso
        record.untilDay = from.adding(days: days - 1).iso
        record.createdBy = demo.actor.name
        record.createdAt = demo.now
        try await record.create(on: demo.db)
    }

    /// Split shifts 07:00–11:00 and 15:00–19:00 for the assistants people choose; days 09:00–17:00
    /// for the others, six of whom cover weekends (Wednesday to Sunday); 08:00–16:00 for the rest.
    static func pattern(for job: JobTitle, rank: Int?) -> [Shift] {
        let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
        func shifts(_ days: [Weekday], _ start: Int, _ end: Int) -> [Shift] {
            days.map { Shift(weekday: $0, startMinute: start * 60, endMinute: end * 60) }
        }
        guard job == .personalAssistant, let rank else { return shifts(weekdays, 8, 16) }
        if rank < 22 { return shifts(weekdays, 7, 11) + shifts(weekdays, 15, 19) }
        if rank < 28 { return shifts([.wednesday, .thursday, .friday, .saturday, .sunday], 8, 16) }
        return shifts(weekdays, 9, 17)
    }

    /// A new version of each delivering plan: assistant support four times a working day, a
    /// social worker's consultation every week, and for two in three therapy twice a week and
    /// personal assistance every day; two in three people chose their assistant and a substitute.
    private static func agreePlans(
        _ delivering: [PlanInForce],
        choosers: [PlanInForce],
        chosenPool: [UUID],
        _ demo: DemoSeeding
    ) async throws {
        let services = try await ServiceStore.list(
            AccessScope(providers: [DemoProviders.municipal.id]),
            providerID: DemoProviders.municipal.id,
            on: demo.db
        )
        func service(_ type: SocialServiceType) -> ProvidedService? { services.first { $0.serviceType == type } }
        guard let support = service(.assistantSupport) else { return }
        let chooserIndex = Dictionary(
            choosers.enumerated().map { ($0.element.caseID, $0.offset) },
            uniquingKeysWith: { a, _ in a }
        )
        let today = CalendarDay.today(at: demo.now)
        for (index, entry) in delivering.enumerated() {
            var chosen: UUID?
            var substitute: UUID?
            if let offset = chooserIndex[entry.caseID], offset / 2 < chosenPool.count {
                chosen = chosenPool[offset / 2]
                substitute = chosenPool[(offset / 2 + 1) % chosenPool.count]
            }
            var planned = [
                PlannedService(
                    serviceID: support.id!,
                    type: .assistantSupport,
                    frequency: ServiceFrequency(visits: 4, per: .workingDay, minutesPerVisit: 25)!,
                    preferredTime: TimeWindow(startMinute: 7 * 60, endMinute: 19 * 60),
                    chosenWorkerID: chosen,
                    substituteWorkerID: substitute
                )
            ]
            if index % 3 != 0, let therapy = service(.therapyAndRehabilitation) {
                planned.append(
                    PlannedService(
                        serviceID: therapy.id!,
                        type: .therapyAndRehabilitation,
                        frequency: ServiceFrequency(visits: 2, per: .week, minutesPerVisit: 45)!,
                        preferredDays: [.tuesday, .thursday],
                        preferredTime: TimeWindow(startMinute: 9 * 60, endMinute: 16 * 60)
                    )
                )
            }
            if let consultation = service(.informationAndConsultation) {
                planned.append(
                    PlannedService(
                        serviceID: consultation.id!,
                        type: .informationAndConsultation,
                        frequency: ServiceFrequency(visits: 1, per: .week, minutesPerVisit: 60)!
                    )
                )
            }
            let assistance =
                index % 3 != 0
                ? PersonalAssistanceGrant(
                    degree: .third,
                    monthlyHours: 40,
                    assistantID: chosen,
                    substituteAssistantID: substitute,
                    frequency: ServiceFrequency(visits: 1, per: .day, minutesPerVisit: 45),
                    agreementSignedOn: today.adding(days: -20)
                ) : nil
            let plan = SupportPlan(
                goals: entry.plan.goals + ["Помощ четири пъти всеки работен ден: сутрин, обед, следобед и вечер"],
                services: planned,
                startDate: today.adding(days: -14),
                reviewDate: today.adding(days: 120),
                personalAssistance: assistance,
                agreement: PlanAgreement(agreedBy: entry.personName, agreedOn: today.adding(days: -14))
            )
            try await PlansInForce.agreeForDemo(
                plan,
                caseID: entry.caseID,
                by: "coordinator",
                at: demo.now,
                key: demo.key,
                on: demo.db
            )
        }
    }
}
