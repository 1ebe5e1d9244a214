import Fluent
import Foundation
import OporaCore
import OporaScheduling
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Home care: each worker's published week as a calendar feed")
struct HomeCareCalendarTests {
    /// Makes the worker's feed as the demo's manager and returns its path, read from the one page
    /// that shows it.
    static func makeFeed(_ app: Application, for worker: UUID) async throws -> String {
        let manager = Browser(app)
        _ = try await manager.signIn("manager")
        let page = "/home-care/staff/\(worker)"
        let made = try await manager.post(page + "/calendar", [], from: page)
        #expect(made.status == .created)
        let path = try #require(made.body.string.firstMatch(of: /\/calendar\/[A-Za-z0-9_-]{43}\.ics/))
        return String(path.output)
    }

    /// A feed is read by a calendar program, with no session.
    static func read(_ app: Application, _ path: String) async throws -> TestingHTTPResponse {
        try await Browser(app).get(path)
    }

    /// The events of a calendar, their lines unfolded.
    static func events(_ calendar: String) -> [String] {
        calendar.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "BEGIN:VEVENT\r\n").dropFirst()
            .map { $0 }
    }

    static func colleague(_ app: Application, like worker: User) async throws -> User {
        let colleague = User(
            username: "colleague",
            displayName: "Анна Маринова",
            passwordHash: worker.passwordHash,
            provider: DemoProviders.municipal.id,
            place: ScopePlace(oblast: DemoProviders.oblast, municipality: DemoProviders.municipality),
            jobTitle: .personalAssistant
        )
        try await colleague.create(on: app.db)
        return colleague
    }

    struct Visit {
        var id: String
        var worker: UUID
        var day: Int
        var from: Double
    }

    /// A finished run of the week whose visits go to the workers named, in Кюстендил; published
    /// as the week's version `number` unless that is nil.
    static func plan(
        _ app: Application,
        week: CalendarDay,
        _ visits: [Visit],
        workers: [UUID],
        publishedAs number: Int?
    ) async throws {
        let problem = CareProblem(
            skills: ["personalCare"],
            places: [CareProblem.Place(id: "41112", latitude: 42.28, longitude: 22.69, kind: "town")],
            workers: workers.map { id in
                CareProblem.Worker(
                    id: id.uuidString,
                    skills: ["personalCare"],
                    shifts: (0..<5).map {
                        CareProblem.Shift(day: $0, start: 480, end: 960, startPlace: "41112", endPlace: "41112")
                    }
                )
            },
            visits: visits.map {
                CareProblem.Visit(
                    id: $0.id,
                    person: UUID().uuidString,
                    place: "41112",
                    day: $0.day,
                    duration: 60,
                    windows: [[$0.from, $0.from]],
                    skill: "personalCare",
                    requiredWorker: $0.worker.uuidString
                )
            }
        )
        let plan = try CareSolver.solve(problem, options: SearchOptions(timeLimit: .seconds(2), iterationLimit: 100))
        #expect(plan.unassigned.isEmpty)
        let run = PlanningRun()
        run.providerID = DemoProviders.municipal.id
        run.municipalityCode = DemoProviders.municipality
        run.oblastCode = DemoProviders.oblast
        run.week = week.iso
        run.state = PlanningRun.State.finished.rawValue
        run.attempts = 1
        run.requestedBy = "coordinator"
        run.createdAt = app.clock.now()
        run.seconds = 1
        run.problemSealed = try app.dataKey.sealJSON(problem)
        run.planSealed = try app.dataKey.sealJSON(plan)
        try await run.create(on: app.db)
        guard let number else { return }
        let version = WeekPlanVersion()
        version.providerID = run.providerID
        version.municipalityCode = run.municipalityCode
        version.oblastCode = run.oblastCode
        version.week = week.iso
        version.number = number
        version.runID = run.id!
        version.publishedBy = "coordinator"
        version.publishedAt = app.clock.now()
        try await version.create(on: app.db)
    }

    @Test(
        "The feed holds the worker's visits of the latest published version only: not a colleague's, not an unpublished run's, not beyond four weeks"
    )
    func feedHoldsPublishedVisits() async throws {
        try await withOpora { app, clock async throws in
            let worker = try #require(try await User.query(on: app.db).filter(\.$username == "careworker").first())
            let colleague = try await Self.colleague(app, like: worker)
            let today = CalendarDay.today(at: clock.now)
            let monday = today.adding(days: -Weekday.allCases.firstIndex(of: today.weekday)!)
            let both = [worker.id!, colleague.id!]
            try await Self.plan(
                app,
                week: monday,
                [
                    Visit(id: "mon", worker: worker.id!, day: 0, from: 540),
                    Visit(id: "tue", worker: worker.id!, day: 1, from: 600),
                    Visit(id: "wed-colleague", worker: colleague.id!, day: 2, from: 540),
                ],
                workers: both,
                publishedAs: 1
            )
            try await Self.plan(
                app,
                week: monday.adding(days: 7),
                [Visit(id: "unpublished", worker: worker.id!, day: 0, from: 540)],
                workers: both,
                publishedAs: nil
            )
            try await Self.plan(
                app,
                week: monday.adding(days: 35),
                [Visit(id: "far", worker: worker.id!, day: 0, from: 540)],
                workers: both,
                publishedAs: 1
            )
            let path = try await Self.makeFeed(app, for: worker.id!)

            let first = try await Self.read(app, path)
            #expect(first.status == .ok)
            #expect(first.headers.first(name: .contentType) == "text/calendar; charset=utf-8")
            let events = Self.events(first.body.string)
            #expect(events.count == 2)
            let tuesday = monday.adding(days: 1).iso.replacingOccurrences(of: "-", with: "")
            #expect(
                events[0].contains(
                    "DTSTART;TZID=Europe/Sofia:\(monday.iso.replacingOccurrences(of: "-", with: ""))T0900"
                )
            )
            #expect(
                events[1].contains(
                    "DTSTART;TZID=Europe/Sofia:\(tuesday)T100000\r\nDTEND;TZID=Europe/Sofia:\(tuesday)T110000"
                )
            )
            #expect(events[0].contains("SUMMARY:Лична грижа и помощ в домакинството — Кюстендил\r\n"))
            #expect(events[0].contains("LOCATION:Кюстендил\r\n"))
            #expect(first.body.string.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Sofia"))
            let mondayUID = try #require(events[0].firstMatch(of: /UID:([0-9a-f]+@opora)/)?.output.1)

            // A re-plan published as version 2 moves Monday's visit and gives Tuesday's to the colleague.
            try await Self.plan(
                app,
                week: monday,
                [
                    Visit(id: "mon", worker: worker.id!, day: 0, from: 720),
                    Visit(id: "tue", worker: colleague.id!, day: 1, from: 600),
                ],
                workers: both,
                publishedAs: 2
            )
            let second = Self.events(try await Self.read(app, path).body.string)
            #expect(second.count == 1)
            #expect(second[0].contains("UID:\(mondayUID)\r\n"))
            #expect(second[0].contains("T120000\r\n"))
        }
    }

    @Test(
        "A manager makes a worker's feed once; the care worker herself cannot; a revoked or unknown secret is not found"
    )
    func makeAndRevoke() async throws {
        try await withOpora { app, _ async throws in
            let worker = try #require(try await User.query(on: app.db).filter(\.$username == "careworker").first())
            let page = "/home-care/staff/\(worker.id!)"
            let herself = Browser(app)
            _ = try await herself.signIn("careworker")
            #expect(try await herself.post(page + "/calendar", [], from: "/").status == .forbidden)
            #expect(try await CalendarFeed.query(on: app.db).count() == 0)

            let path = try await Self.makeFeed(app, for: worker.id!)
            let secret = String(path.dropFirst("/calendar/".count).dropLast(".ics".count))
            let stored = try #require(try await CalendarFeed.query(on: app.db).first())
            #expect(stored.secretDigest == Secrets.digest(secret))
            #expect(stored.secretDigest != secret)
            #expect(try await Self.read(app, path).status == .ok)

            let manager = Browser(app)
            _ = try await manager.signIn("manager")
            let shown = try await manager.get(page).body.string
            #expect(shown.contains("Отнеми адреса"))
            #expect(!shown.contains("Създай адрес за календара"))
            #expect(!shown.contains(secret))
            let again = try await manager.post(page + "/calendar", [], from: page)
            #expect(again.status == .conflict)
            #expect(again.body.string.contains("Служителят вече има адрес за календара."))
            #expect(try await CalendarFeed.query(on: app.db).count() == 1)

            let revoked = try await manager.post(page + "/calendar/revoke", [], from: page)
            #expect(revoked.status == .seeOther)
            #expect(try await Self.read(app, path).status == .notFound)
            #expect(try await manager.get(page).body.string.contains("Създай адрес за календара"))
            #expect(try await manager.post(page + "/calendar/revoke", [], from: page).status == .notFound)
            let actions = try await AuditEvent.query(on: app.db).filter(\.$recordType == "calendar_feed")
                .filter(\.$recordID == stored.id!.uuidString).sort(\.$seq).all().map(\.action)
            #expect(actions == ["calendar_feed.created", "calendar_feed.revoked"])

            #expect(try await Self.read(app, "/calendar/\(Secrets.token()).ics").status == .notFound)
            #expect(try await Self.read(app, "/calendar/\(secret)").status == .notFound)
        }
    }

    @Test("Text values escape backslashes, semicolons, commas and line breaks, and keep Cyrillic as it is")
    func escaping() {
        #expect(
            ICalendar.escape("Кюстендил, ул. „Цар Освободител“ 1; вход А\r\nет. 2\\3")
                == #"Кюстендил\, ул. „Цар Освободител“ 1\; вход А\nет. 2\\3"#
        )
        #expect(ICalendar.escape("звънец\u{7}") == "звънец")
    }

    @Test("Lines are folded at 75 octets, between characters, and unfold to the line written")
    func folding() {
        let line = "SUMMARY:" + String(repeating: "Жабокрът", count: 8)
        let folded = ICalendar.fold(line)
        let physical = folded.components(separatedBy: "\r\n")
        #expect(physical.count > 1)
        #expect(physical.allSatisfy { $0.utf8.count <= 75 })
        // "SUMMARY:" is 8 octets and a Cyrillic letter 2: the first line stops before the 76th.
        #expect(physical[0].utf8.count == 74)
        #expect(physical.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
        #expect(ICalendar.fold("UID:short@opora") == "UID:short@opora")
    }

    @Test("A calendar is CRLF lines with one event per visit in Sofia's local time")
    func calendarText() {
        let day = CalendarDay(year: 2026, month: 12, day: 7)!
        let event = ICalendar.Event(
            uid: "abc@opora",
            stamp: Date(timeIntervalSince1970: 1_796_601_600),
            day: day,
            startMinute: 9 * 60 + 30,
            endMinute: 10 * 60 + 30,
            summary: "Лична грижа — Жабокрът",
            location: "Жабокрът"
        )
        let text = ICalendar(name: "Опора — посещения", events: [event]).text()
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(
            text.contains(
                "BEGIN:VEVENT\r\nUID:abc@opora\r\nDTSTAMP:20261207T000000Z\r\nDTSTART;TZID=Europe/Sofia:20261207T093000\r\nDTEND;TZID=Europe/Sofia:20261207T103000\r\n"
            )
        )
        #expect(ICalendar.local(day, minute: 1440) == "20261208T000000")
    }
}
