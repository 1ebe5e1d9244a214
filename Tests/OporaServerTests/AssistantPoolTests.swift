import Fluent
import Foundation
import OporaCore
import SQLKit
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Home care: the assistant pool, proposals and hiring")
struct AssistantPoolTests {
    static func candidateBody(
        name: String,
        settlement: String = "41112",
        unemployed: Bool = true,
        days: [String] = ["monday", "tuesday", "wednesday", "thursday", "friday"],
        from: String = "08:00",
        until: String = "13:00",
        skills: [String] = ["personalCare"],
        version: Int? = nil
    ) -> String {
        let availability = days.map { #"{"weekday":"\#($0)","start":"\#(from)","end":"\#(until)"}"# }
            .joined(separator: ",")
        let skillList = skills.map { "\"\($0)\"" }.joined(separator: ",")
        let v = version.map { #""version":\#($0),"# } ?? ""
        return
            #"{\#(v)"name":"\#(name)","phone":"0888 100 200","registeredUnemployed":\#(unemployed),"office":"\#(unemployed ? "Бюро по труда Кюстендил, № 1234" : "")","settlementEkatte":"\#(settlement)","skills":[\#(skillList)],"availability":[\#(availability)]}"#
    }

    static func add(_ api: APIClient, _ body: String) async throws -> PoolAPI.CandidateDTO {
        let response = try await api.call(.POST, "/home-care/pool", json: body)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.json(PoolAPI.CandidateDTO.self)
    }

    static func hireFields(version: Int, username: String = "snezhana.m") -> [(String, String)] {
        [
            ("version", String(version)), ("username", username), ("password", "Кюстендил-асистент-2026"),
            ("contractHours", "25"), ("confirm", "yes"),
        ]
    }

    @Test("The candidate form refuses every problem beside its field, keeps what was typed and stores nothing")
    func refusesBadCandidates() async throws {
        try await withOpora { app, _ async throws in
            let manager = Browser(app)
            _ = try await manager.signIn("manager")
            let refused = try await manager.post(
                "/home-care/pool",
                [
                    ("name", "Снежана"), ("phone", "abc"), ("homeSettlement", "99999"), ("office", ""),
                    ("skills[]", "flying"), ("shiftDay[]", "monday"), ("shiftStart[]", "13:00"),
                    ("shiftEnd[]", "08:00"),
                ],
                from: "/home-care/pool/new"
            )
            #expect(refused.status == .unprocessableEntity)
            let body = refused.body.string
            #expect(body.contains("value=\"Снежана\""))
            for id in ["phone-error", "homeSettlement-error"] { #expect(body.contains("id=\"\(id)\""), "\(id)") }
            #expect(body.contains(#"<fieldset id="registeredUnemployed" class="field has-error">"#))
            #expect(body.contains("Смяната трябва да започва преди да свърши"))
            let noHours = try await manager.post(
                "/home-care/pool",
                [("name", "Снежана"), ("homeSettlement", "41112"), ("registeredUnemployed", "yes"), ("office", "")],
                from: "/home-care/pool/new"
            )
            #expect(noHours.status == .unprocessableEntity)
            #expect(noHours.body.string.contains("Въведете поне един интервал"))
            #expect(noHours.body.string.contains(#"id="office-error""#), "a registered unemployed needs the office")
            #expect(try await PoolCandidate.query(on: app.db).count() == 0)
        }
    }

    @Test("A candidate's name, phone and registration are sealed, and listed opened in Bulgarian order")
    func sealedAndSorted() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "caseworker")
            _ = try await Self.add(api, Self.candidateBody(name: "Чавдара Илиева"))
            _ = try await Self.add(api, Self.candidateBody(name: "Ангелина Бойчева", unemployed: false))
            let rows = try await app.db.sql().raw(
                "SELECT name_sealed, phone_sealed, registration_sealed FROM home_care_candidates"
            )
            .all()
            for row in rows {
                let values = try ["name_sealed", "phone_sealed", "registration_sealed"].map {
                    try row.decode(column: $0, as: String.self)
                }
                #expect(
                    !values.joined().contains("Чавдара") && !values.joined().contains("0888")
                        && !values.joined().contains("Бюро")
                )
            }
            let listed = try await api.call(.GET, "/home-care/pool").json([PoolAPI.CandidateDTO].self)
            #expect(listed.map(\.name) == ["Ангелина Бойчева", "Чавдара Илиева"])
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "candidate.created").all()
            #expect(audit.count == 2)
            #expect(audit.allSatisfy { !$0.changes.contains("Чавдара") })
        }
    }

    @Test("For a person who names no assistant, candidates free at the preferred times come first, then the nearest")
    func proposalOrder() async throws {
        try await withOpora { app, clock async throws in
            // Assistant support every working day 09:00–12:00 in Кюстендил (41112), no assistant named.
            let (_, _, caseID) = try await HomeCareTests.centreWithOnePlan(app, clock, chosen: false)
            let villages = try await TerritoryQueries.settlementsInCodeOrder(municipality: "KNL29", on: app.db)
                .filter { $0.latitude != nil && $0.id != "41112" }
            let town = try #require(try await TerritoryQueries.settlement("41112", on: app.db))
            let far = try #require(
                villages.max {
                    CandidateRanking.greatCircleKm($0.latitude!, $0.longitude!, town.latitude!, town.longitude!)
                        < CandidateRanking.greatCircleKm($1.latitude!, $1.longitude!, town.latitude!, town.longitude!)
                }
            )
            let api = try await APIClient.signIn(app, "caseworker")
            let near = try await Self.add(api, Self.candidateBody(name: "Близка Пълна"))
            let distant = try await Self.add(api, Self.candidateBody(name: "Далечна Пълна", settlement: far.id!))
            let partial = try await Self.add(
                api,
                Self.candidateBody(name: "Близка Частична", days: ["monday"], from: "09:00", until: "12:00")
            )
            _ = try await Self.add(api, Self.candidateBody(name: "Събота Само", days: ["saturday"]))
            let unskilled = try await Self.add(api, Self.candidateBody(name: "Без Грижа", skills: ["mediation"]))
            let proposal = try await api.call(.GET, "/home-care/proposals/\(caseID)").json(PoolAPI.ProposalsDTO.self)
            #expect(proposal.needsAssistant)
            #expect(proposal.weeklyMinutes == 5 * 180)
            #expect(proposal.candidates.map(\.candidateId) == [near.id, distant.id, partial.id, unskilled.id])
            #expect(proposal.candidates[0].distanceKm == 0)
            #expect((proposal.candidates[1].distanceKm ?? 0) > 5)
            #expect(proposal.candidates[2].overlapMinutes == 180)
            #expect(proposal.candidates[3].missingSkills == ["personalCare"])
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let list = try await browser.get("/home-care/proposals")
            #expect(list.status == .ok)
            #expect(list.body.string.contains("/home-care/proposals/\(caseID)"))
            let page = try await browser.get("/home-care/proposals/\(caseID)")
            #expect(page.status == .ok)
            let text = page.body.string
            let order = ["Близка Пълна", "Далечна Пълна", "Близка Частична", "Без Грижа"].map {
                text.range(of: $0)!.lowerBound
            }
            #expect(order == order.sorted())
            #expect(!text.contains("Събота Само"))
            #expect(text.contains("0,0 км"))
        }
    }

    @Test("Hiring makes the candidate staff once: a second press creates no second account")
    func hireOnce() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "manager")
            let candidate = try await Self.add(api, Self.candidateBody(name: "Снежана Манова"))
            let manager = Browser(app)
            _ = try await manager.signIn("manager")
            let page = "/home-care/pool/\(candidate.id)"
            let first = try await manager.post("\(page)/hire", Self.hireFields(version: 1), from: page)
            #expect(first.status == .seeOther)
            let user = try #require(try await User.query(on: app.db).filter(\.$username == "snezhana.m").first())
            #expect(first.headers.first(name: .location) == "/home-care/staff/\(user.id!)")
            let second = try await manager.post("\(page)/hire", Self.hireFields(version: 1), from: page)
            #expect(second.status == .seeOther)
            #expect(second.headers.first(name: .location) == "/home-care/staff/\(user.id!)")
            let again = try await api.call(
                .POST,
                "/home-care/pool/\(candidate.id)/hire",
                json:
                    #"{"version":2,"username":"snezhana.m2","password":"Кюстендил-асистент-2026","contractHours":25,"confirm":true}"#
            )
            #expect(again.status == .conflict)
            #expect(try await User.query(on: app.db).filter(\.$displayName == "Снежана Манова").count() == 1)
            let staff = try await StaffMember.query(on: app.db).filter(\.$userID == user.id!).all()
            #expect(staff.count == 1)
            #expect(staff.first?.homeSettlement == "41112")
            #expect(staff.first?.contractHours == 25)
            #expect(user.jobTitle == .personalAssistant)
            let grants = try await RoleGrant.query(on: app.db).filter(\.$user.$id == user.id!).all()
            #expect(grants.map(\.role) == [.careWorker])
            #expect(try await AssistantHire.query(on: app.db).count() == 1)
            let today = CalendarDay.today(at: app.clock.now())
            let scope = AccessScope(providers: [DemoProviders.municipal.id])
            #expect(
                try await AssistantPool.formerlyUnemployedJobs(
                    provider: DemoProviders.municipal.id,
                    on: today,
                    scope,
                    on: app.db
                )
                    == 1
            )
            #expect(
                try await AssistantPool.formerlyUnemployedJobs(
                    provider: DemoProviders.municipal.id,
                    on: today.adding(days: -1),
                    scope,
                    on: app.db
                ) == 0
            )
            for (action, record) in [
                ("user.created", user.id!), ("staff.created", staff.first!.id!), ("candidate.hired", candidate.id),
            ] {
                let events = try await AuditEvent.query(on: app.db).filter(\.$action == action)
                    .filter(\.$recordID == record.uuidString).count()
                #expect(events == 1, "\(action)")
            }
            // The new assistant signs in with the first password.
            #expect(
                try await Browser(app).signIn("snezhana.m", password: "Кюстендил-асистент-2026").status == .seeOther
            )
        }
    }

    @Test("A hire without confirmation, with a taken username or a contract shorter than the availability is refused")
    func refusesBadHires() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "manager")
            let candidate = try await Self.add(api, Self.candidateBody(name: "Снежана Манова"))
            let manager = Browser(app)
            _ = try await manager.signIn("manager")
            let page = "/home-care/pool/\(candidate.id)"
            let form = try await manager.get(page).body.string
            #expect(form.contains(#"<input type="checkbox" id="confirm" name="confirm" value="yes">"#), "not ticked")
            var fields = Self.hireFields(version: 1, username: "caseworker").filter { $0.0 != "confirm" }
            fields = fields.map { $0.0 == "contractHours" ? ("contractHours", "10") : $0 }
            let refused = try await manager.post("\(page)/hire", fields, from: page)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(#"id="confirm-error""#))
            #expect(refused.body.string.contains(#"id="contractHours-error""#))
            let taken = try await manager.post(
                "\(page)/hire",
                Self.hireFields(version: 1, username: "caseworker"),
                from: page
            )
            #expect(taken.status == .unprocessableEntity)
            #expect(taken.body.string.contains(#"id="username-error""#))
            #expect(try await AssistantHire.query(on: app.db).count() == 0)
            #expect(try await StaffMember.query(on: app.db).count() == 0)
        }
    }

    @Test("Another provider's candidate and an outside case are not found, and nothing of them changes")
    func outsideIsNotFound() async throws {
        try await withOpora { app, _ async throws in
            let ngo = try await APIClient.signIn(app, "ngo-manager")
            let theirs = try await Self.add(ngo, Self.candidateBody(name: "Чужда Кандидатка"))
            let api = try await APIClient.signIn(app, "manager")
            #expect(try await api.call(.GET, "/home-care/pool").body.string.contains("Чужда") == false)
            let put = try await api.call(
                .PUT,
                "/home-care/pool/\(theirs.id)",
                json: Self.candidateBody(name: "Подменена", version: 1)
            )
            #expect(put.status == .notFound)
            let hire = try await api.call(
                .POST,
                "/home-care/pool/\(theirs.id)/hire",
                json:
                    #"{"version":1,"username":"stolen.one","password":"Кюстендил-асистент-2026","contractHours":25,"confirm":true}"#
            )
            #expect(hire.status == .notFound)
            let manager = Browser(app)
            _ = try await manager.signIn("manager")
            #expect(try await manager.get("/home-care/pool/\(theirs.id)").status == .notFound)
            // The NGO's case with a plan in force that names no assistant: outside the centre's scope.
            let ngoWorker = try await APIClient.signIn(app, "ngo-caseworker")
            let person = try await ngoWorker.call(
                .POST,
                "/people",
                json: PeopleTests.registerBody(given: "Тодорка", family: "Чуждева")
            ).json(PersonDTO.self)
            let opened = try await ngoWorker.call(
                .POST,
                "/people/\(person.id)/cases",
                json: #"{"referralSource":"family","legalBasis":"socialServicesAct","request":"Помощ"}"#
            ).json(CaseDTO.self)
            let supportCase = try #require(try await SupportCase.find(opened.id, on: app.db))
            supportCase.state = .active
            try await supportCase.save(on: app.db)
            let today = CalendarDay.today(at: app.clock.now())
            let plan = SupportPlan(
                goals: ["Да остане у дома"],
                services: [
                    PlannedService(
                        serviceID: UUID(),
                        type: .assistantSupport,
                        frequency: ServiceFrequency(visits: 1, per: .workingDay, minutesPerVisit: 60)!
                    )
                ],
                startDate: today,
                reviewDate: today.adding(days: 90)
            )
            try await PlansInForce.agreeForDemo(
                plan,
                caseID: opened.id,
                by: "test",
                at: app.clock.now(),
                key: app.dataKey,
                on: app.db
            )
            #expect(try await ngoWorker.call(.GET, "/home-care/proposals/\(opened.id)").status == .ok)
            #expect(try await api.call(.GET, "/home-care/proposals/\(opened.id)").status == .notFound)
            #expect(try await manager.get("/home-care/proposals/\(opened.id)").status == .notFound)
            #expect(try await PoolCandidate.find(theirs.id, on: app.db)?.version == 1)
            #expect(try await User.query(on: app.db).filter(\.$username == "stolen.one").count() == 0)
        }
    }

    @Test(
        "Case workers and the manager keep the pool, only the manager hires, the coordinator reads, others are refused"
    )
    func roleAccess() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "manager")
            let candidate = try await Self.add(api, Self.candidateBody(name: "Снежана Манова"))
            for (role, reads) in [
                ("manager", true), ("caseworker", true), ("coordinator", true), ("careworker", false), ("admin", false),
                ("director", false),
            ] {
                let browser = Browser(app)
                _ = try await browser.signIn(role)
                #expect((try await browser.get("/home-care/pool").status == .ok) == reads, "\(role)")
            }
            let caseworker = Browser(app)
            _ = try await caseworker.signIn("caseworker")
            let page = "/home-care/pool/\(candidate.id)"
            #expect(!(try await caseworker.get(page).body.string.contains("/hire")))
            #expect(
                try await caseworker.post("\(page)/hire", Self.hireFields(version: 1), from: page).status == .forbidden
            )
            let coordinator = try await APIClient.signIn(app, "coordinator")
            #expect(
                try await coordinator.call(.POST, "/home-care/pool", json: Self.candidateBody(name: "Нова")).status
                    == .forbidden
            )
            #expect(try await StaffMember.query(on: app.db).count() == 0)
        }
    }

    @Test("Two edits of a candidate from the same version: the second is a conflict")
    func concurrentEdit() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "caseworker")
            let candidate = try await Self.add(api, Self.candidateBody(name: "Снежана Манова"))
            let first = try await api.call(
                .PUT,
                "/home-care/pool/\(candidate.id)",
                json: Self.candidateBody(name: "Снежана Манова", until: "14:00", version: 1)
            )
            #expect(first.status == .ok)
            let second = try await api.call(
                .PUT,
                "/home-care/pool/\(candidate.id)",
                json: Self.candidateBody(name: "Снежана Иванова", version: 1)
            )
            #expect(second.status == .conflict)
            let listed = try await api.call(.GET, "/home-care/pool").json([PoolAPI.CandidateDTO].self)
            #expect(listed.first?.name == "Снежана Манова")
            #expect(listed.first?.availability.first?.end == "14:00")
        }
    }
}
