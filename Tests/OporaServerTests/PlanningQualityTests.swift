import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Planning: quality monitoring visits and the public catalogue of good practices")
struct PlanningQualityTests {
    static func dayCare(_ app: Application) async throws -> ServiceDTO {
        try await APIClient.signIn(app, "admin").call(.GET, "/services?provider=\(DemoProviders.ngo.id)")
            .json([ServiceDTO].self).first { $0.serviceType == "dayCare" }!
    }

    @Test("A visit is scored under the three headings; it cannot close while a recommendation is open")
    func visitFollowUp() async throws {
        try await withOpora { app, _ async throws in
            let inspector = try await APIClient.signIn(app, "inspector")
            let service = try await Self.dayCare(app)
            let created = try await inspector.call(
                .POST,
                "/planning/visits",
                json:
                    #"{"serviceId":"\#(service.id)","visitedOn":"2026-11-10","team":[{"name":"д-р Пламен Стоименов","sector":"health"},{"name":"Мирослав Андонов","sector":"police"}]}"#
            )
            #expect(created.status == .created)
            var visit = try created.json(VisitSummary.self)
            #expect(visit.team.map(\.sector) == ["health", "police"])
            let scored = try await inspector.call(
                .PUT,
                "/planning/visits/\(visit.id)/checklist",
                json:
                    #"{"scores":{"org-licence":2,"org-rules":1,"staff-training":0},"findings":"Липсва поддържащо обучение.","version":1}"#
            )
            #expect(scored.status == .ok)
            visit = try scored.json(VisitSummary.self)
            #expect(visit.headings.map(\.heading) == ["organisation", "staff", "effectiveness"])
            #expect(visit.headings[0].percent == "75,0 %" && visit.headings[2].percent == "—")
            let outOfScale = try await inspector.call(
                .PUT,
                "/planning/visits/\(visit.id)/checklist",
                json: #"{"scores":{"org-licence":7},"version":2}"#
            )
            #expect(outOfScale.status == .unprocessableEntity)
            let early = try await inspector.call(
                .POST,
                "/planning/visits/\(visit.id)/recommendations",
                json: #"{"text":"Обучение за двама служители","owner":"Калина Маринова","deadline":"2026-11-01"}"#
            )
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("Срокът не може да е преди датата на посещението"))
            let added = try await inspector.call(
                .POST,
                "/planning/visits/\(visit.id)/recommendations",
                json: #"{"text":"Обучение за двама служители","owner":"Калина Маринова","deadline":"2026-11-15"}"#
            )
            #expect(added.status == .created)
            visit = try added.json(VisitSummary.self)
            // The test clock stands on 18 November: the deadline of the 15th has passed.
            #expect(visit.overdueRecommendations == 1 && visit.openRecommendations == 1)
            let refused = try await inspector.call(.POST, "/planning/visits/\(visit.id)/close", json: #"{"version":2}"#)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("отворени препоръки (1)"))
            let item = visit.recommendations[0]
            let done = try await inspector.call(
                .POST,
                "/planning/recommendations/\(item.id)/close",
                json: #"{"note":"Двамата служители преминаха обучение на 14.11.","version":1}"#
            )
            #expect(done.status == .ok)
            let closed = try await inspector.call(.POST, "/planning/visits/\(visit.id)/close", json: #"{"version":2}"#)
            #expect(closed.status == .ok)
            #expect(try closed.json(VisitSummary.self).status == "closed")
            let director = try await APIClient.signIn(app, "director")
            #expect(try await director.call(.GET, "/planning/visits/\(visit.id)").status == .ok)
            #expect(
                try await director.call(.POST, "/planning/visits/\(visit.id)/close", json: #"{"version":3}"#).status
                    == .forbidden
            )
            let browser = Browser(app)
            _ = try await browser.signIn("inspector")
            let report = try await browser.get("/planning/visits/\(visit.id)/report")
            #expect(report.status == .ok)
            #expect(report.body.string.contains("квалификация и професионално развитие на персонала"))
            #expect(report.body.string.contains("Двамата служители преминаха обучение"))
        }
    }

    @Test(
        "A visit shows the centre's own figures under its headings: the people's ratings as counts, by face only from five"
    )
    func evidence() async throws {
        try await withOpora { app, _ in
            let file = try await MyPageTests.file(app, given: "Стефка", family: "Ангелова", serial: 21)
            let now = app.clock.now()
            let today = CalendarDay.today(at: now)
            var made: [UUID] = []
            for minute in [480, 600, 720, 840, 960] {
                made.append(
                    try await MyPageTests.visit(
                        app,
                        person: file.person.id,
                        day: today,
                        minute: minute,
                        checkedOut: now
                    )
                )
            }
            let (person, _) = try await MyPageTests.redeem(app, try await MyPageTests.invite(app, file.person.id))
            func rate(_ visit: UUID, _ face: String) async throws {
                let rated = try await person.post(
                    "/my/visits/\(visit)/rating",
                    [("face", face), ("word", "Много мила")],
                    from: "/my/week"
                )
                #expect(rated.status == .seeOther)
            }
            for (visit, face) in zip(made, ["good", "good", "good", "poor"]) { try await rate(visit, face) }

            let inspector = try await APIClient.signIn(app, "inspector")
            let service = try await APIClient.signIn(app, "admin").call(
                .GET,
                "/services?provider=\(DemoProviders.municipal.id)"
            ).json([ServiceDTO].self).first { $0.serviceType == "assistantSupport" }!
            // The figures run to the day before the visit: the team visits the centre tomorrow.
            let created = try await inspector.call(
                .POST,
                "/planning/visits",
                json:
                    #"{"serviceId":"\#(service.id)","visitedOn":"\#(today.adding(days: 1).iso)","team":[{"name":"Надежда Кирилова","sector":"socialAssistance"}]}"#
            )
            #expect(created.status == .created)
            let visit = try created.json(VisitSummary.self)
            #expect(visit.headings[0].evidence.isEmpty)
            #expect(visit.headings[1].evidence.contains { $0.hasPrefix("Обучение и супервизия") })
            let effectiveness = visit.headings[2].evidence
            #expect(effectiveness.contains { $0.contains("състояли се") })
            #expect(
                effectiveness.contains {
                    $0.hasPrefix("Оценки на посещенията от потребителите: 4. Под 5 оценки не се показват по лица")
                }
            )

            try await rate(made[4], "neutral")
            let again = try await inspector.call(.GET, "/planning/visits/\(visit.id)").json(VisitSummary.self)
            #expect(
                again.headings[2].evidence.contains {
                    $0.hasSuffix(": 5 — Добре 3, Горе-долу 1, Зле 1; „Добре“: 60 %.")
                }
            )

            // What a person wrote beside a face stays with the team: the monitoring page shows none of it.
            let browser = Browser(app)
            _ = try await browser.signIn("inspector")
            let page = try await browser.get("/planning/visits/\(visit.id)")
            #expect(page.body.string.contains("Какво показват данните на доставчика в Опора"))
            #expect(!page.body.string.contains("Много мила"))
            // The list reads no figures.
            let listed = try await inspector.call(.GET, "/planning/visits").json([VisitSummary].self)
            #expect(listed.first { $0.id == visit.id }?.headings.allSatisfy(\.evidence.isEmpty) == true)
        }
    }

    @Test("A visit outside the inspector's oblast is not found, and the page refuses closing with open recommendations")
    func visitScopeAndPage() async throws {
        try await withOpora { app, _ async throws in
            let admin = try await APIClient.signIn(app, "admin")
            let sofia = try #require(
                try await admin.call(.GET, "/services").json([ServiceDTO].self).first { $0.municipalityCode == "SOF46" }
            )
            let far = try await admin.call(
                .POST,
                "/planning/visits",
                json: #"{"serviceId":"\#(sofia.id)","visitedOn":"2026-11-10"}"#
            ).json(VisitSummary.self)
            let inspector = try await APIClient.signIn(app, "inspector")
            #expect(try await inspector.call(.GET, "/planning/visits/\(far.id)").status == .notFound)
            let outside = try await inspector.call(
                .POST,
                "/planning/visits",
                json: #"{"serviceId":"\#(sofia.id)","visitedOn":"2026-11-10"}"#
            )
            #expect(outside.status == .unprocessableEntity)
            let service = try await Self.dayCare(app)
            let browser = Browser(app)
            _ = try await browser.signIn("inspector")
            let started = try await browser.post(
                "/planning/visits",
                [
                    ("serviceId", service.id.uuidString), ("visitedOn", "2026-11-12"),
                    ("teamHealth", "д-р Пламен Стоименов"),
                ],
                from: "/planning/visits"
            )
            #expect(started.status == .seeOther)
            let location = try #require(started.headers.first(name: .location))
            _ = try await browser.post(
                location + "/recommendations",
                [
                    ("text", "Процедура за жалби на видно място"), ("owner", "Калина Маринова"),
                    ("deadline", "2026-12-15"),
                ],
                from: location
            )
            let refused = try await browser.post(location + "/close", [("version", "1")], from: location)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Посещението не може да бъде приключено"))
            #expect(refused.body.string.contains(#"class="error-summary""#))
        }
    }

    @Test(
        "The catalogue is read without an account, searched in Cyrillic or Latin; a practice without evidence is refused"
    )
    func practices() async throws {
        try await withOpora { app, _ async throws in
            let visitor = Browser(app)
            let empty = try await visitor.get("/practices")
            #expect(empty.status == .ok)
            let browser = Browser(app)
            _ = try await browser.signIn("planner")
            let fields: [(String, String)] = [
                ("title", "Мобилен екип в малките села"), ("problem", "Възрастни хора без почасови услуги"),
                ("description", "Асистенти обикалят селата по график."), ("contact", "078 55 00 00"),
                ("providerName", "Община Кюстендил"), ("municipalityCode", "KNL29"),
            ]
            let bare = try await browser.post(
                "/planning/practices",
                fields + [("evidence", "")],
                from: "/planning/practices/new"
            )
            #expect(bare.status == .unprocessableEntity)
            #expect(bare.body.string.contains("Добра практика без доказателства"))
            #expect(try await GoodPractice.query(on: app.db).count() == 0)
            let published = try await browser.post(
                "/planning/practices",
                fields + [("evidence", "Чакащите намаляха от 14 на 3 за една година по данни на общината.")],
                from: "/planning/practices/new"
            )
            #expect(published.status == .seeOther)
            let found = try await visitor.get("/practices?q=\(Browser.encode("малките села"))")
            #expect(found.body.string.contains("Мобилен екип в малките села"))
            let latin = try await visitor.get("/practices?q=mobilen")
            #expect(latin.body.string.contains("Мобилен екип в малките села"))
            let none = try await visitor.get("/practices?q=\(Browser.encode("приемна грижа"))")
            #expect(!none.body.string.contains("Мобилен екип"))
            let location = try #require(published.headers.first(name: .location))
            let moved = try await browser.post(
                location.replacingOccurrences(of: "/practices/", with: "/planning/practices/") + "/transfers",
                [
                    ("municipalityCode", "KNL48"), ("adoptedOn", "2026-10-01"),
                    ("result", "Чакащите в Дупница намаляха наполовина."),
                ],
                from: location
            )
            #expect(moved.status == .seeOther)
            let shown = try await visitor.get(location)
            #expect(shown.status == .ok && shown.body.string.contains("Дупница"))
            let director = Browser(app)
            _ = try await director.signIn("director")
            let foreign = try await director.post(
                location.replacingOccurrences(of: "/practices/", with: "/planning/practices/") + "/transfers",
                [("municipalityCode", "KNL48"), ("adoptedOn", "2026-10-01"), ("result", "—")],
                from: location
            )
            #expect(foreign.status == .unprocessableEntity)
        }
    }
}
