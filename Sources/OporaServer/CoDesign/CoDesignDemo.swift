import Fluent
import Foundation
import OporaCore

/// The demo's workshops: Kyustendil's series "Услуги за хора с увреждания в общината 2027" in
/// every stage. Two sessions held, each with attendance, proposals and a closed round; the third
/// held two days ago with its dot-voting round still open; the fourth to come. Participants of
/// every kind, one of them taking part through an assistant.
enum CoDesignDemo {
    static let series = UUID(uuidString: "c0de5160-0000-4000-8000-000000000001")!

    static let people: [(String, CoDesignParticipantKind)] = [
        ("Мария Стоянова", .serviceUser), ("Георги Петков", .serviceUser), ("Даниела Кирилова", .serviceUser),
        ("Станка Георгиева", .familyCarer), ("Иван Методиев", .familyCarer), ("Петя Николова", .providerStaff),
        ("Борислав Ангелов", .providerStaff), ("Надежда Костова", .official), ("Емил Маринов", .citizen),
        ("Радостина Илиева", .ngo), ("Виктор Динев", .observer),
    ]

    static let proposals: [(String, String, session: Int, author: Int?, assisted: Bool)] = [
        (
            "Достъпен транспорт до центъра",
            "Специализиран транспорт с рампа два пъти седмично до дневния център и до болницата.", 0, 0, false
        ),
        (
            "Лични асистенти и през почивните дни",
            "Услугата личен асистент да покрива и съботите и неделите, поне по четири часа.", 0, 3, false
        ),
        (
            "Информация на лесен за четене език",
            "Всички документи за услугите да имат кратко обяснение с прости думи и картинки.", 0, 2, true
        ),
        (
            "Център за почивка на близките", "Краткосрочна грижа до пет дни, за да могат близките да си починат.", 0, 4,
            false
        ),
        (
            "Обучение на служителите по жестов език",
            "Поне един служител във всяка услуга да владее български жестов език.", 1, 5, false
        ),
        (
            "Рампи пред общинските сгради",
            "Проверка на достъпа до всички общински сгради и план за рампите до края на 2027.", 1, 1, false
        ),
        ("Дневна грижа в селата", "Мобилен екип, който посещава селата на общината веднъж седмично.", 2, 9, false),
        ("Консултации за работа", "Консултант, който помага на хора с увреждания да намерят работа.", 2, 7, false),
    ]

    static func seed(_ demo: DemoSeeding) async throws {
        let now = demo.now
        let today = CalendarDay.today(at: now)
        let record = CoDesignSeries()
        record.id = series
        record.version = 1
        record.oblastCode = DemoProviders.oblast
        record.municipalityCode = DemoProviders.municipality
        record.title = "Услуги за хора с увреждания в общината 2027"
        record.goal =
            "Общината, потребителите на социални услуги, техните близки и доставчиците заедно определят кои "
            + "услуги за хора с увреждания да се развият през 2027 г., какво да се промени в съществуващите и как "
            + "ще разберем, че промяната е станала. Всеки участник има един глас; решенията стават действия с "
            + "отговорник и срок, а напредъкът се показва публично."
        record.easyRead =
            "Срещаме се четири пъти. Говорим за услугите за хора с увреждания. Всеки може да предложи нещо. "
            + "Всеки има един глас. Пишем какво решаваме и кой ще го направи."
        record.schedule = "Четири работни срещи, веднъж месечно, в сряда от 14:00 до 16:30."
        record.createdAt = now.addingTimeInterval(-70 * 86_400)
        try await record.create(on: demo.db)
        try await demo.audit("codesign.series.created", "codesign_series", series)

        let days = [-56, -28, -2, 26]
        let places = [
            "Заседателна зала на Община Кюстендил, пл. „Велбъжд“ 1",
            "Дневен център за хора с увреждания, ул. „Демокрация“ 44",
        ]
        var sessions: [CoDesignSession] = []
        for (index, offset) in days.enumerated() {
            let session = CoDesignSession()
            session.seriesID = series
            session.oblastCode = DemoProviders.oblast
            session.municipalityCode = DemoProviders.municipality
            session.day = today.adding(days: offset).iso
            session.starts = "14:00"
            session.place = places[index % 2]
            session.stepFree = true
            session.signLanguage = index != 1
            session.easyReadMaterial = true
            session.agenda =
                [
                    "Запознаване; какво работи и какво не в услугите днес; първи предложения; подреждане по важност.",
                    "Нови предложения; оценка от 0 до 5 на всяко предложение.",
                    "Предложения от селата; разпределяне на точки.",
                    "Решения, отговорници и срокове; план за действие.",
                ][index]
            session.materials = "Кратко описание на услугите в общината на лесен за четене език; карта на достъпа."
            if index < 2 {
                // The two sessions held long enough ago have their minutes published; the third's wait.
                session.minutes =
                    "Среща \(index + 1) от поредицата „Услуги за хора с увреждания в общината 2027“.\n"
                    + "Присъстваха потребители на услуги, близки, служители на доставчици, на общината, "
                    + "граждани и неправителствена организация; един наблюдател.\n"
                    + "Дневен ред: \(session.agenda)\n"
                    + "Резултатите от гласуването и решенията са на публичната страница на поредицата."
                session.minutesVersion = 1
                session.minutesPublishedAt = SofiaTime.instant(on: today.adding(days: offset + 3), minute: 10 * 60)
            }
            try await session.create(on: demo.db)
            sessions.append(session)
        }

        var participants: [CoDesignParticipant] = []
        for (name, kind) in people {
            let participant = CoDesignParticipant()
            participant.seriesID = series
            participant.oblastCode = DemoProviders.oblast
            participant.municipalityCode = DemoProviders.municipality
            participant.nameSealed = try demo.key.seal(name)
            participant.kind = kind
            participant.codeDigest = Secrets.digest(try CoDesignStore.newCode())
            participant.registeredAt = record.createdAt
            participant.createdAt = record.createdAt
            try await participant.create(on: demo.db)
            participants.append(participant)
        }
        for (index, session) in sessions.prefix(3).enumerated() {
            for (position, participant) in participants.enumerated() {
                let row = CoDesignAttendance()
                row.sessionID = session.id!
                row.participantID = participant.id!
                row.oblastCode = DemoProviders.oblast
                row.municipalityCode = DemoProviders.municipality
                row.attended = (position + index) % 5 != 4
                try await row.create(on: demo.db)
            }
        }

        var made: [CoDesignProposal] = []
        for (index, item) in proposals.enumerated() {
            let proposal = CoDesignProposal()
            proposal.seriesID = series
            proposal.sessionID = sessions[item.session].id
            proposal.oblastCode = DemoProviders.oblast
            proposal.municipalityCode = DemoProviders.municipality
            proposal.participantID = item.author.map { participants[$0].id! }
            proposal.title = item.0
            proposal.text = item.1
            proposal.assisted = item.assisted
            proposal.fromPublicPage = false
            proposal.createdAt = SofiaTime.instant(on: today.adding(days: days[item.session]), minute: 15 * 60 + index)
            try await proposal.create(on: demo.db)
            made.append(proposal)
        }

        let voters = participants.filter(\.kind.votes)
        // Ranking of the first four proposals, by each voter, as indexes into `made`.
        let rankings: [[Int]] = [
            [0, 2, 1, 3], [0, 1, 2, 3], [2, 0, 3, 1], [1, 3, 0, 2], [3, 1, 0, 2],
            [0, 3, 2, 1], [2, 1, 0, 3], [1, 0, 3, 2], [0, 2, 3, 1], [3, 0, 1, 2],
        ]
        try await round(
            demo,
            title: "Кои предложения са най-важни? (подреждане)",
            method: .ranking,
            dots: 0,
            closed: true,
            opened: sessions[0],
            ballots: zip(voters, rankings).map { voter, order in
                (voter, Dictionary(uniqueKeysWithValues: order.enumerated().map { (made[$1].id!, $0 + 1) }))
            }
        )
        let scores: [[Int]] = [
            [5, 4, 3, 4, 2, 5], [4, 5, 4, 3, 3, 4], [5, 3, 5, 2, 4, 5], [3, 4, 2, 5, 3, 4], [4, 4, 4, 4, 5, 3],
            [5, 2, 3, 3, 2, 5], [2, 5, 4, 4, 5, 4], [4, 3, 5, 2, 3, 5], [5, 4, 3, 3, 4, 4],
        ]
        try await round(
            demo,
            title: "Оценка на предложенията от 0 до 5",
            method: .scores,
            dots: 0,
            closed: true,
            opened: sessions[1],
            ballots: zip(voters, scores).map { voter, marks in
                (voter, Dictionary(uniqueKeysWithValues: marks.enumerated().map { (made[$0].id!, $1) }))
            }
        )
        try await decisions(demo, made: made, day: today.adding(days: days[1]))
        let dots: [[Int: Int]] = [[6: 3, 0: 2], [7: 2, 6: 1, 1: 2], [6: 5], [2: 2, 6: 2, 7: 1], [0: 1, 1: 1, 7: 3]]
        try await round(
            demo,
            title: "Разпределете пет точки",
            method: .dots,
            dots: 5,
            closed: false,
            opened: sessions[2],
            ballots: zip(voters, dots).map { voter, marks in
                (voter, Dictionary(uniqueKeysWithValues: marks.map { (made[$0.key].id!, $0.value) }))
            }
        )
    }

    /// The first two sessions' decisions, followed up: one done, one under way, one planned.
    private static func decisions(_ demo: DemoSeeding, made: [CoDesignProposal], day: CalendarDay) async throws {
        let services = try await ServiceStore.list(
            AccessScope(municipalities: [DemoProviders.municipality]),
            providerID: nil,
            on: demo.db
        ).sorted { $0.name < $1.name }
        let owner = "Община Кюстендил, дирекция „Социални дейности“"
        let items:
            [(
                proposal: Int, text: String, why: String, action: String, due: Int, state: CoDesignActionState,
                percent: Int
            )] = [
                (
                    0, "Специализиран транспорт до дневния център от 2027 г.",
                    "Първо място при подреждането (31 точки по Борда).",
                    "Поръчка на микробус с рампа и график два пъти седмично", 150, .underWay, 40
                ),
                (
                    1, "Лична помощ и в събота и неделя",
                    "Второ място при подреждането; най-висока средна оценка от близките.",
                    "Промяна на графика на личните асистенти", -5, .done, 100
                ),
                (
                    2, "Документите за услугите и на лесен за четене език",
                    "Предложение, записано с помощ, подкрепено от всички групи.",
                    "Превод на описанията на услугите на лесен за четене език", 90, .planned, 0
                ),
            ]
        for (index, item) in items.enumerated() {
            let decision = CoDesignDecision()
            decision.seriesID = series
            decision.oblastCode = DemoProviders.oblast
            decision.municipalityCode = DemoProviders.municipality
            decision.proposalID = made[item.proposal].id
            decision.text = item.text
            decision.rationale = item.why
            decision.createdAt = SofiaTime.instant(on: day, minute: 16 * 60 + 20 + index)
            try await decision.create(on: demo.db)
            let action = CoDesignAction()
            action.version = 1
            action.decisionID = decision.id!
            action.oblastCode = DemoProviders.oblast
            action.municipalityCode = DemoProviders.municipality
            action.title = item.action
            action.owner = owner
            action.dueOn = day.adding(days: item.due).iso
            action.serviceID = services.isEmpty ? nil : services[index % services.count].id
            action.state = item.state
            action.percent = item.percent
            action.updatedAt = decision.createdAt
            try await action.create(on: demo.db)
        }
    }

    private static func round(
        _ demo: DemoSeeding,
        title: String,
        method: CoDesignMethod,
        dots: Int,
        closed: Bool,
        opened session: CoDesignSession,
        ballots: [(CoDesignParticipant, [UUID: Int])]
    ) async throws {
        let day = CalendarDay(iso: session.day)!
        let round = CoDesignRound()
        round.version = 1
        round.seriesID = series
        round.oblastCode = DemoProviders.oblast
        round.municipalityCode = DemoProviders.municipality
        round.title = title
        round.method = method
        round.dots = dots
        round.state = closed ? .closed : .open
        round.openedAt = SofiaTime.instant(on: day, minute: 15 * 60 + 30)
        round.closedAt = closed ? SofiaTime.instant(on: day, minute: 16 * 60 + 15) : nil
        try await round.create(on: demo.db)
        for (index, (voter, marks)) in ballots.enumerated() {
            let ballot = CoDesignBallotRecord()
            ballot.roundID = round.id!
            ballot.participantID = voter.id!
            ballot.oblastCode = DemoProviders.oblast
            ballot.municipalityCode = DemoProviders.municipality
            ballot.marks = String(
                decoding: try JSONEncoder().encode(
                    Dictionary(uniqueKeysWithValues: marks.map { ($0.key.uuidString, $0.value) })
                ),
                as: UTF8.self
            )
            ballot.assisted = voter.kind == .serviceUser && index == 2
            ballot.castAt = SofiaTime.instant(on: day, minute: 15 * 60 + 40 + index)
            try await ballot.create(on: demo.db)
        }
        try await demo.audit("codesign.round.opened", "codesign_series", series)
    }
}
