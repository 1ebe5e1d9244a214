import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

/// The person's own page: codes, scope, requests, ratings and the openings of the file.
@Suite("My page")
struct MyPageTests {
    struct File {
        var person: PersonDTO
        var supportCase: CaseDTO
    }

    /// A person of the municipal centre with a case whose plan is in force.
    static func file(_ app: Application, given: String, family: String, serial: Int) async throws -> File {
        let api = try await APIClient.signIn(app, "caseworker")
        let egn = EGN.make(birthDate: CalendarDay(year: 1948, month: 3, day: 3)!, sex: .female, serial: serial)!.value
        let person = try await api.call(
            .POST,
            "/people",
            json: PeopleTests.registerBody(given: given, family: family, egn: egn)
        )
        .json(PersonDTO.self)
        let supportCase = try await api.call(
            .POST,
            "/people/\(person.id)/cases",
            json: #"{"referralSource":"family","legalBasis":"socialServicesAct","request":"Помощ вкъщи"}"#
        ).json(CaseDTO.self)
        let service = try await APIClient.signIn(app, "admin").call(
            .GET,
            "/services?provider=\(DemoProviders.municipal.id)"
        )
        .json([ServiceDTO].self)[0]
        let planned = try await api.call(
            .POST,
            "/cases/\(supportCase.id)/plans",
            json:
                #"{"basedOn":0,"plan":\#(CaseFlowTests.planFor(service.id, goal: "Да излизам на разходка", visits: 3))}"#
        )
        #expect(planned.status == .created)
        // The case's stages before delivery are not this suite's subject.
        let row = try #require(try await SupportCase.query(on: app.db).filter(\.$id == supportCase.id).first())
        row.state = .active
        try await row.update(on: app.db)
        return File(person: person, supportCase: supportCase)
    }

    /// Invites from the person's file and reads the code off the letter.
    static func invite(
        _ app: Application,
        _ person: UUID,
        who: String = "person",
        ends: String = ""
    ) async throws -> String {
        let staff = Browser(app)
        _ = try await staff.signIn("caseworker")
        let letter = try await staff.post(
            "/people/\(person)/my-page",
            [("who", who), ("delivery", "letter"), ("appointmentEnds", ends)],
            from: "/people/\(person)/my-page"
        )
        #expect(letter.status == .ok, "\(letter.body.string.prefix(300))")
        let body = letter.body.string
        let range = try #require(body.range(of: #"class="letter-code">"#))
        return String(body[range.upperBound...].prefix(14))
    }

    /// Uses a code in a fresh browser.
    static func redeem(
        _ app: Application,
        _ code: String,
        mode: String = "codes",
        password: String = ""
    )
        async throws -> (Browser, TestingHTTPResponse)
    {
        let browser = Browser(app)
        let response = try await browser.post(
            "/my/code",
            [("code", code), ("mode", mode), ("password", password)],
            from: "/my/code"
        )
        return (browser, response)
    }

    static func visit(
        _ app: Application,
        person: UUID,
        day: CalendarDay,
        minute: Int,
        checkedOut: Date? = nil,
        withdrawn: Bool = false
    ) async throws -> UUID {
        let worker = try #require(try await User.query(on: app.db).filter(\.$username == "careworker").first())
        let visit = CareVisit()
        visit.version = 1
        visit.providerID = DemoProviders.municipal.id
        visit.municipalityCode = DemoProviders.municipality
        visit.oblastCode = DemoProviders.oblast
        visit.week = day.iso
        visit.visitKey = UUID().uuidString
        visit.planNumber = 1
        visit.state = withdrawn ? "withdrawn" : "planned"
        visit.workerID = worker.id!
        visit.personID = person
        visit.day = day.iso
        visit.startMinute = minute
        visit.endMinute = minute + 60
        visit.skill = "personalCare"
        visit.settlement = "41112"
        visit.checkInAt = checkedOut?.addingTimeInterval(-3600)
        visit.checkOutAt = checkedOut
        visit.tasksDone = ""
        try await visit.create(on: app.db)
        return visit.id!
    }

    @Test("A code opens the page once; used again, expired or replaced it is refused kindly, and nothing is written")
    func codeOnce() async throws {
        try await withOpora { app, clock in
            let file = try await Self.file(app, given: "Стефка", family: "Ангелова", serial: 21)
            let code = try await Self.invite(app, file.person.id)
            let (browser, used) = try await Self.redeem(app, code.lowercased().replacingOccurrences(of: "-", with: " "))
            #expect(used.status == .seeOther)
            let page = try await browser.get("/my")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Стефка"))
            let users = try await User.query(on: app.db).count()
            let (_, again) = try await Self.redeem(app, code)
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("Този код вече е използван"))
            #expect(try await User.query(on: app.db).count() == users)

            let old = try await Self.invite(app, file.person.id)
            let newer = try await Self.invite(app, file.person.id)
            #expect(try await Self.redeem(app, old).1.body.string.contains("заменен"))
            clock.advance(minutes: 15 * 24 * 60)
            let late = try await Self.redeem(app, newer).1
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.string.contains("Срокът на този код е изтекъл"))
            #expect(try await Self.redeem(app, "ACDE-FGHJ-KMNP").1.body.string.contains("Не намираме този код"))
        }
    }

    @Test("Guessing codes from one address is slowed as for passwords: after 30 wrong codes even the right one waits")
    func guessedCodesAreThrottled() async throws {
        try await withOpora { app, clock in
            let file = try await Self.file(app, given: "Стефка", family: "Ангелова", serial: 22)
            let code = try await Self.invite(app, file.person.id)
            for _ in 0..<SignIn.addressMaximumFailures {
                let (_, wrong) = try await Self.redeem(app, "ACDE-FGHJ-KMNP")
                #expect(wrong.body.string.contains("Не намираме този код"))
            }
            let (_, waits) = try await Self.redeem(app, code)
            #expect(waits.status == .unprocessableEntity)
            #expect(waits.body.string.contains("Твърде много опити с грешен код"))
            #expect(try await MyPageInvitation.query(on: app.db).filter(\.$usedAt != nil).count() == 0)
            clock.advance(minutes: 16)
            let (_, used) = try await Self.redeem(app, code)
            #expect(used.status == .seeOther, "the window has passed")
        }
    }

    @Test("A short password is refused and leaves the code unused; a good one signs in from then on")
    func password() async throws {
        try await withOpora { app, _ in
            let file = try await Self.file(app, given: "Стефка", family: "Ангелова", serial: 21)
            let code = try await Self.invite(app, file.person.id)
            let (_, short) = try await Self.redeem(app, code, mode: "password", password: "кратка")
            #expect(short.status == .unprocessableEntity)
            #expect(short.body.string.contains("поне 12 знака"))
            #expect(try await MyPageInvitation.query(on: app.db).filter(\.$usedAt != nil).count() == 0)
            let (_, none) = try await Self.redeem(app, code, mode: "", password: "")
            #expect(none.status == .unprocessableEntity)
            #expect(none.body.string.contains("Изберете как ще влизате"))
            let (_, good) = try await Self.redeem(app, code, mode: "password", password: "Осоговска-планина-2026")
            #expect(good.status == .seeOther)
            let username = try #require(try await MyPageInvitation.query(on: app.db).first()).username
            let later = Browser(app)
            #expect(try await later.signIn(username, password: "Осоговска-планина-2026").status == .seeOther)
            #expect(try await later.get("/my/plan").body.string.contains("Да излизам на разходка"))
        }
    }

    @Test("A person sees only their own file; another's is not found on any of the pages")
    func scope() async throws {
        try await withOpora { app, _ in
            let first = try await Self.file(app, given: "Стефка", family: "Ангелова", serial: 21)
            let second = try await Self.file(app, given: "Радка", family: "Божилова", serial: 31)
            let tomorrow = CalendarDay.today(at: app.clock.now()).adding(days: 1)
            let theirs = try await Self.visit(app, person: second.person.id, day: tomorrow, minute: 600)
            let done = try await Self.visit(
                app,
                person: second.person.id,
                day: CalendarDay.today(at: app.clock.now()),
                minute: 0,
                checkedOut: app.clock.now()
            )
            let (browser, _) = try await Self.redeem(app, try await Self.invite(app, first.person.id))
            for path in ["/my", "/my/plan", "/my/week", "/my/requests", "/my/data"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.body.string.contains("Божилова"), "\(path) shows another person")
            }
            #expect(try await browser.get("/my?for=\(second.person.id)").status == .notFound)
            #expect(try await browser.get("/people/\(second.person.id)").status == .forbidden)
            #expect(try await browser.get("/people/\(first.person.id)").status == .forbidden)
            let rating = try await browser.post("/my/visits/\(done)/rating", [("face", "good")], from: "/my/week")
            #expect(rating.status == .notFound)
            let asked = try await browser.post(
                "/my/requests",
                [("kind", "cancelVisit"), ("visit", theirs.uuidString), ("text", "")],
                from: "/my/requests"
            )
            #expect(asked.status == .unprocessableEntity)
            #expect(try await ChangeRequestRecord.query(on: app.db).count() == 0)
            #expect(try await VisitRatingRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("A representative sees the ward's page until the appointment ends or the file no longer names them")
    func representative() async throws {
        try await withOpora { app, clock in
            let file = try await Self.file(app, given: "Радка", family: "Божилова", serial: 31)
            let api = try await APIClient.signIn(app, "caseworker")
            let members = try await api.call(
                .POST,
                "/people/\(file.person.id)/household",
                json: #"{"name":"Пламен Божилов","relation":"child","legalRole":"guardian","livesWith":false}"#
            ).json([HouseholdMemberDTO].self)
            let member = try #require(members.first)
            let today = CalendarDay.today(at: app.clock.now())
            let code = try await Self.invite(
                app,
                file.person.id,
                who: member.id.uuidString,
                ends: today.adding(days: 2).iso
            )
            let (browser, used) = try await Self.redeem(app, code, mode: "password", password: "Осоговска-планина-2026")
            #expect(used.status == .seeOther)
            let page = try await browser.get("/my").body.string
            #expect(page.contains("законен представител"))
            #expect(page.contains("Радка"))
            let username = try #require(try await MyPageInvitation.query(on: app.db).first()).username
            clock.advance(minutes: 3 * 24 * 60)
            let later = Browser(app)
            #expect(try await later.signIn(username, password: "Осоговска-планина-2026").status == .seeOther)
            let ended = try await later.get("/my/plan")
            #expect(ended.status == .forbidden)
            #expect(ended.body.string.contains("Представителството ви е приключило"))

            // Without an end date, removing the guardian from the household closes the page.
            let again = try await Self.invite(app, file.person.id, who: member.id.uuidString)
            let (second, _) = try await Self.redeem(app, again)
            #expect(try await second.get("/my").status == .ok)
            let staff = try await APIClient.signIn(app, "caseworker")
            #expect(try await staff.call(.DELETE, "/people/\(file.person.id)/household/\(member.id)").status.code < 300)
            #expect(try await second.get("/my/week").status == .forbidden)
        }
    }

    @Test("A guardian of two people adds the second ward's code to the account she is signed in with, and sees both")
    func twoWards() async throws {
        try await withOpora { app, _ in
            let api = try await APIClient.signIn(app, "caseworker")
            func ward(_ given: String, serial: Int) async throws -> (UUID, String) {
                let file = try await Self.file(app, given: given, family: "Божилова", serial: serial)
                let members = try await api.call(
                    .POST,
                    "/people/\(file.person.id)/household",
                    json: #"{"name":"Пламен Божилов","relation":"child","legalRole":"guardian","livesWith":false}"#
                ).json([HouseholdMemberDTO].self)
                let member = try #require(members.first)
                return (file.person.id, try await Self.invite(app, file.person.id, who: member.id.uuidString))
            }
            let (radka, first) = try await ward("Радка", serial: 41)
            let (vera, second) = try await ward("Вера", serial: 43)
            let (browser, used) = try await Self.redeem(
                app,
                first,
                mode: "password",
                password: "Осоговска-планина-2026"
            )
            #expect(used.status == .seeOther)
            let accounts = try await User.query(on: app.db).count()
            let form = try await browser.get("/my/code").body.string
            #expect(form.contains("ще бъде добавено към профила"))
            let joined = try await browser.post("/my/code", [("code", second)], from: "/my/code")
            #expect(joined.status == .seeOther, "\(joined.body.string.prefix(400))")
            #expect(try await User.query(on: app.db).count() == accounts, "no second account")
            let home = try await browser.get("/my/plan?for=\(vera)").body.string
            #expect(home.contains("Вера"))
            #expect(try await browser.get("/my/plan?for=\(radka)").body.string.contains("Радка"))
        }
    }

    @Test("A request with a due date reaches the case worker's home page; the answer reaches the person once")
    func requests() async throws {
        try await withOpora { app, _ in
            let file = try await Self.file(app, given: "Стефка", family: "Ангелова", serial: 21)
            let today = CalendarDay.today(at: app.clock.now())
            let past = try await Self.visit(app, person: file.person.id, day: today, minute: 0)
            let coming = try await Self.visit(app, person: file.person.id, day: today.adding(days: 1), minute: 600)
            let (browser, _) = try await Self.redeem(app, try await Self.invite(app, file.person.id))
            let refused = try await browser.post(
                "/my/requests",
                [("kind", "cancelVisit"), ("visit", past.uuidString), ("text", "")],
                from: "/my/requests"
            )
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("вече е минало"))
            #expect(try await ChangeRequestRecord.query(on: app.db).count() == 0)
            let sent = try await browser.post(
                "/my/requests",
                [("kind", "anotherTime"), ("visit", coming.uuidString), ("text", "След обяд, моля")],
                from: "/my/requests"
            )
            #expect(sent.status == .seeOther)
            let record = try #require(try await ChangeRequestRecord.query(on: app.db).first())
            #expect(record.dueOn == ChangeRequestRule.dueDate(submittedOn: today).iso)
            #expect(record.textSealed != "След обяд, моля")

            let staff = Browser(app)
            _ = try await staff.signIn("caseworker")
            let home = try await staff.get("/").body.string
            #expect(home.contains("/my-page/requests/\(record.id!)"))
            let answered = try await staff.post(
                "/my-page/requests/\(record.id!)",
                [("decision", "accepted"), ("answer", "Ще дойдем в 14:00."), ("version", "1")],
                from: "/my-page/requests/\(record.id!)"
            )
            #expect(answered.status == .seeOther)
            let twice = try await staff.post(
                "/my-page/requests/\(record.id!)",
                [("decision", "declined"), ("answer", "Не"), ("version", "2")],
                from: "/my-page/requests/\(record.id!)"
            )
            #expect(twice.status == .unprocessableEntity)
            let mine = try await browser.get("/my/requests").body.string
            #expect(mine.contains("Ще дойдем в 14:00."))
            #expect(mine.contains("Прието"))
            // The NGO's case worker does not reach the municipal centre's request.
            let ngo = Browser(app)
            _ = try await ngo.signIn("ngo-caseworker")
            #expect(try await ngo.get("/my-page/requests/\(record.id!)").status == .notFound)
        }
    }

    @Test("Only a visit that happened is rated, and only once")
    func ratings() async throws {
        try await withOpora { app, _ in
            let file = try await Self.file(app, given: "Стефка", family: "Ангелова", serial: 21)
            let today = CalendarDay.today(at: app.clock.now())
            let notYet = try await Self.visit(app, person: file.person.id, day: today.adding(days: 1), minute: 600)
            let done = try await Self.visit(
                app,
                person: file.person.id,
                day: today,
                minute: 0,
                checkedOut: app.clock.now()
            )
            let (browser, _) = try await Self.redeem(app, try await Self.invite(app, file.person.id))
            let early = try await browser.post("/my/visits/\(notYet)/rating", [("face", "good")], from: "/my/week")
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("не се е състояло"))
            let rated = try await browser.post(
                "/my/visits/\(done)/rating",
                [("face", "good"), ("word", "Много мила")],
                from: "/my/week"
            )
            #expect(rated.status == .seeOther)
            let again = try await browser.post("/my/visits/\(done)/rating", [("face", "poor")], from: "/my/week")
            #expect(again.status == .unprocessableEntity)
            #expect(try await VisitRatingRecord.query(on: app.db).count() == 1)

            // The person's export holds the rating and its words; erasure removes the words and
            // keeps the face the centre's figures count.
            let caseworker = try await APIClient.signIn(app, "caseworker")
            let export = try await caseworker.call(.GET, "/people/\(file.person.id)/export").json(
                SubjectAccessRecord.self
            )
            #expect(
                try #require(export.personalData.first { $0.field == "caseNotes" }).values.contains {
                    $0.contains("Много мила")
                }
            )
            let held = try await MyPagePersonalData().load(person: file.person.id, on: app.db)
            for field in MyPagePersonalData().fields { try held.erase(field, as: field.onErasure, key: app.dataKey) }
            try await held.save(on: app.db)
            let kept = try #require(try await VisitRatingRecord.query(on: app.db).first())
            #expect(kept.wordSealed == nil && kept.face == "good")
        }
    }

    @Test("The openings of the file name the case worker of the person's provider, and not the person's own")
    func openings() async throws {
        try await withOpora { app, _ in
            let file = try await Self.file(app, given: "Стефка", family: "Ангелова", serial: 21)
            let staff = Browser(app)
            _ = try await staff.signIn("caseworker")
            #expect(try await staff.get("/people/\(file.person.id)").status == .ok)
            // Her assistant's day shows today's visit to her: an opening, for the visit.
            _ = try await Self.visit(
                app,
                person: file.person.id,
                day: CalendarDay.today(at: app.clock.now()),
                minute: 1200
            )
            let assistant = Browser(app)
            _ = try await assistant.signIn("careworker")
            #expect(try await assistant.get("/home-care/my-day").status == .ok)
            let (browser, _) = try await Self.redeem(app, try await Self.invite(app, file.person.id))
            #expect(try await browser.get("/my/data/document").status == .ok)
            let data = try await browser.get("/my/data").body.string
            let caseworker = try #require(try await User.query(on: app.db).filter(\.$username == "caseworker").first())
            #expect(data.contains(caseworker.displayName))
            #expect(data.contains("социален работник"))
            #expect(data.contains("Отворено е досието ви"))
            #expect(data.contains("Отворено е досието ви — за посещение при вас (в деня на асистента)"))
        }
    }
}
