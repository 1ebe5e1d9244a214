import Fluent
import Foundation
import OporaCore
import OporaScheduling
import Testing
import VaporTesting
import ZIPFoundation

@testable import OporaServer

/// October 2026 at the demo's municipal centre, a month before the test clock's day: one person
/// with 20 hours of personal assistance a month and assistant support, two workers, the weeks
/// published, and visits recorded every way a visit can end.
struct HoursFixture {
    var person: UUID
    var caseID: UUID
    var careworker: UUID
    var colleague: UUID
    var service: UUID

    static let month = "2026-10"
    static let personName = "Йорданка Петрова Стоянова"

    static func make(_ app: Application, _ clock: TestClock, monthlyHours: Int = 20) async throws -> HoursFixture {
        let s = try await CaseFlowTests.setUp(app)
        let supportCase = try #require(try await SupportCase.find(s.supportCase.id, on: app.db))
        supportCase.state = .active
        try await supportCase.save(on: app.db)
        let provider = DemoProviders.municipal.id
        let service = try #require(
            try await ProvidedService.query(on: app.db).filter(\.$provider.$id == provider)
                .filter(\.$serviceType == .assistantSupport).first()
        )
        let careworker = try #require(try await User.query(on: app.db).filter(\.$username == "careworker").first())
        let colleague = try #require(try await User.query(on: app.db).filter(\.$username == "caseworker").first())
        let start = CalendarDay(iso: "2026-09-01")!
        try await agree(app, clock, caseID: s.supportCase.id, service: service.id!, hours: monthlyHours, from: start)
        let fixture = HoursFixture(
            person: s.person.id,
            caseID: s.supportCase.id,
            careworker: careworker.id!,
            colleague: colleague.id!,
            service: service.id!
        )
        try await fixture.publishOctober(app, clock)
        return fixture
    }

    static func agree(
        _ app: Application,
        _ clock: TestClock,
        caseID: UUID,
        service: UUID,
        hours: Int,
        from: CalendarDay
    ) async throws {
        let plan = SupportPlan(
            goals: ["Да остане у дома"],
            services: [
                PlannedService(
                    serviceID: service,
                    type: .assistantSupport,
                    frequency: ServiceFrequency(visits: 1, per: .week, minutesPerVisit: 60)!
                )
            ],
            startDate: from,
            reviewDate: from.adding(days: 180),
            personalAssistance: PersonalAssistanceGrant(degree: .second, monthlyHours: hours),
            agreement: PlanAgreement(agreedBy: "Йорданка Стоянова", agreedOn: from)
        )
        try await PlansInForce.agreeForDemo(
            plan,
            caseID: caseID,
            by: "test",
            at: clock.now,
            key: app.dataKey,
            on: app.db
        )
    }

    func visit(
        _ app: Application,
        day: String,
        from: String,
        until: String,
        source: String = "pa",
        worker: UUID? = nil,
        checkIn: String? = nil,
        checkOut: String? = nil,
        missed: MissedReason? = nil
    ) async throws {
        let date = CalendarDay(iso: day)!
        let row = CareVisit()
        row.version = 1
        row.providerID = DemoProviders.municipal.id
        row.municipalityCode = DemoProviders.municipality
        row.oblastCode = DemoProviders.oblast
        row.week = date.adding(days: -(Weekday.allCases.firstIndex(of: date.weekday)!)).iso
        row.visitKey = "\(caseID)/\(day)/\(source)/\(from)"
        row.planNumber = 1
        row.state = CareVisit.State.planned.rawValue
        row.workerID = worker ?? careworker
        row.personID = person
        row.day = day
        row.startMinute = TimeWindow.minute(ofClock: from)!
        row.endMinute = TimeWindow.minute(ofClock: until)!
        row.skill = CareSkill.personalCare.rawValue
        row.settlement = "41112"
        row.checkInAt = checkIn.map { SofiaTime.instant(on: date, minute: TimeWindow.minute(ofClock: $0)!) }
        row.checkOutAt = checkOut.map { SofiaTime.instant(on: date, minute: TimeWindow.minute(ofClock: $0)!) }
        row.missedReason = missed?.rawValue
        row.tasksDone = ""
        try await row.create(on: app.db)
    }

    /// The weeks of October published; careworker's visits on 5–9 October with the plan's 30
    /// minutes of travel and 10 of waiting each day, and the colleague's one visit on the 12th.
    func publishOctober(_ app: Application, _ clock: TestClock) async throws {
        let run = PlanningRun()
        run.providerID = DemoProviders.municipal.id
        run.municipalityCode = DemoProviders.municipality
        run.oblastCode = DemoProviders.oblast
        run.week = "2026-09-28"
        run.state = PlanningRun.State.finished.rawValue
        run.attempts = 1
        run.requestedBy = "test"
        run.createdAt = clock.now
        run.seconds = 1
        run.problemSealed = try app.dataKey.seal("{}")
        try await run.create(on: app.db)
        for monday in CalendarMonth(iso: Self.month)!.weekMondays {
            let version = WeekPlanVersion()
            version.providerID = DemoProviders.municipal.id
            version.municipalityCode = DemoProviders.municipality
            version.oblastCode = DemoProviders.oblast
            version.week = monday.iso
            version.number = 1
            version.runID = run.id!
            version.publishedBy = "test"
            version.publishedAt = clock.now
            try await version.create(on: app.db)
        }
        try await visit(app, day: "2026-10-05", from: "09:00", until: "10:00", checkIn: "09:05", checkOut: "10:05")
        try await visit(app, day: "2026-10-05", from: "10:00", until: "19:00", checkIn: "10:10", checkOut: "19:10")
        try await visit(app, day: "2026-10-06", from: "09:00", until: "10:00", checkIn: "09:30", checkOut: "10:30")
        try await visit(app, day: "2026-10-07", from: "09:00", until: "11:00", checkIn: "09:00", checkOut: "10:00")
        try await visit(app, day: "2026-10-08", from: "09:00", until: "10:00", missed: .inHospital)
        try await visit(app, day: "2026-10-09", from: "09:00", until: "10:00")
        try await visit(
            app,
            day: "2026-10-12",
            from: "10:00",
            until: "11:00",
            source: service.uuidString,
            worker: colleague,
            checkIn: "10:00",
            checkOut: "11:00"
        )
        for offset in 0..<5 {
            let day = PlannedWorkerDay()
            day.providerID = DemoProviders.municipal.id
            day.municipalityCode = DemoProviders.municipality
            day.oblastCode = DemoProviders.oblast
            day.week = "2026-10-05"
            day.planNumber = 1
            day.workerID = careworker
            day.day = CalendarDay(iso: "2026-10-05")!.adding(days: offset).iso
            day.leaveMinute = 8 * 60
            day.backMinute = 19 * 60
            day.travelMinutes = 30
            day.waitingMinutes = 10
            try await day.create(on: app.db)
        }
        let staff = StaffMember()
        staff.version = 1
        staff.userID = careworker
        staff.providerID = DemoProviders.municipal.id
        staff.municipalityCode = DemoProviders.municipality
        staff.oblastCode = DemoProviders.oblast
        staff.skills = CareSkill.personalCare.rawValue
        staff.contractHours = 40
        staff.homeSettlement = "41112"
        staff.shifts = "[]"
        try await staff.create(on: app.db)
        let absence = StaffAbsence()
        absence.$staff.id = staff.id!
        absence.kind = Absence.Kind.sickness.rawValue
        absence.fromDay = "2026-10-19"
        absence.untilDay = "2026-10-20"
        absence.createdBy = "test"
        absence.createdAt = clock.now
        try await absence.create(on: app.db)
    }
}

@Suite("Hours: delivered against planned, grants, timesheets, exports and the monthly report")
struct HoursTests {
    @Test("A month's hours per person, service and worker count every visit by how it ended")
    func deliveredAgainstPlanned() async throws {
        try await withOpora { app, clock in
            let f = try await HoursFixture.make(app, clock)
            let api = try await APIClient.signIn(app, "manager")
            let month = try await api.call(.GET, "/home-care/hours/\(HoursFixture.month)").json(HoursAPI.MonthDTO.self)
            #expect(month.planPublished && month.weeksWithoutPlan.isEmpty)
            let person = try #require(month.people.first)
            #expect(month.people.count == 1 && person.name == HoursFixture.personName)
            // Planned: 60 + 540 + 60 + 120 + 60 + 60 of personal assistance, 60 of the service.
            #expect(person.hours.plannedMinutes == 960 && person.hours.plannedVisits == 7)
            // Delivered: 60 + 540 + 60 (late) + 60 (cut short of 120) + 60 by the colleague.
            #expect(person.hours.deliveredMinutes == 780)
            #expect(person.hours.delivered == 4 && person.hours.cutShort == 1)
            #expect(person.hours.missed == 1 && person.hours.notRecorded == 1)
            #expect(person.hours.asPlanned == 3)
            #expect(person.hours.missedByReason == ["inHospital": 1])
            let services = Dictionary(uniqueKeysWithValues: month.services.map { ($0.id, $0.hours) })
            #expect(services["pa"]?.plannedMinutes == 900 && services["pa"]?.deliveredMinutes == 720)
            #expect(services[f.service.uuidString]?.deliveredMinutes == 60)
            let workers = Dictionary(uniqueKeysWithValues: month.workers.map { ($0.id, $0.hours) })
            #expect(workers[f.careworker.uuidString]?.deliveredMinutes == 720)
            #expect(workers[f.colleague.uuidString]?.deliveredMinutes == 60)
            #expect(month.total.deliveredMinutes == 780)
        }
    }

    @Test(
        "Personal assistance under four fifths of the grant in a month that has ended is under-use; above it, over-use"
    )
    func entitlementFlags() async throws {
        try await withOpora { app, clock in
            let f = try await HoursFixture.make(app, clock)
            let api = try await APIClient.signIn(app, "manager")
            var month = try await api.call(.GET, "/home-care/hours/\(HoursFixture.month)").json(HoursAPI.MonthDTO.self)
            var use = try #require(month.entitlements.first)
            #expect(use.personId == f.person && use.entitledMinutes == 20 * 60 && use.deliveredMinutes == 720)
            #expect(use.flag == "underUse")
            // A new version of the plan grants 2 hours from 16 October: 20 × 15/31 + 2 × 16/31 hours.
            try await HoursFixture.agree(
                app,
                clock,
                caseID: f.caseID,
                service: f.service,
                hours: 2,
                from: CalendarDay(iso: "2026-10-16")!
            )
            month = try await api.call(.GET, "/home-care/hours/\(HoursFixture.month)").json(HoursAPI.MonthDTO.self)
            use = try #require(month.entitlements.first)
            #expect(use.entitledMinutes == (20 * 60 * 15 + 2 * 60 * 16 + 15) / 31)
            #expect(use.flag == "overUse")
            let page = try await signedIn(app, "manager").get("/home-care/hours?month=\(HoursFixture.month)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("над отпуснатото"))
            #expect(page.body.string.contains("class=\"warning\""))
            // 16 hours planned, 13 delivered: three short, written once with its sign.
            #expect(page.body.string.contains("<td>−3</td>"))
            #expect(!page.body.string.contains("−3,−"))
        }
    }

    @Test("A case closed during the month keeps its grant for the days it was open, and nothing in the months after")
    func closedCaseGrant() async throws {
        try await withOpora { app, clock in
            let f = try await HoursFixture.make(app, clock)
            let supportCase = try #require(try await SupportCase.find(f.caseID, on: app.db))
            supportCase.state = .closed
            try await supportCase.save(on: app.db)
            let closing = CaseTransitionRecord()
            closing.$supportCase.id = f.caseID
            closing.fromState = CaseState.active.rawValue
            closing.toState = CaseState.closed.rawValue
            closing.reasonSealed = try app.dataKey.seal("Преместена в друга община")
            closing.byName = "Социален работник"
            closing.at = SofiaTime.instant(on: CalendarDay(iso: "2026-10-10")!, minute: 12 * 60)
            try await closing.create(on: app.db)
            let api = try await APIClient.signIn(app, "manager")
            let october = try await api.call(.GET, "/home-care/hours/\(HoursFixture.month)")
                .json(HoursAPI.MonthDTO.self)
            let use = try #require(october.entitlements.first { $0.personId == f.person })
            #expect(use.entitledMinutes == Int((20.0 * 60 * 10 / 31).rounded()), "1–10 October of 31 days")
            let november = try await api.call(.GET, "/home-care/hours/2026-11").json(HoursAPI.MonthDTO.self)
            #expect(!november.entitlements.contains { $0.personId == f.person })
        }
    }

    @Test("A timesheet sums visits, the plan's travel and waiting on the days recorded, overtime and absences")
    func timesheets() async throws {
        try await withOpora { app, clock in
            let f = try await HoursFixture.make(app, clock)
            let api = try await APIClient.signIn(app, "manager")
            let month = try await api.call(.GET, "/home-care/hours/\(HoursFixture.month)/timesheets")
                .json(HoursAPI.TimesheetsDTO.self)
            let sheet = try #require(month.timesheets.first { $0.workerId == f.careworker })
            #expect(sheet.workedMinutes == 720)
            // 5–8 October had something recorded; nothing was recorded on the 9th.
            #expect(sheet.travelMinutes == 4 * 30 && sheet.waitingMinutes == 4 * 10)
            #expect(sheet.paidMinutes == 720 + 120 + 40)
            // 5 October: 600 minutes of visits + 40 on the road, 160 beyond 8 hours.
            #expect(sheet.overtimeMinutes == 160)
            #expect(sheet.daysWorked == 4 && sheet.unrecordedVisits == 1)
            #expect(sheet.absenceDays == ["sickness": 2])
            let colleague = try #require(month.timesheets.first { $0.workerId == f.colleague })
            #expect(colleague.workedMinutes == 60 && colleague.travelMinutes == 0)
            let page = try await signedIn(app, "manager").get("/home-care/hours/timesheets?month=\(HoursFixture.month)")
            #expect(page.status == .ok && page.body.string.contains("Извънреден труд"))
        }
    }

    @Test("A visit whose planned end is still ahead is upcoming: neither a gap in the hours nor in the timesheet")
    func upcomingVisits() async throws {
        try await withOpora { app, clock in
            let f = try await HoursFixture.make(app, clock)
            let today = CalendarDay.today(at: clock.now)
            try await f.visit(app, day: today.adding(days: -1).iso, from: "09:00", until: "10:00")
            try await f.visit(app, day: today.adding(days: 1).iso, from: "09:00", until: "10:00")
            let month = try #require(CalendarMonth(containing: today)).iso
            let api = try await APIClient.signIn(app, "manager")
            let hours = try await api.call(.GET, "/home-care/hours/\(month)").json(HoursAPI.MonthDTO.self)
            #expect(hours.total.plannedVisits == 2)
            #expect(hours.total.notRecorded == 1 && hours.total.upcoming == 1)
            let sheets = try await api.call(.GET, "/home-care/hours/\(month)/timesheets").json(
                HoursAPI.TimesheetsDTO.self
            )
            #expect(sheets.timesheets.first { $0.workerId == f.careworker }?.unrecordedVisits == 1)
        }
    }

    @Test("A timesheet for a month with no published plan is refused with the reason, not an empty table")
    func monthWithoutPlan() async throws {
        try await withOpora { app, clock in
            _ = try await HoursFixture.make(app, clock)
            let api = try await APIClient.signIn(app, "manager")
            let refused = try await api.call(.GET, "/home-care/hours/2026-06/timesheets")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("няма публикуван график"))
            let browser = try await signedIn(app, "manager")
            let page = try await browser.get("/home-care/hours/timesheets?month=2026-06")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("няма публикуван график"))
            #expect(!page.body.string.contains("<table"))
            let hours = try await browser.get("/home-care/hours?month=2026-06")
            #expect(
                hours.body.string.contains("няма публикуван седмичен график") && !hours.body.string.contains("<table")
            )
            #expect(
                try await browser.get("/home-care/hours/timesheets.csv?month=2026-06").status == .unprocessableEntity
            )
        }
    }

    @Test(
        "A month that is not YYYY-MM within 2017–2100 is refused with the rule",
        arguments: [
            "2026-13", "99999999999999999999-01", "2026-1", "1900-01", "abc", String(repeating: "9", count: 5000),
        ]
    )
    func badMonths(month: String) async throws {
        try await withOpora { app, _ in
            let api = try await APIClient.signIn(app, "manager")
            let answer = try await api.call(.GET, "/home-care/hours/\(month)")
            #expect(answer.status == .badRequest)
            #expect(answer.body.string.contains("ГГГГ-ММ"))
            let page = try await signedIn(app, "manager").get("/home-care/hours?month=\(month)")
            #expect(page.status == .badRequest)
        }
    }

    @Test("Every list downloads as CSV with the byte-order mark and as an XLSX workbook, Cyrillic intact")
    func exports() async throws {
        try await withOpora { app, clock in
            _ = try await HoursFixture.make(app, clock)
            let browser = try await signedIn(app, "manager")
            for list in HoursRoutes.lists {
                let csv = try await browser.get("/home-care/hours/\(list).csv?month=\(HoursFixture.month)")
                #expect(csv.status == .ok)
                #expect(csv.headers.contentType?.subType == "csv")
                let text = csv.body.string
                #expect(text.hasPrefix("\u{FEFF}"))
                #expect(text.split(separator: "\r\n").count >= 2, "\(list): a header and rows")
                let xlsx = try await browser.get("/home-care/hours/\(list).xlsx?month=\(HoursFixture.month)")
                #expect(xlsx.status == .ok)
                let archive = try Archive(data: Data(xlsx.body.readableBytesView), accessMode: .read)
                let sheet = try #require(archive["xl/worksheets/sheet1.xml"])
                var xml = Data()
                _ = try archive.extract(sheet) { xml.append($0) }
                let content = String(decoding: xml, as: UTF8.self)
                #expect(content.contains("<sheetData>"))
                if list == "people" || list == "entitlements" {
                    #expect(text.contains(HoursFixture.personName))
                    #expect(content.contains(HoursFixture.personName))
                }
                if list == "timesheets" { #expect(text.contains("Извънреден труд")) }
            }
        }
    }

    @Test("Another provider's centre is 404, a care worker is refused, and the NGO's manager sees no centre")
    func scope() async throws {
        try await withOpora { app, clock in
            _ = try await HoursFixture.make(app, clock)
            let manager = try await signedIn(app, "manager")
            let other = DemoProviders.ngo.id
            #expect(try await manager.get("/home-care/hours?provider=\(other)").status == .notFound)
            #expect(try await manager.get("/home-care/indicators?provider=\(other)").status == .notFound)
            #expect(try await manager.get("/home-care/hours/people.csv?provider=\(other)").status == .notFound)
            let api = try await APIClient.signIn(app, "manager")
            #expect(try await api.call(.GET, "/home-care/hours/2026-10?provider=\(other)").status == .notFound)
            let careworker = try await signedIn(app, "careworker")
            #expect(try await careworker.get("/home-care/hours").status == .forbidden)
            #expect(try await careworker.get("/home-care/indicators").status == .forbidden)
            let workerAPI = try await APIClient.signIn(app, "careworker")
            #expect(try await workerAPI.call(.GET, "/home-care/hours/2026-10").status == .forbidden)
            let director = try await signedIn(app, "director")
            #expect(try await director.get("/home-care/hours?month=\(HoursFixture.month)").status == .ok)
        }
    }

    @Test(
        "The printable monthly report lists what was planned, delivered and missed and why, and its opening is audited"
    )
    func printReport() async throws {
        try await withOpora { app, clock in
            let f = try await HoursFixture.make(app, clock)
            let browser = try await signedIn(app, "manager")
            let before = try await AuditEvent.query(on: app.db).filter(\.$action == "person.opened")
                .filter(\.$recordID == f.person.uuidString).count()
            let page = try await browser.get("/home-care/hours/people/\(f.person)?month=\(HoursFixture.month)")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains(HoursFixture.personName))
            #expect(html.contains("в болница"))
            #expect(html.contains("05.10.2026"))
            #expect(html.contains("Потребител или представител"))
            let after = try await AuditEvent.query(on: app.db).filter(\.$action == "person.opened")
                .filter(\.$recordID == f.person.uuidString).count()
            #expect(after == before + 1)
            #expect(try await browser.get("/home-care/hours/people/\(UUID())?month=2026-10").status == .notFound)
        }
    }

    @Test("Publishing a week writes each worker's planned travel and waiting beside the visits, once per day")
    func publishingWritesWorkerDays() async throws {
        try await withOpora { app, clock async throws in
            let (browser, assistant, _) = try await HomeCareTests.centreWithOnePlan(app, clock)
            let monday = HomeCareTests.nextMonday(clock)
            let week = "/home-care/weeks/\(monday.iso)"
            app.opora.planningSeconds = 1
            let asked = try await browser.post(week + "/runs", [], from: week)
            let runPath = try #require(asked.headers.first(name: .location))
            let run = try await HomeCareTests.waitUntilDone(app)
            let plan = try app.dataKey.openJSON(CarePlan.self, try #require(run.planSealed))
            #expect(try await browser.post(runPath + "/publish", [("basedOn", "0")], from: runPath).status == .seeOther)
            let days = try await PlannedWorkerDay.query(on: app.db).filter(\.$week == monday.iso).all()
            let routes = plan.routes.filter { $0.stops.contains { $0.kind == .visit } }
            #expect(days.count == Set(routes.map(\.day)).count && days.count == 5)
            #expect(days.allSatisfy { $0.workerID == assistant.id! && $0.planNumber == 1 })
            let travel = routes.reduce(0) { $0 + Int($1.travelMinutes.rounded()) }
            #expect(days.reduce(0) { $0 + $1.travelMinutes } == travel)
            #expect(Set(days.map(\.day)) == Set((0..<5).map { monday.adding(days: $0).iso }))
        }
    }

    @Test("A visit's key gives back the source the demand builder wrote into it")
    func visitSources() {
        let id = UUID()
        #expect(VisitSource(visitKey: "\(UUID())/2026-10-05/pa/0") == .personalAssistance)
        #expect(VisitSource(visitKey: "\(UUID())/2026-10-05/\(id)/1") == .service(id))
        #expect(VisitSource(visitKey: "extra/\(UUID())") == .oneOff)
        #expect(
            VisitSource(visitKey: "x/2026-10-05/\(WeekDemandBuilder.sourceCode(.personalAssistance))/0")
                == .personalAssistance
        )
    }

    func signedIn(_ app: Application, _ username: String) async throws -> Browser {
        let browser = Browser(app)
        _ = try await browser.signIn(username)
        return browser
    }
}
