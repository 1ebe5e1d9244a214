import Fluent
import Foundation
import OporaCore
import OporaScheduling
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Home care: a worker's day and the visits recorded on it")
struct VisitRecordingTests {
    /// A visit today on the demo's care worker, to the person of a case whose plan is in force,
    /// starting `minutesAgo` before the test clock's time, for an hour.
    static func visitToday(
        _ app: Application,
        _ clock: TestClock,
        worker: UUID,
        person: UUID,
        minutesAgo: Int = 10,
        key: String = "test/1"
    ) async throws -> CareVisit {
        let today = CalendarDay.today(at: clock.now)
        let start = SofiaTime.minuteOfDay(clock.now) - minutesAgo
        let visit = CareVisit()
        visit.version = 1
        visit.providerID = DemoProviders.municipal.id
        visit.municipalityCode = DemoProviders.municipality
        visit.oblastCode = DemoProviders.oblast
        visit.week = today.adding(days: -Weekday.allCases.firstIndex(of: today.weekday)!).iso
        visit.visitKey = key
        visit.planNumber = 1
        visit.state = CareVisit.State.planned.rawValue
        visit.workerID = worker
        visit.personID = person
        visit.day = today.iso
        visit.startMinute = start
        visit.endMinute = start + 60
        visit.skill = CareSkill.personalCare.rawValue
        visit.settlement = "41112"
        visit.tasksDone = ""
        try await visit.create(on: app.db)
        return visit
    }

    struct Centre {
        var coordinator: Browser
        var worker: User
        var person: UUID
        var caseID: UUID
        var visit: CareVisit
    }

    static func centre(_ app: Application, _ clock: TestClock) async throws -> Centre {
        let (coordinator, worker, caseID) = try await HomeCareTests.centreWithOnePlan(app, clock)
        let person = try #require(try await SupportCase.find(caseID, on: app.db)).$person.id
        let visit = try await visitToday(app, clock, worker: worker.id!, person: person)
        return Centre(coordinator: coordinator, worker: worker, person: person, caseID: caseID, visit: visit)
    }

    static func event(_ client: String, _ kind: String, extra: String = "") -> String {
        #"{"clientId":"\#(client)","kind":"\#(kind)"\#(extra)}"#
    }

    @Test(
        "The worker's day lists the visit with the address, a geo: link, the plan's goals and the tasks; only notes the person agreed to share; opening it is audited"
    )
    func dayPage() async throws {
        try await withOpora { app, clock async throws in
            let c = try await Self.centre(app, clock)
            let caseworker = try await APIClient.signIn(app, "caseworker")
            let shared = try await caseworker.call(
                .POST,
                "/cases/\(c.caseID)/notes",
                json: #"{"text":"Кучето е добро, но звънете два пъти.","forVisitingWorkers":true}"#
            )
            #expect(shared.status == .created)
            #expect(
                try await caseworker.call(
                    .POST,
                    "/cases/\(c.caseID)/notes",
                    json: #"{"text":"Дългове към топлофикация."}"#
                )
                .status == .created
            )
            let browser = Browser(app)
            _ = try await browser.signIn("careworker")
            let before = try await AuditEvent.query(on: app.db).filter(\.$action == "person.opened").count()
            let page = try await browser.get("/home-care/my-day")
            #expect(page.status == .ok)
            let body = page.body.string
            #expect(body.contains("Да остане у дома"))
            #expect(body.contains("Кучето е добро, но звънете два пъти."))
            #expect(!body.contains("Дългове към топлофикация."))
            #expect(body.contains("href=\"geo:"))
            #expect(body.contains(VisitTask.hygiene.label(in: .bg)) == false, "tasks come after check-in")
            #expect(body.contains("Пристигнах"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "person.opened").count() == before + 1)

            // The person's file beyond the visit stays closed to the care worker.
            #expect(try await browser.get("/people/\(c.person)").status == .forbidden)
            #expect(try await browser.get("/cases/\(c.caseID)").status == .forbidden)
        }
    }

    @Test(
        "Check-in and check-out through the API; the same id again is answered as before and recorded once; a check-out before check-in is refused"
    )
    func checkInOut() async throws {
        try await withOpora { app, clock async throws in
            let c = try await Self.centre(app, clock)
            let phone = try await APIClient.signIn(app, "careworker")
            let path = "/home-care/visits/\(c.visit.id!)/events"
            let early = try await phone.call(.POST, path, json: Self.event("out-0000-0001", "checkOut"))
            #expect(early.status == .conflict)
            #expect(try early.json(VisitEventResultDTO.self).message?.contains("първо отбележете пристигане") == true)

            let body = Self.event("in-0000-0001", "checkIn", extra: #","latitude":42.2858,"longitude":22.6914"#)
            let first = try await phone.call(.POST, path, json: body)
            #expect(first.status == .created)
            let replay = try await phone.call(.POST, path, json: body)
            #expect(replay.status == .ok)
            #expect(try replay.json(VisitEventResultDTO.self).replayed)
            #expect(try await VisitEvent.query(on: app.db).filter(\.$clientID == "in-0000-0001").count() == 1)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "visit.checkIn").count() == 1)
            let recorded = try #require(try await CareVisit.find(c.visit.id, on: app.db))
            #expect(recorded.checkInAt == clock.now)
            // Only the distance is kept, never the position.
            #expect(recorded.checkInMetres != nil)
            let kept = try await VisitEvent.query(on: app.db).all()
            #expect(!kept.contains { "\($0.messageBG ?? "")\($0.messageEN ?? "")".contains("42.28") })

            // A second phone, a second id: the first check-in stands.
            let other = try await phone.call(.POST, path, json: Self.event("in-0000-0002", "checkIn"))
            #expect(other.status == .conflict)
            #expect(try other.json(VisitEventResultDTO.self).problem == "visit.alreadyCheckedIn")

            let tasks = Self.event(
                "progress-0001",
                "progress",
                extra: #","tasks":["hygiene","meals"],"note":"Хапна супа.""#
            )
            let saved = try await phone.call(.POST, path, json: tasks)
            #expect(saved.status == .created, "\(tasks) → \(saved.body.string)")
            clock.advance(minutes: 50)
            // A browser's clock, to the millisecond.
            let stamp = ISO8601DateFormatter()
            stamp.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let at = stamp.string(from: clock.now.addingTimeInterval(-0.25))
            let out = try await phone.call(
                .POST,
                path,
                json: Self.event("out-0000-0002", "checkOut", extra: #","at":"\#(at)""#)
            )
            #expect(out.status == .created, "\(out.body.string)")
            let done = try #require(try await CareVisit.find(c.visit.id, on: app.db))
            #expect(done.tasks == [.hygiene, .meals])
            #expect(try app.dataKey.open(try #require(done.noteSealed)) == "Хапна супа.")
            let reckoning = VisitReckoning(
                plannedMinutes: done.plannedMinutes,
                plannedStart: try #require(done.plannedStart),
                record: done.record
            )
            #expect(reckoning.outcome == .delivered)
            #expect(reckoning.deliveredMinutes == 50)
        }
    }

    @Test(
        "A record for a visit moved to a colleague or cancelled meanwhile is refused with what happened; another centre's visit is not found"
    )
    func movedOnMeanwhile() async throws {
        try await withOpora { app, clock async throws in
            let c = try await Self.centre(app, clock)
            let phone = try await APIClient.signIn(app, "careworker")
            let colleague = try await HomeCareTests.colleague(app, c.coordinator, like: c.worker)
            let moved = try await Self.visitToday(
                app,
                clock,
                worker: colleague.id!,
                person: c.person,
                key: "test/moved"
            )
            let reassigned = try await phone.call(
                .POST,
                "/home-care/visits/\(moved.id!)/events",
                json: Self.event("moved-0000-01", "checkIn")
            )
            #expect(reassigned.status == .conflict)
            let answer = try reassigned.json(VisitEventResultDTO.self)
            #expect(answer.problem == "visit.anotherWorker")
            #expect(answer.message?.contains("възложено на друг служител") == true)
            #expect(try #require(try await CareVisit.find(moved.id, on: app.db)).checkInAt == nil)

            c.visit.state = CareVisit.State.withdrawn.rawValue
            try await c.visit.save(on: app.db)
            let cancelled = try await phone.call(
                .POST,
                "/home-care/visits/\(c.visit.id!)/events",
                json: Self.event("cancel-000-01", "checkIn")
            )
            #expect(cancelled.status == .conflict)
            #expect(try cancelled.json(VisitEventResultDTO.self).problem == "visit.withdrawn")

            let elsewhere = try await Self.visitToday(app, clock, worker: c.worker.id!, person: c.person, key: "x/1")
            elsewhere.providerID = DemoProviders.ngo.id
            try await elsewhere.save(on: app.db)
            let hidden = try await phone.call(
                .POST,
                "/home-care/visits/\(elsewhere.id!)/events",
                json: Self.event("other-000-01", "checkIn")
            )
            #expect(hidden.status == .notFound)
            #expect(try await VisitEvent.query(on: app.db).filter(\.$visitID == elsewhere.id!).count() == 0)

            // The worker's day lists what was refused, in their words.
            let browser = Browser(app)
            _ = try await browser.signIn("careworker")
            #expect(try await browser.get("/home-care/my-day").body.string.contains("Неприети записи"))
        }
    }

    @Test(
        "Bad input is refused beside its field and records nothing: a stale id, an unknown task, a missed visit without a reason, a position off the globe, a huge number"
    )
    func badInput() async throws {
        try await withOpora { app, clock async throws in
            let c = try await Self.centre(app, clock)
            let phone = try await APIClient.signIn(app, "careworker")
            let path = "/home-care/visits/\(c.visit.id!)/events"
            for body in [
                Self.event("x", "checkIn"),
                Self.event("bad-task-0001", "progress", extra: #","tasks":["exercises"]"#),
                Self.event("no-reason-001", "missed"),
                Self.event("off-globe-001", "checkIn", extra: #","latitude":420,"longitude":22"#),
                Self.event("huge-num-0001", "checkIn", extra: #","latitude":1e400,"longitude":22"#),
                Self.event("no-kind-00001", "teleport"),
                Self.event("bad-time-0001", "checkIn", extra: #","at":"вчера""#),
            ] {
                let refused = try await phone.call(.POST, path, json: body)
                #expect([.unprocessableEntity, .badRequest].contains(refused.status), "\(body): \(refused.status)")
            }
            let future = try await phone.call(
                .POST,
                path,
                json: Self.event("future-00001", "checkIn", extra: #","at":"2099-01-01T00:00:00Z""#)
            )
            #expect(future.status == .conflict)
            #expect(try future.json(VisitEventResultDTO.self).problem == "visit.inTheFuture")
            #expect(try #require(try await CareVisit.find(c.visit.id, on: app.db)).checkInAt == nil)
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action ~~ ["visit.checkIn", "visit.progress"]).count()
                    == 0
            )
            // Another role may not record visits at all.
            let coordinator = try await APIClient.signIn(app, "coordinator")
            #expect(
                try await coordinator.call(.POST, path, json: Self.event("coord-00001", "checkIn")).status == .forbidden
            )
        }
    }

    @Test("The page's forms work without the script: a missed visit with its reason, and a double submit records once")
    func formsWithoutScript() async throws {
        try await withOpora { app, clock async throws in
            let c = try await Self.centre(app, clock)
            let browser = Browser(app)
            _ = try await browser.signIn("careworker")
            let form = "/home-care/my-day/visits/\(c.visit.id!)"
            let empty = try await browser.post(
                form,
                [("clientId", "form-0000-01"), ("kind", "missed")],
                from: "/home-care/my-day"
            )
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("Изберете защо посещението не се е състояло."))
            let fields = [("clientId", "form-0000-02"), ("kind", "missed"), ("reason", "inHospital")]
            let first = try await browser.post(form, fields, from: "/home-care/my-day")
            #expect(first.status == .seeOther)
            let second = try await browser.post(form, fields, from: "/home-care/my-day")
            #expect(second.status == .seeOther)
            #expect(try await VisitEvent.query(on: app.db).count() == 1)
            let page = try await browser.get("/home-care/my-day").body.string
            #expect(page.contains("Неосъществено: в болница"))
            #expect(!page.contains("Пристигнах"))
        }
    }

    @Test(
        "Publishing writes the week's visits; a later version moves a visit in place, withdraws one it leaves out, and keeps a recorded one"
    )
    func ledgerAcrossVersions() async throws {
        try await withOpora { app, clock async throws in
            let (_, worker, caseID) = try await HomeCareTests.centreWithOnePlan(app, clock)
            let person = try #require(try await SupportCase.find(caseID, on: app.db)).$person.id
            let monday = HomeCareTests.nextMonday(clock)
            let problem = CareProblem(
                skills: ["personalCare"],
                places: [CareProblem.Place(id: "41112", latitude: 42.28, longitude: 22.69)],
                workers: [],
                visits: (0..<3).map {
                    CareProblem.Visit(
                        id: "v/\($0)",
                        person: person.uuidString,
                        place: "41112",
                        day: $0,
                        duration: 60,
                        windows: [[540, 600]],
                        skill: "personalCare"
                    )
                }
            )
            func plan(_ stops: [(day: Int, visit: String, start: Double)]) -> CarePlan {
                let json = """
                    {"format":"opora-care-plan/1","iterations":0,"unassigned":[],
                     "objective":{"total":0,"travelMinutes":0,"unassignedVisits":0,"unassignedPenalty":0,"visitsWithPreference":0,
                      "visitsWithPreferredWorker":0,"meanDistinctWorkersPerPerson":1,"distinctWorkerPairs":1,"overtimeMinutes":0,
                      "workloadStdDevMinutes":0,"paidMinutes":0,"travelShareOfPaidTime":0,"changedAssignments":0,"shiftedMinutes":0},
                     "routes":[\(stops.map { """
                    {"worker":"\(worker.id!.uuidString)","day":\($0.day),"shift":0,"leave":480,"back":960,"travelMinutes":0,
                     "waitingMinutes":0,"serviceMinutes":60,"stops":[{"kind":"visit","visit":"\($0.visit)","arrival":\($0.start),
                     "start":\($0.start),"end":\($0.start + 60),"waiting":0,"travelBefore":0}]}
                    """ }.joined(separator: ","))]}
                    """
                return try! JSONDecoder().decode(CarePlan.self, from: Data(json.utf8))
            }
            func publish(_ plan: CarePlan, _ number: Int) async throws {
                try await VisitLedger.publish(
                    plan: plan,
                    problem: problem,
                    number: number,
                    provider: DemoProviders.municipal.id,
                    municipality: DemoProviders.municipality,
                    oblast: DemoProviders.oblast,
                    monday: monday,
                    on: app.db
                )
            }
            try await publish(plan([(0, "v/0", 540), (1, "v/1", 540), (2, "v/2", 540)]), 1)
            #expect(try await CareVisit.query(on: app.db).count() == 3)
            let first = try #require(try await CareVisit.query(on: app.db).filter(\.$visitKey == "v/0").first())
            first.checkInAt = clock.now
            try await first.save(on: app.db)
            let movedID = try #require(try await CareVisit.query(on: app.db).filter(\.$visitKey == "v/1").first()).id

            try await publish(plan([(1, "v/1", 570)]), 2)
            let rows = Dictionary(
                try await CareVisit.query(on: app.db).all().map { ($0.visitKey, $0) },
                uniquingKeysWith: { a, _ in a }
            )
            #expect(rows.count == 3)
            #expect(rows["v/0"]?.visitState == .planned, "recorded: it stands as made")
            #expect(rows["v/1"]?.startMinute == 570)
            #expect(rows["v/1"]?.planNumber == 2)
            #expect(rows["v/1"]?.id == movedID, "the same row, so what was recorded on it stays")
            #expect(rows["v/2"]?.visitState == .withdrawn)
        }
    }

    @Test(
        "The person's subject-access answer lists the visits made and the workers' notes; erasure removes the notes and keeps the hours"
    )
    func personalData() async throws {
        try await withOpora { app, clock async throws in
            let s = try await CaseFlowTests.setUp(app)
            let worker = try #require(try await User.query(on: app.db).filter(\.$username == "careworker").first())
            let visit = try await Self.visitToday(app, clock, worker: worker.id!, person: s.person.id, minutesAgo: 90)
            visit.checkInAt = try #require(visit.plannedStart)
            visit.checkOutAt = visit.checkInAt!.addingTimeInterval(3600)
            visit.noteSealed = try app.dataKey.seal("Оплаква се от болки в коляното.")
            try await visit.save(on: app.db)
            let export = try await s.api.call(.GET, "/people/\(s.person.id)/export").body.string
            #expect(export.contains("Оплаква се от болки в коляното."))
            #expect(export.contains("осъществено, 60 мин"))
            _ = try await s.api.call(
                .POST,
                "/cases/\(s.supportCase.id)/transitions",
                json: #"{"to":"closed","reason":"По желание на човека","version":1,"confirmClose":true}"#
            )
            #expect(try await s.api.call(.POST, "/people/\(s.person.id)/erasure").json(Erasure.Outcome.self).anonymised)
            let kept = try #require(try await CareVisit.find(visit.id, on: app.db))
            #expect(kept.noteSealed == nil)
            #expect(kept.checkOutAt != nil, "the delivered hours stay for the centre's accounts")
        }
    }
}
