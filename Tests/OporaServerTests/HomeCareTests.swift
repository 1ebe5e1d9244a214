import Fluent
import Foundation
import NIOConcurrencyHelpers
import OporaCore
import OporaScheduling
import Testing
import VaporTesting
import ZIPFoundation

@testable import OporaServer

@Suite("Home care: staff, the week's visits, planning and publishing")
struct HomeCareTests {
    /// The week after the test clock's day.
    static func nextMonday(_ clock: TestClock) -> CalendarDay {
        let today = CalendarDay.today(at: clock.now)
        let offset = 7 - Weekday.allCases.firstIndex(of: today.weekday)!
        return today.adding(days: offset)
    }

    static let pattern: [(String, String)] =
        [
            ("version", ""), ("skills[]", "personalCare"), ("contractHours", "40"), ("homeSettlement", "41112"),
        ]
        + ["monday", "tuesday", "wednesday", "thursday", "friday"].flatMap {
            [("shiftDay[]", $0), ("shiftStart[]", "08:00"), ("shiftEnd[]", "16:00")]
        }

    /// The demo's care worker with a working pattern, and one person whose plan in force asks for
    /// an hour of assistant support every working day with that care worker as the chosen one.
    static func centreWithOnePlan(
        _ app: Application,
        _ clock: TestClock,
        chosen: Bool = true
    ) async throws -> (
        Browser, User, UUID
    ) {
        let coordinator = Browser(app)
        _ = try await coordinator.signIn("coordinator")
        let assistant = try #require(try await User.query(on: app.db).filter(\.$username == "careworker").first())
        let saved = try await coordinator.post(
            "/home-care/staff/\(assistant.id!)",
            pattern.filter { $0.0 != "version" },
            from: "/home-care/staff/\(assistant.id!)"
        )
        #expect(saved.status == .seeOther)
        let s = try await CaseFlowTests.setUp(app)
        let supportCase = try #require(try await SupportCase.find(s.supportCase.id, on: app.db))
        supportCase.state = .active
        try await supportCase.save(on: app.db)
        let service = try #require(
            try await ProvidedService.query(on: app.db).filter(\.$provider.$id == DemoProviders.municipal.id)
                .filter(\.$serviceType == .assistantSupport).first()
        )
        let today = CalendarDay.today(at: clock.now)
        let plan = SupportPlan(
            goals: ["Да остане у дома"],
            services: [
                PlannedService(
                    serviceID: service.id!,
                    type: .assistantSupport,
                    frequency: ServiceFrequency(visits: 1, per: .workingDay, minutesPerVisit: 60)!,
                    preferredTime: TimeWindow(startMinute: 9 * 60, endMinute: 12 * 60),
                    chosenWorkerID: chosen ? assistant.id : nil
                )
            ],
            startDate: today.adding(days: -7),
            reviewDate: today.adding(days: 90),
            agreement: PlanAgreement(agreedBy: "Йорданка Стоянова", agreedOn: today.adding(days: -7))
        )
        try await PlansInForce.agreeForDemo(
            plan,
            caseID: s.supportCase.id,
            by: "test",
            at: clock.now,
            key: app.dataKey,
            on: app.db
        )
        return (coordinator, assistant, s.supportCase.id)
    }

    @Test(
        "Overlapping shifts, hours beyond the law's 40 and an unknown settlement are refused beside their fields; nothing is saved"
    )
    func staffRefusals() async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            _ = try await browser.signIn("coordinator")
            let assistant = try #require(try await User.query(on: app.db).filter(\.$username == "careworker").first())
            let page = "/home-care/staff/\(assistant.id!)"
            let refused = try await browser.post(
                page,
                [
                    ("skills[]", "personalCare"), ("contractHours", "45"), ("homeSettlement", "99999"),
                    ("shiftDay[]", "monday"), ("shiftStart[]", "08:00"), ("shiftEnd[]", "12:00"),
                    ("shiftDay[]", "monday"), ("shiftStart[]", "11:00"), ("shiftEnd[]", "15:00"),
                ],
                from: page
            )
            #expect(refused.status == .unprocessableEntity)
            let body = refused.body.string
            #expect(body.contains("Въведете цяло число часове от 1 до 40.") == false)
            #expect(body.contains("Часовете по договор са от 1 до 40 седмично"))
            #expect(body.contains("Няма населено място с такъв код по ЕКАТТЕ."))
            #expect(
                body.contains(
                    #"<p class="field-error" id="shift-1-error">Смяната се застъпва с друга смяна в същия ден.</p>"#
                )
            )
            #expect(!body.contains(#"id="shift-0-error""#))
            #expect(body.contains(#"value="11:00""#))
            #expect(try await StaffMember.query(on: app.db).count() == 0)

            let huge = try await browser.post(page, [("contractHours", "99999999999999999999999")], from: page)
            #expect(huge.status == .unprocessableEntity)
            #expect(huge.body.string.contains("Въведете цяло число часове от 1 до 40."))

            #expect(
                try await browser.post(page, Self.pattern.filter { $0.0 != "version" }, from: page).status == .seeOther
            )
            let member = try #require(try await StaffMember.query(on: app.db).first())
            #expect(member.contractHours == 40)
            #expect(member.shiftList.count == 5)
            let stale = try await browser.post(
                page,
                Self.pattern.map { $0.0 == "version" ? ($0.0, "0") : $0 },
                from: page
            )
            #expect(stale.status == .conflict)
        }
    }

    @Test("An absence that ends before it starts is refused; a recorded one takes the worker's shifts off those days")
    func absences() async throws {
        try await withOpora { app, clock async throws in
            let (browser, assistant, _) = try await Self.centreWithOnePlan(app, clock)
            let monday = Self.nextMonday(clock)
            let page = "/home-care/staff/\(assistant.id!)"
            let backwards = try await browser.post(
                page + "/absences",
                [("kind", "sickness"), ("from", monday.adding(days: 2).iso), ("until", monday.iso)],
                from: page
            )
            #expect(backwards.status == .unprocessableEntity)
            #expect(backwards.body.string.contains("Отсъствието свършва преди да започне."))
            #expect(try await StaffAbsence.query(on: app.db).count() == 0)
            let sick = try await browser.post(
                page + "/absences",
                [("kind", "sickness"), ("from", monday.adding(days: 1).iso), ("until", monday.adding(days: 2).iso)],
                from: page
            )
            #expect(sick.status == .seeOther)
            let week = try await WeekDemandBuilder.week(
                provider: DemoProviders.municipal.id,
                monday: monday,
                scope: AccessScope(providers: [DemoProviders.municipal.id]),
                language: .bg,
                key: app.dataKey,
                on: app.db
            )
            let days = try #require(week.problem().workers.first { $0.id == assistant.id!.uuidString }).shifts.map(
                \.day
            )
            #expect(days == [0, 3, 4])
            // The chosen assistant is a hard choice on the days she works and a note on the others.
            #expect(week.rows.map { $0.requiredWorker != nil } == [true, false, false, true, true])
            #expect(week.rows[1].notes == ["Йорданка Иванова не е на работа в този ден"])
        }
    }

    @Test("The week shows a row per visit and the person's hours against the plan")
    func weekPage() async throws {
        try await withOpora { app, clock async throws in
            let (browser, _, caseID) = try await Self.centreWithOnePlan(app, clock)
            let monday = Self.nextMonday(clock)
            let page = try await browser.get("/home-care/weeks/\(monday.iso)")
            #expect(page.status == .ok)
            let body = page.body.string
            #expect(body.contains(#"<span class="figure">5</span> <span>посещения"#))
            #expect(body.contains("href=\"/cases/\(caseID)\""))
            #expect(body.contains("Йорданка Иванова"))
            #expect(try await browser.get("/home-care/weeks/\(monday.adding(days: 1).iso)").status == .notFound)
            #expect(try await browser.get("/home-care/weeks/not-a-day").status == .notFound)
        }
    }

    @Test(
        "Planning runs in the background to a plan with the chosen assistant; publishing twice from the same version is a conflict"
    )
    func planAndPublish() async throws {
        try await withOpora { app, clock async throws in
            let (browser, assistant, _) = try await Self.centreWithOnePlan(app, clock)
            let monday = Self.nextMonday(clock)
            let week = "/home-care/weeks/\(monday.iso)"
            // A second press while the first run searches gets that run; cancelling stops it.
            app.opora.planningSeconds = 600
            let long = try await browser.post(week + "/runs", [], from: week)
            let longPath = try #require(long.headers.first(name: .location))
            let again = try await browser.post(week + "/runs", [], from: week)
            #expect(again.headers.first(name: .location) == longPath)
            #expect(try await PlanningRun.query(on: app.db).count() == 1)
            #expect(try await browser.post(longPath + "/cancel", [], from: longPath).status == .seeOther)
            #expect(try await Self.waitUntilDone(app).runState == .cancelled)

            app.opora.planningSeconds = 1
            let asked = try await browser.post(week + "/runs", [], from: week)
            #expect(asked.status == .seeOther)
            let runPath = try #require(asked.headers.first(name: .location))
            #expect(runPath != longPath)
            let run = try await Self.waitUntilDone(
                app,
                id: UUID(uuidString: String(runPath.split(separator: "/").last!))
            )
            #expect(run.runState == .finished)
            let plan = try app.dataKey.openJSON(CarePlan.self, try #require(run.planSealed))
            let problem = try app.dataKey.openJSON(CareProblem.self, run.problemSealed)
            #expect(Set(plan.routes.filter { !$0.stops.isEmpty }.map(\.worker)) == [assistant.id!.uuidString])
            #expect(PlanFigures(plan: plan, problem: problem, seconds: 0).withChosen == 5)

            let csv = try await browser.get(runPath + "/plan.csv")
            #expect(csv.headers.contentType?.subType == "csv")
            let sheet = csv.body.string
            #expect(sheet.hasPrefix("\u{FEFF}Ден;Дата;От;До;Служител;Човек"))
            #expect(sheet.components(separatedBy: "\r\n").filter { $0.contains("Йорданка Иванова") }.count == 5)
            let workbook = try await browser.get(runPath + "/plan.xlsx")
            #expect(workbook.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let archive = try Archive(data: Data(buffer: workbook.body), accessMode: .read)
            let sheetEntry = try #require(archive["xl/worksheets/sheet1.xml"])
            var sheetXML = Data()
            _ = try archive.extract(sheetEntry) { sheetXML.append($0) }
            let cells = String(decoding: sheetXML, as: UTF8.self)
            #expect(cells.contains("<t xml:space=\"preserve\">Служител</t>"))
            #expect(cells.components(separatedBy: "Йорданка Иванова").count - 1 == 5)
            #expect(archive["[Content_Types].xml"] != nil && archive["xl/workbook.xml"] != nil)
            let shown = try await browser.get(runPath).body.string
            #expect(shown.contains("<svg"))
            #expect(shown.contains("5 / 5"))
            let first = try await browser.post(runPath + "/publish", [("basedOn", "0")], from: runPath)
            #expect(first.status == .seeOther)
            let second = try await browser.post(runPath + "/publish", [("basedOn", "0")])
            #expect(second.status == .conflict)
            #expect(try await WeekPlanVersion.query(on: app.db).all().map(\.number) == [1])
        }
    }

    /// The run (the only one when no id is given) once it has ended; a minute at most.
    static func waitUntilDone(_ app: Application, id: UUID? = nil) async throws -> PlanningRun {
        func current() async throws -> PlanningRun? {
            if let id { return try await PlanningRun.find(id, on: app.db) }
            return try await PlanningRun.query(on: app.db).first()
        }
        for _ in 0..<600 {
            if let run = try await current(), run.runState != .queued, run.runState != .running { return run }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the planning run did not end")
        return try #require(try await current())
    }

    @Test("A week with no visits is refused with the reason, and no run is queued")
    func nothingToPlan() async throws {
        try await withOpora { app, clock async throws in
            let browser = Browser(app)
            _ = try await browser.signIn("coordinator")
            let assistant = try #require(try await User.query(on: app.db).filter(\.$username == "careworker").first())
            _ = try await browser.post(
                "/home-care/staff/\(assistant.id!)",
                Self.pattern.filter { $0.0 != "version" },
                from: "/home-care/staff/\(assistant.id!)"
            )
            let week = "/home-care/weeks/\(Self.nextMonday(clock).iso)"
            let refused = try await browser.post(week + "/runs", [], from: week)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Седмицата няма посещения за планиране."))
            #expect(try await PlanningRun.query(on: app.db).count() == 0)
        }
    }

    @Test("A run left running by a stopped process is queued again, and failed after three attempts")
    func interruptedRuns() async throws {
        try await withOpora { app, clock async throws in
            func run(attempts: Int) async throws -> PlanningRun {
                let run = PlanningRun()
                run.providerID = DemoProviders.municipal.id
                run.municipalityCode = DemoProviders.municipality
                run.oblastCode = DemoProviders.oblast
                run.week = Self.nextMonday(clock).iso
                run.state = PlanningRun.State.running.rawValue
                run.attempts = attempts
                run.requestedBy = "coordinator"
                run.createdAt = clock.now
                run.heartbeatAt = clock.now.addingTimeInterval(-600)
                run.seconds = 1
                run.problemSealed = try app.dataKey.sealJSON(
                    CareProblem(skills: [], places: [], workers: [], visits: [])
                )
                try await run.create(on: app.db)
                return run
            }
            let once = try await run(attempts: 1)
            let thrice = try await run(attempts: 3)
            try await PlanningRuns.recoverInterrupted(on: app)
            #expect(try await PlanningRun.find(once.id, on: app.db)?.runState == .queued)
            let failed = try #require(try await PlanningRun.find(thrice.id, on: app.db))
            #expect(failed.runState == .failed)
            #expect(failed.error == "interrupted")
        }
    }

    @Test(
        "Care workers and case workers do not see home care; another provider's coordinator cannot reach this centre's staff or runs"
    )
    func scope() async throws {
        try await withOpora { app, clock async throws in
            let (_, assistant, _) = try await Self.centreWithOnePlan(app, clock)
            for role in ["careworker", "caseworker"] {
                let browser = Browser(app)
                _ = try await browser.signIn(role)
                #expect(try await browser.get("/home-care/staff").status == .forbidden)
                #expect(try await browser.get("/home-care/weeks/\(Self.nextMonday(clock).iso)").status == .forbidden)
            }
            try await addStaff(app, username: "ngo-coordinator", role: .coordinator, provider: DemoProviders.ngo.id)
            let other = Browser(app)
            _ = try await other.signIn("ngo-coordinator")
            #expect(try await other.get("/home-care/staff/\(assistant.id!)").status == .notFound)
            let saved = try await other.post(
                "/home-care/staff/\(assistant.id!)",
                Self.pattern,
                from: "/home-care/staff"
            )
            #expect(saved.status == .notFound)
            let listed = try await other.get("/home-care/staff").body.string
            #expect(!listed.contains("Йорданка Иванова"))
        }
    }

    @Test("A one-off visit longer than its window is refused; a good one joins the week; a cancellation needs a reason")
    func changesToTheWeek() async throws {
        try await withOpora { app, clock async throws in
            let (browser, _, caseID) = try await Self.centreWithOnePlan(app, clock)
            let monday = Self.nextMonday(clock)
            let week = "/home-care/weeks/\(monday.iso)"
            var fields = [
                ("person", caseID.uuidString), ("day", monday.adding(days: 5).iso), ("from", "10:00"),
                ("until", "10:30"),
                ("minutes", "45"), ("skill", "personalCare"), ("reason", "Пазаруване преди празника"),
            ]
            let long = try await browser.post(week + "/visits", fields, from: week)
            #expect(long.status == .unprocessableEntity)
            #expect(long.body.string.contains("Посещението е по-дълго от интервала."))
            #expect(long.body.string.contains("Пазаруване преди празника"))
            let outside = try await browser.post(
                week + "/visits",
                fields.map { $0.0 == "day" ? ("day", monday.adding(days: 7).iso) : $0 },
                from: week
            )
            #expect(outside.body.string.contains("Изберете ден от седмицата."))
            fields = fields.map { $0.0 == "until" ? ("until", "12:00") : $0 }
            #expect(try await browser.post(week + "/visits", fields, from: week).status == .seeOther)
            let scope = AccessScope(providers: [DemoProviders.municipal.id])
            func current() async throws -> PlanningWeek {
                try await WeekDemandBuilder.week(
                    provider: DemoProviders.municipal.id,
                    monday: monday,
                    scope: scope,
                    language: .bg,
                    key: app.dataKey,
                    on: app.db
                )
            }
            let withExtra = try await current()
            #expect(withExtra.problem().visits.count == 6)
            #expect(withExtra.rows.last?.visit.day == monday.adding(days: 5))

            let first = try #require(withExtra.rows.first?.visitID)
            let form = week + "/cancel?visit=" + first.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await browser.get(form).status == .ok)
            let silent = try await browser.post(week + "/cancel", [("visitID", first), ("reason", " ")], from: form)
            #expect(silent.status == .unprocessableEntity)
            #expect(try await current().problem().visits.count == 6)
            #expect(
                try await browser.post(week + "/cancel", [("visitID", first), ("reason", "В болница")], from: form)
                    .status == .seeOther
            )
            let after = try await current()
            #expect(after.problem().visits.count == 5)
            #expect(after.rows.first { $0.visitID == first }?.cancelled == true)
            #expect(
                try await browser.post(week + "/cancel", [("visitID", first), ("reason", "отново")], from: week).status
                    == .notFound
            )
        }
    }

    /// Keeps what it is given, so a test sees what a gateway would have been handed.
    final class RecordingSender: NoticeSender, @unchecked Sendable {
        private let sent = NIOLockedValueBox<[OutgoingNotice]>([])
        var channel: String { "test" }
        var notices: [OutgoingNotice] { sent.withLockedValue { $0 } }
        func send(_ notice: OutgoingNotice, logger: Logger) async throws { sent.withLockedValue { $0.append(notice) } }
    }

    /// A second assistant of the centre with the same working pattern.
    static func colleague(_ app: Application, _ browser: Browser, like assistant: User) async throws -> User {
        let colleague = User(
            username: "colleague",
            displayName: "Анна Маринова",
            passwordHash: assistant.passwordHash,
            provider: DemoProviders.municipal.id,
            place: ScopePlace(oblast: DemoProviders.oblast, municipality: DemoProviders.municipality),
            jobTitle: .personalAssistant
        )
        try await colleague.create(on: app.db)
        let page = "/home-care/staff/\(colleague.id!)"
        #expect(try await browser.post(page, Self.pattern.filter { $0.0 != "version" }, from: page).status == .seeOther)
        return colleague
    }

    @Test(
        "A coordinator moves a visit to a colleague: a start outside its window is refused with the rule, a good move is pinned"
    )
    func moveAVisit() async throws {
        try await withOpora { app, clock async throws in
            let (browser, _, _) = try await Self.centreWithOnePlan(app, clock, chosen: false)
            let colleague = try await Self.colleague(
                app,
                browser,
                like: try #require(try await User.query(on: app.db).filter(\.$username == "careworker").first())
            )
            app.opora.planningSeconds = 1
            let week = "/home-care/weeks/\(Self.nextMonday(clock).iso)"
            let runPath = try #require(
                try await browser.post(week + "/runs", [], from: week).headers.first(name: .location)
            )
            let run = try await Self.waitUntilDone(app)
            let problem = try app.dataKey.openJSON(CareProblem.self, run.problemSealed)
            let monday = try #require(problem.visits.first { $0.day == 0 })
            let late = try await browser.post(
                runPath + "/moves",
                [("visit", monday.id), ("worker", colleague.id!.uuidString), ("start", "15:00")],
                from: runPath
            )
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.string.contains("началото е извън часовия интервал на посещението"))
            let moved = try await browser.post(
                runPath + "/moves",
                [("visit", monday.id), ("worker", colleague.id!.uuidString), ("start", "10:00")],
                from: runPath
            )
            let movedPath = try #require(moved.headers.first(name: .location))
            let adjusted = try await Self.waitUntilDone(
                app,
                id: UUID(uuidString: String(movedPath.split(separator: "/").last!.split(separator: "?").first!))
            )
            #expect(adjusted.runState == .finished)
            let plan = try app.dataKey.openJSON(CarePlan.self, try #require(adjusted.planSealed))
            let stop = plan.routes.first { route in route.stops.contains { $0.visit == monday.id } }
            #expect(stop?.worker == colleague.id!.uuidString)
            #expect(stop?.stops.first { $0.visit == monday.id }?.start == 600)
            let pinned = try app.dataKey.openJSON(CareProblem.self, adjusted.problemSealed).visits.first {
                $0.id == monday.id
            }?.pinned
            #expect(pinned?.worker == colleague.id!.uuidString)
        }
    }

    @Test("A worker falls ill: re-planning gives her visits to a colleague, and each worker and the person is told")
    func replanAfterSickness() async throws {
        try await withOpora { app, clock async throws in
            let sender = RecordingSender()
            app.noticeSender = sender
            let (browser, assistant, _) = try await Self.centreWithOnePlan(app, clock)
            let colleague = User(
                username: "colleague",
                displayName: "Анна Маринова",
                passwordHash: assistant.passwordHash,
                provider: DemoProviders.municipal.id,
                place: ScopePlace(oblast: DemoProviders.oblast, municipality: DemoProviders.municipality),
                jobTitle: .personalAssistant
            )
            try await colleague.create(on: app.db)
            let colleaguePage = "/home-care/staff/\(colleague.id!)"
            #expect(
                try await browser.post(colleaguePage, Self.pattern.filter { $0.0 != "version" }, from: colleaguePage)
                    .status == .seeOther
            )
            app.opora.planningSeconds = 1
            let monday = Self.nextMonday(clock)
            let week = "/home-care/weeks/\(monday.iso)"
            let first = try #require(
                try await browser.post(week + "/runs", [], from: week).headers.first(name: .location)
            )
            _ = try await Self.waitUntilDone(app, id: UUID(uuidString: String(first.split(separator: "/").last!)))
            #expect(try await browser.post(first + "/publish", [("basedOn", "0")], from: first).status == .seeOther)
            #expect(sender.notices.isEmpty)

            let sickPage = "/home-care/staff/\(assistant.id!)"
            let sick = [
                ("kind", "sickness"), ("from", monday.adding(days: 1).iso), ("until", monday.adding(days: 2).iso),
            ]
            #expect(try await browser.post(sickPage + "/absences", sick, from: sickPage).status == .seeOther)
            let replan = try await browser.post(week + "/runs", [("mode", "replan")], from: week)
            let second = try #require(replan.headers.first(name: .location))
            let run = try await Self.waitUntilDone(
                app,
                id: UUID(uuidString: String(second.split(separator: "/").last!))
            )
            #expect(run.baseVersion == 1)
            let plan = try app.dataKey.openJSON(CarePlan.self, try #require(run.planSealed))
            let workersByDay = Dictionary(grouping: plan.routes.filter { !$0.stops.isEmpty }, by: \.day).mapValues {
                Set($0.map(\.worker))
            }
            #expect(workersByDay[1] == [colleague.id!.uuidString])
            #expect(workersByDay[2] == [colleague.id!.uuidString])
            #expect(workersByDay[0] == [assistant.id!.uuidString])
            let page = try await browser.get(second).body.string
            #expect(page.contains("Промени спрямо версия 1"))
            #expect(page.contains("Анна Маринова"))
            #expect(try await browser.post(second + "/publish", [("basedOn", "1")], from: second).status == .seeOther)
            let recipients = Set(sender.notices.map(\.recipient))
            #expect(recipients.contains(.user(assistant.id!)))
            #expect(recipients.contains(.user(colleague.id!)))
            #expect(sender.notices.count == 3)
            #expect(try await CareNotice.query(on: app.db).filter(\.$sentAt != nil).count() == 3)
            // The colleague sees the change on her home page.
            let her = Browser(app)
            _ = try await her.signIn("colleague")
            #expect(try await her.get("/").body.string.contains("Промени в графика:"))

            // Every notice names the person it is about, so her export lists them and erasure
            // removes them, the workers' copies too.
            let toPerson = try #require(
                try await CareNotice.query(on: app.db).filter(\.$recipientKind == "person").first()
            )
            let person = toPerson.recipientID
            #expect(try await CareNotice.query(on: app.db).filter(\.$aboutPersonID == person).count() == 3)
            // She sees on her own page what she was told, and nothing of the workers' notices.
            let (own, _) = try await MyPageTests.redeem(app, try await MyPageTests.invite(app, person))
            let ownWeek = try await own.get("/my/week").body.string
            #expect(ownWeek.contains("Промени в посещенията"))
            #expect(ownWeek.contains("Анна Маринова"), "the colleague who comes instead")
            let held = try await NoticePersonalData().load(person: person, on: app.db)
            let exported = try held.exported(.plannedServices, key: app.dataKey, language: .bg)
            #expect(exported.count == 3)
            #expect(exported.contains { $0.contains("до работещ") && $0.contains("Анна Маринова") })
            for field in NoticePersonalData().fields {
                try held.erase(field, as: field.onErasure, key: app.dataKey)
            }
            try await held.save(on: app.db)
            #expect(try await CareNotice.query(on: app.db).count() == 0)
        }
    }

    @Test("Re-planning pins the visits already started to their published worker and charges every other move")
    func replanningKeepsStartedVisits() throws {
        let monday = CalendarDay(year: 2026, month: 12, day: 7)!
        let problem = CareProblem(
            skills: ["personalCare"],
            places: [CareProblem.Place(id: "41112", latitude: 42.28, longitude: 22.69, kind: "town")],
            workers: ["a", "b"].map { id in
                CareProblem.Worker(
                    id: id,
                    skills: ["personalCare"],
                    shifts: (0..<5).map {
                        CareProblem.Shift(day: $0, start: 480, end: 960, startPlace: "41112", endPlace: "41112")
                    }
                )
            },
            visits: [
                CareProblem.Visit(id: "mon", person: "p", place: "41112", day: 0, duration: 60, windows: [[540, 600]]),
                CareProblem.Visit(
                    id: "tue-early",
                    person: "p",
                    place: "41112",
                    day: 1,
                    duration: 60,
                    windows: [[540, 600]]
                ),
                CareProblem.Visit(
                    id: "tue-late",
                    person: "p",
                    place: "41112",
                    day: 1,
                    duration: 60,
                    windows: [[700, 800]]
                ),
            ]
        )
        let published = try CareSolver.solve(
            problem,
            options: SearchOptions(timeLimit: .seconds(2), iterationLimit: 200)
        )
        #expect(published.unassigned.isEmpty)
        // Tuesday 10:00 in Sofia (08:00 UTC in winter).
        let now = Date(timeIntervalSince1970: 1_796_601_600 + 86_400 + 8 * 3600)
        #expect(CalendarDay.today(at: now) == monday.adding(days: 1))
        #expect(SofiaTime.minuteOfDay(now) == 600)
        let replanned = Replanning.problem(problem, published: published, monday: monday, now: now)
        let workers = Dictionary(
            published.routes.flatMap { route in route.stops.compactMap { $0.visit }.map { ($0, route.worker) } },
            uniquingKeysWith: { a, _ in a }
        )
        #expect(replanned.visits.map { $0.pinned?.worker } == [workers["mon"], workers["tue-early"], nil])
        #expect(replanned.visits.map { $0.pinned != nil } == [true, true, false])
        #expect(replanned.published?.map(\.visit) == ["mon", "tue-early", "tue-late"])

        // The worker of the early visit falls ill at 10:00: her Tuesday is gone from the week's
        // shifts, but what she has already done stays hers, and her day ends now.
        let early = try #require(workers["tue-early"])
        var ill = problem
        for index in ill.workers.indices where ill.workers[index].id == early {
            ill.workers[index].shifts.removeAll { $0.day == 1 }
        }
        let afterIllness = Replanning.problem(ill, published: published, monday: monday, now: now)
        #expect(afterIllness.visits.first { $0.id == "tue-early" }?.pinned?.worker == early)
        let tuesday = afterIllness.workers.first { $0.id == early }?.shifts.filter { $0.day == 1 } ?? []
        #expect(tuesday.count == 1)
        #expect(tuesday.first.map { $0.end >= 600 && $0.end <= 661 } == true)
        #expect(afterIllness.validate().isEmpty)
    }

    @Test(
        "The API records a pattern with the page's rules, lists the week, plans it, and hides it from another provider"
    )
    func api() async throws {
        try await withOpora { app, clock async throws in
            let (_, assistant, _) = try await Self.centreWithOnePlan(app, clock)
            let api = try await APIClient.signIn(app, "coordinator")
            let path = "/home-care/staff/\(assistant.id!)"
            let overlapping =
                #"{"version":1,"skills":["personalCare"],"contractHours":41,"homeSettlement":"41112","shifts":[{"weekday":"monday","start":"08:00","end":"12:00"},{"weekday":"monday","start":"11:00","end":"13:00"}]}"#
            let refused = try await api.call(.PUT, path, json: overlapping)
            #expect(refused.status == .unprocessableEntity)
            let fields = try refused.json(ProblemDetails.self).errors?.map(\.field) ?? []
            #expect(fields == ["contractHours", "shifts.1"])
            let tooLong =
                #"{"version":1,"skills":["personalCare"],"contractHours":40,"homeSettlement":"41112","shifts":[{"weekday":"monday","start":"08:00","end":"12:00"},{"weekday":"monday","start":"11:00","end":"13:00"}]}"#
            #expect(
                try await api.call(.PUT, path, json: tooLong).json(ProblemDetails.self).errors?.map(\.field) == [
                    "shifts.1"
                ]
            )
            let stale =
                #"{"version":7,"skills":["personalCare"],"contractHours":30,"homeSettlement":"41112","shifts":[]}"#
            #expect(try await api.call(.PUT, path, json: stale).status == .conflict)
            let saved = try await api.call(
                .PUT,
                path,
                json: stale.replacingOccurrences(of: #""version":7"#, with: #""version":1"#)
            )
            #expect(try saved.json(StaffDTO.self).contractHours == 30)

            let monday = Self.nextMonday(clock)
            let week = try await api.call(.GET, "/home-care/weeks/\(monday.iso)").json(WeekDTO.self)
            #expect(week.visits.count == 5)
            #expect(week.staffAtWork == 0)
            let nobody = try await api.call(.POST, "/home-care/weeks/\(monday.iso)/runs")
            #expect(nobody.status == .unprocessableEntity)

            try await addStaff(app, username: "ngo-coordinator", role: .coordinator, provider: DemoProviders.ngo.id)
            let other = try await APIClient.signIn(app, "ngo-coordinator")
            #expect(try await other.call(.PUT, path, json: stale).status == .notFound)
            #expect(
                try await other.call(.GET, "/home-care/weeks/\(monday.iso)?provider=\(DemoProviders.municipal.id)")
                    .status
                    == .notFound
            )
        }
    }

    @Test("A spreadsheet cell never starts a formula, and separators and quotes stay inside their cell")
    func csvCells() {
        #expect(PlanExport.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(PlanExport.field("-1") == "'-1")
        #expect(PlanExport.field("Иванова; Петрова") == "\"Иванова; Петрова\"")
        #expect(PlanExport.field("с. Жабокрът") == "с. Жабокрът")
    }

    @Test("A centre named by something that is not an id is a malformed request, not the default centre")
    func centreMustBeAnID() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "coordinator")
            #expect(try await api.call(.GET, "/home-care/staff?provider=%D0%B0").status == .badRequest)
            #expect(try await api.call(.GET, "/home-care/staff?provider=").status == .badRequest)
            #expect(try await api.call(.GET, "/home-care/staff").status == .ok)
            let browser = Browser(app)
            _ = try await browser.signIn("coordinator")
            #expect(try await browser.get("/home-care/staff?provider=x").status == .badRequest)
        }
    }
}
