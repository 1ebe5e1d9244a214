import Fluent
import Foundation
import OporaCore
import SQLKit
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Home care: staff development and supervision")
struct StaffDevelopmentTests {
    static func careworker(_ app: Application) async throws -> User {
        try #require(try await User.query(on: app.db).filter(\.$username == "careworker").first())
    }

    static func today(_ clock: TestClock) -> CalendarDay { CalendarDay.today(at: clock.now) }

    static func fields(
        worker: UUID?,
        kind: String = "training",
        day: String,
        hours: String = "1,5"
    )
        -> [(String, String)]
    {
        [
            ("worker", worker?.uuidString ?? ""), ("kind", kind), ("day", day), ("hours", hours),
            ("topic", "Първа помощ"), ("ledBy", "Мария Георгиева"),
        ]
    }

    static func recordBody(worker: UUID, kind: String, day: CalendarDay, hours: Double, version: Int? = nil) -> String {
        let v = version.map { #","version":\#($0)"# } ?? ""
        return
            #"{"userId":"\#(worker)","kind":"\#(kind)","day":"\#(day.iso)","hours":\#(hours),"topic":"Супервизия на случай","ledBy":"Елена Стоянова"\#(v)}"#
    }

    @Test("A manager records training with a decimal comma; the topic is sealed and the change audited")
    func recordsWithDecimalComma() async throws {
        try await withOpora { app, clock async throws in
            let worker = try await Self.careworker(app)
            let manager = Browser(app)
            _ = try await manager.signIn("manager")
            let saved = try await manager.post(
                "/home-care/development",
                Self.fields(worker: worker.id, day: Self.today(clock).iso),
                from: "/home-care/development"
            )
            #expect(saved.status == .seeOther)
            let records = try await DevelopmentRecord.query(on: app.db).all()
            #expect(records.count == 1)
            #expect(records.first?.hundredths == 150)
            #expect(records.first?.topicSealed.contains("Първа") == false)
            let audited = try await AuditEvent.query(on: app.db).filter(\.$action == "development.recorded").count()
            #expect(audited == 1)
            let page = try await manager.get("/home-care/development")
            #expect(page.body.string.contains("Първа помощ"))
            #expect(page.body.string.contains("1,5"))
        }
    }

    @Test("Refused input shows every message beside its field, in Bulgarian and English, and stores nothing")
    func refusesBadInput() async throws {
        try await withOpora { app, clock async throws in
            let worker = try await Self.careworker(app)
            let manager = Browser(app)
            _ = try await manager.signIn("manager")
            let tomorrow = Self.today(clock).adding(days: 1).iso
            for (hours, day) in [("25", tomorrow), ("0,3", "2026-02-30"), ("1,555", "2019-01-01"), ("-1", "")] {
                let refused = try await manager.post(
                    "/home-care/development",
                    Self.fields(worker: worker.id, kind: "", day: day, hours: hours),
                    from: "/home-care/development"
                )
                #expect(refused.status == .unprocessableEntity)
                let body = refused.body.string
                #expect(body.contains("Въведете часове от 0,5 до 24"))
                #expect(body.contains(#"id="hours-error""#))
                #expect(body.contains(#"id="kind-error""#))
                #expect(body.contains(#"id="day-error""#))
                #expect(body.contains(#"value="\#(hours)""#), "what was typed is kept")
            }
            let future = try await manager.post(
                "/home-care/development",
                Self.fields(worker: worker.id, day: tomorrow),
                from: "/home-care/development"
            )
            #expect(future.body.string.contains("датата не може да е след днешната"))
            _ = try await manager.post("/language", [("lang", "en"), ("back", "/")], from: "/")
            let english = try await manager.post(
                "/home-care/development",
                Self.fields(worker: nil, day: tomorrow, hours: "24,5"),
                from: "/home-care/development"
            )
            #expect(english.status == .unprocessableEntity)
            #expect(english.body.string.contains("Enter hours from 0.5 to 24"))
            #expect(english.body.string.contains("Choose a worker of the centre."))
            #expect(english.body.string.contains("the date cannot be after today"))
            #expect(try await DevelopmentRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("Workers without supervision, or whose last one is more than three months old, are overdue")
    func overdueList() async throws {
        try await withOpora { app, clock async throws in
            let worker = try await Self.careworker(app)
            let api = try await APIClient.signIn(app, "manager")
            // A fresh token each time, since the clock moves beyond a token's life.
            func overdue() async throws -> [UUID] {
                try await APIClient.signIn(app, "manager").call(.GET, "/home-care/development/overdue")
                    .json([DevelopmentAPI.WorkerDTO].self).map(\.userId)
            }
            #expect(try await overdue().contains(worker.id!))
            let never = Browser(app)
            _ = try await never.signIn("manager")
            let before = try await never.get("/home-care/development").body.string
            #expect(before.contains("веднага (още няма супервизия)"), "a worker never supervised is due now, not never")
            let created = try await api.call(
                .POST,
                "/home-care/development/records",
                json: Self.recordBody(worker: worker.id!, kind: "supervision", day: Self.today(clock), hours: 2)
            )
            #expect(created.status == .created)
            #expect(try await !overdue().contains(worker.id!))
            let due = SupervisionRule.due(after: Self.today(clock))
            clock.advance(minutes: Double(Self.today(clock).days(until: due)) * 24 * 60)
            #expect(try await !overdue().contains(worker.id!), "due day itself is in time")
            clock.advance(minutes: 24 * 60)
            let api2 = try await APIClient.signIn(app, "manager")
            let late = try await api2.call(.GET, "/home-care/development/overdue")
                .json([DevelopmentAPI.WorkerDTO].self)
            #expect(late.contains { $0.userId == worker.id! && $0.lastSupervision != nil })
            let page = Browser(app)
            _ = try await page.signIn("manager")
            #expect(try await page.get("/home-care/development").body.string.contains("закъсняла"))
        }
    }

    @Test("The year's hours add each worker's records of that calendar year by kind")
    func yearlyHours() async throws {
        try await withOpora { app, clock async throws in
            let worker = try await Self.careworker(app)
            let api = try await APIClient.signIn(app, "manager")
            let today = Self.today(clock)
            let lastYear = CalendarDay(year: today.year - 1, month: 12, day: 31)!
            let thisYear = CalendarDay(year: today.year, month: 1, day: 1)!
            for (kind, day, hours) in [
                ("training", thisYear, 4.5), ("training", today, 2.25), ("supervision", today, 1.0),
                ("training", lastYear, 8.0),
            ] {
                let r = try await api.call(
                    .POST,
                    "/home-care/development/records",
                    json: Self.recordBody(worker: worker.id!, kind: kind, day: day, hours: hours)
                )
                #expect(r.status == .created, "\(r.body.string)")
            }
            let year = try await api.call(.GET, "/home-care/development").json(DevelopmentAPI.YearDTO.self)
            let row = try #require(year.workers.first { $0.userId == worker.id! })
            #expect(row.hours["training"] == 6.75)
            #expect(row.totalHours == 7.75)
            #expect(row.sessions == 3)
            let previous = try await api.call(.GET, "/home-care/development?year=\(today.year - 1)")
                .json(DevelopmentAPI.YearDTO.self)
            #expect(previous.workers.first { $0.userId == worker.id! }?.totalHours == 8)
            for bad in ["1999", "\(today.year + 1)", "99999999999999999999", "abcd"] {
                #expect(try await api.call(.GET, "/home-care/development?year=\(bad)").status == .badRequest)
            }
            let tooPrecise = try await api.call(
                .POST,
                "/home-care/development/records",
                json: Self.recordBody(worker: worker.id!, kind: "training", day: today, hours: 1.255)
            )
            #expect(tooPrecise.status == .unprocessableEntity)

            // The same year as a file, with the page's columns and the decimal comma.
            let manager = Browser(app)
            _ = try await manager.signIn("manager")
            let centre = DemoProviders.municipal.id
            let csv = try await manager.get("/home-care/development/hours.csv?provider=\(centre)&year=\(today.year)")
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            let lines = csv.body.string.components(separatedBy: "\r\n")
            #expect(
                lines[0]
                    == "\u{FEFF}Име и фамилия;Длъжност;обучение;психологическа подкрепа;консултация;супервизия;Общо;Последна супервизия;Следваща супервизия до"
            )
            #expect(lines.contains { $0.hasPrefix(worker.displayName + ";") && $0.contains(";6,75;") })
            let xlsx = try await manager.get("/home-care/development/hours.xlsx?provider=\(centre)&year=\(today.year)")
            #expect(xlsx.status == .ok && xlsx.body.readableBytesView.starts(with: [0x50, 0x4B]))
            #expect(
                try await manager.get("/home-care/development/hours.csv?provider=\(DemoProviders.ngo.id)").status
                    == .notFound
            )
            #expect(try await manager.get("/home-care/development/hours.csv?year=1999").status == .badRequest)
            let careworker = Browser(app)
            _ = try await careworker.signIn("careworker")
            #expect(try await careworker.get("/home-care/development/hours.csv").status == .forbidden)
        }
    }

    @Test("A worker of another provider, or a record outside the scope, is not found; nothing is written")
    func otherProvidersWorkerIsNotFound() async throws {
        try await withOpora { app, clock async throws in
            let place = try await app.scopeDirectory.place(of: .provider, DemoProviders.ngo.id.uuidString, on: app.db)
            let outsider = User(
                username: "ngo-assistant",
                displayName: "Външна Асистентка",
                passwordHash: "x",
                provider: DemoProviders.ngo.id,
                place: place,
                jobTitle: .personalAssistant
            )
            try await outsider.create(on: app.db)
            let manager = Browser(app)
            _ = try await manager.signIn("manager")
            let page = try await manager.post(
                "/home-care/development",
                Self.fields(worker: outsider.id, day: Self.today(clock).iso),
                from: "/home-care/development"
            )
            #expect(page.status == .notFound)
            let api = try await APIClient.signIn(app, "manager")
            let call = try await api.call(
                .POST,
                "/home-care/development/records",
                json: Self.recordBody(worker: outsider.id!, kind: "training", day: Self.today(clock), hours: 1)
            )
            #expect(call.status == .notFound)
            #expect(try await DevelopmentRecord.query(on: app.db).count() == 0)
            // The NGO's manager records for their own worker; the centre's manager cannot open it.
            try await RoleGrant(
                userID: outsider.id!,
                role: .careWorker,
                scopeKind: .provider,
                scopeCode: DemoProviders.ngo.id.uuidString
            ).create(on: app.db)
            let ngo = try await APIClient.signIn(app, "ngo-manager")
            let theirs = try await ngo.call(
                .POST,
                "/home-care/development/records",
                json: Self.recordBody(worker: outsider.id!, kind: "training", day: Self.today(clock), hours: 1)
            )
            #expect(theirs.status == .created)
            let record = try theirs.json(DevelopmentAPI.RecordDTO.self)
            #expect(try await manager.get("/home-care/development/records/\(record.id)").status == .notFound)
            let put = try await api.call(
                .PUT,
                "/home-care/development/records/\(record.id)",
                json: Self.recordBody(
                    worker: outsider.id!,
                    kind: "training",
                    day: Self.today(clock),
                    hours: 3,
                    version: 1
                )
            )
            #expect(put.status == .notFound)
            #expect(try await DevelopmentRecord.find(record.id, on: app.db)?.hundredths == 100)
        }
    }

    @Test("Only the manager records; the coordinator and the director read; others are refused")
    func roleAccess() async throws {
        try await withOpora { app, clock async throws in
            let worker = try await Self.careworker(app)
            for (role, reads) in [
                ("manager", true), ("coordinator", true), ("director", true), ("caseworker", false),
                ("careworker", false),
            ] {
                let browser = Browser(app)
                _ = try await browser.signIn(role)
                let page = try await browser.get("/home-care/development")
                #expect((page.status == .ok) == reads, "\(role) \(page.status)")
                if role == "coordinator" {
                    let post = try await browser.post(
                        "/home-care/development",
                        Self.fields(worker: worker.id, day: Self.today(clock).iso),
                        from: "/home-care/development"
                    )
                    #expect(post.status == .forbidden)
                    #expect(!page.body.string.contains(#"action="/home-care/development" class="form""#))
                }
            }
            #expect(try await DevelopmentRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("Two edits from the same version: the second is a conflict and changes nothing")
    func concurrentEdit() async throws {
        try await withOpora { app, clock async throws in
            let worker = try await Self.careworker(app)
            let api = try await APIClient.signIn(app, "manager")
            let record = try await api.call(
                .POST,
                "/home-care/development/records",
                json: Self.recordBody(worker: worker.id!, kind: "consultation", day: Self.today(clock), hours: 1)
            ).json(DevelopmentAPI.RecordDTO.self)
            let first = try await api.call(
                .PUT,
                "/home-care/development/records/\(record.id)",
                json: Self.recordBody(
                    worker: worker.id!,
                    kind: "consultation",
                    day: Self.today(clock),
                    hours: 2,
                    version: 1
                )
            )
            #expect(first.status == .ok)
            let manager = Browser(app)
            _ = try await manager.signIn("manager")
            let second = try await manager.post(
                "/home-care/development/records/\(record.id)",
                [("version", "1")]
                    + Self.fields(worker: nil, kind: "consultation", day: Self.today(clock).iso, hours: "3"),
                from: "/home-care/development/records/\(record.id)"
            )
            #expect(second.status == .conflict)
            #expect(try await DevelopmentRecord.find(record.id, on: app.db)?.hundredths == 200)
        }
    }

    @Test("Pressing „Запиши“ twice with the same form records once")
    func doubleSubmit() async throws {
        try await withOpora { app, clock async throws in
            let worker = try await Self.careworker(app)
            let manager = Browser(app)
            _ = try await manager.signIn("manager")
            let form = try await manager.get("/home-care/development").body.string
            let token = try #require(
                form.range(of: #"name="formToken" value=""#).map { range in
                    String(form[range.upperBound...].prefix { $0 != "\"" })
                }
            )
            let fields = Self.fields(worker: worker.id, day: Self.today(clock).iso) + [("formToken", token)]
            #expect(try await manager.post("/home-care/development", fields).status == .seeOther)
            _ = try await manager.get("/home-care/development")
            #expect(try await manager.post("/home-care/development", fields).status == .seeOther)
            #expect(try await DevelopmentRecord.query(on: app.db).count() == 1)
        }
    }
}
