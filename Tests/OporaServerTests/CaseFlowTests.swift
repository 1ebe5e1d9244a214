import Fluent
import Foundation
import OporaCore
import SQLKit
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Cases, assessments, plans and referrals")
struct CaseFlowTests {
    struct Setup {
        var api: APIClient
        var person: PersonDTO
        var supportCase: CaseDTO
    }

    static func setUp(_ app: Application) async throws -> Setup {
        let api = try await APIClient.signIn(app, "caseworker")
        let person = try await api.call(.POST, "/people", json: PeopleTests.registerBody()).json(PersonDTO.self)
        let opened = try await api.call(
            .POST,
            "/people/\(person.id)/cases",
            json:
                #"{"referralSource":"generalPractitioner","legalBasis":"socialServicesAct","request":"Помощ вкъщи след инсулт"}"#
        )
        #expect(opened.status == .created)
        return Setup(api: api, person: person, supportCase: try opened.json(CaseDTO.self))
    }

    static let barthel =
        #"{"feeding":5,"bathing":0,"grooming":5,"dressing":5,"bowels":10,"bladder":10,"toiletUse":5,"transfers":10,"mobility":10,"stairs":0}"#
    static let lawton =
        #"{"telephone":0,"shopping":2,"foodPreparation":2,"housekeeping":3,"laundry":1,"transportation":3,"medications":1,"finances":1}"#

    @Test("The life cycle refuses an illegal move and a move without a reason, and records a legal one")
    func lifeCycle() async throws {
        try await withOpora { app, _ async throws in
            let s = try await Self.setUp(app)
            let skip = try await s.api.call(
                .POST,
                "/cases/\(s.supportCase.id)/transitions",
                json: #"{"to":"active","reason":"бързо","version":1}"#
            )
            #expect(skip.status == .unprocessableEntity)
            let silent = try await s.api.call(
                .POST,
                "/cases/\(s.supportCase.id)/transitions",
                json: #"{"to":"assessment","reason":" ","version":1}"#
            )
            #expect(silent.status == .unprocessableEntity)
            let moved = try await s.api.call(
                .POST,
                "/cases/\(s.supportCase.id)/transitions",
                json: #"{"to":"assessment","reason":"Посещение на 26.11","version":1}"#
            )
            #expect(try moved.json(CaseDTO.self).state == "assessment")
            let stale = try await s.api.call(
                .POST,
                "/cases/\(s.supportCase.id)/transitions",
                json: #"{"to":"plan","reason":"Оценката е готова","version":1}"#
            )
            #expect(stale.status == .conflict)
        }
    }

    @Test("An assessment is scored as published and recommends hours; the person's assessments accumulate")
    func assessment() async throws {
        try await withOpora { app, _ async throws in
            let s = try await Self.setUp(app)
            let body =
                #"{"caseId":"\#(s.supportCase.id)","reason":"Нужда от дневна грижа","urgency":"routine","contactName":"Елена Димитрова","barthel":\#(Self.barthel),"lawton":\#(Self.lawton),"dependenceDegree":3,"domains":[{"domain":"socialContactsAndLoneliness","rating":3,"inOwnWords":"Никой не идва","goal":"Да ходя до читалището"}]}"#
            let response = try await s.api.call(.POST, "/people/\(s.person.id)/assessments", json: body)
            #expect(response.status == .created)
            let assessment = try response.json(AssessmentDTO.self)
            #expect(assessment.barthelTotal == 60)
            #expect(assessment.barthelBand == "severeDependence")
            #expect(assessment.monthlyHoursCap == 84)
            #expect(!assessment.recommendations.isEmpty)
            let invalid = try await s.api.call(
                .POST,
                "/people/\(s.person.id)/assessments",
                json:
                    #"{"caseId":"\#(s.supportCase.id)","reason":"Нужда от дневна грижа","urgency":"routine","contactName":"Елена Димитрова","barthel":{"feeding":7},"lawton":\#(Self.lawton)}"#
            )
            // Every item is named: the one out of the scale and the nine left out.
            let fields = try invalid.json(ProblemDetails.self).errors?.map(\.field) ?? []
            #expect(fields.first == "barthel.feeding")
            #expect(fields.count == BarthelIndex.Item.allCases.count)
            #expect(
                try await s.api.call(.GET, "/people/\(s.person.id)/assessments").json([AssessmentDTO].self).count == 1
            )
        }
    }

    @Test(
        "Two people save one plan from the same version: the second gets a conflict; versions differ by a readable diff"
    )
    func planConflictAndDiff() async throws {
        try await withOpora { app, _ async throws in
            let s = try await Self.setUp(app)
            let service = try await APIClient.signIn(app, "admin").call(
                .GET,
                "/services?provider=\(DemoProviders.municipal.id)"
            ).json([ServiceDTO].self)[0]
            let first = try await s.api.call(
                .POST,
                "/cases/\(s.supportCase.id)/plans",
                json: #"{"basedOn":0,"plan":\#(Self.planFor(service.id, goal: "Да се къпе безопасно", visits: 3))}"#
            )
            #expect(first.status == .created)
            let coordinator = try await APIClient.signIn(app, "coordinator")
            let second = try await coordinator.call(
                .POST,
                "/cases/\(s.supportCase.id)/plans",
                json: #"{"basedOn":0,"plan":\#(Self.planFor(service.id, goal: "Друго", visits: 2))}"#
            )
            #expect(second.status == .conflict)
            let revised = try await coordinator.call(
                .POST,
                "/cases/\(s.supportCase.id)/plans",
                json: #"{"basedOn":1,"plan":\#(Self.planFor(service.id, goal: "Да се къпе безопасно", visits: 5))}"#
            )
            #expect(revised.status == .created)
            let diff = try await s.api.call(.GET, "/cases/\(s.supportCase.id)/plans/diff?from=1&to=2").json(
                PlanDiffDTO.self
            )
            #expect(diff.changes.count == 1)
            #expect(diff.changes.first?.contains("3") == true)
        }
    }

    static func planFor(_ service: UUID, goal: String, visits: Int) -> String {
        #"{"goals":["\#(goal)"],"services":[{"serviceID":"\#(service)","type":"assistantSupport","frequency":{"visits":\#(visits),"period":"week","minutesPerVisit":60},"preferredDays":["monday","thursday"]}],"startDate":"2026-12-01","reviewDate":"2027-06-01","agreement":{"agreedBy":"Йорданка Стоянова","agreedOn":"2026-11-25"}}"#
    }

    @Test("A referral carries only what the person consented to share; the receiver accepts it, others never see it")
    func referralConsent() async throws {
        try await withOpora { app, _ async throws in
            let s = try await Self.setUp(app)
            try await addStaff(app, username: "sofia-worker", role: .caseWorker, provider: DemoProviders.sofia.id)
            let dayCare = try await APIClient.signIn(app, "admin").call(
                .GET,
                "/services?provider=\(DemoProviders.ngo.id)"
            ).json([ServiceDTO].self)
                .first { $0.serviceType == "dayCare" }!
            let capacity = try await s.api.call(.GET, "/services/\(dayCare.id)/capacity").json(
                ReferralStore.Capacity.self
            )
            #expect(capacity.freePlaces == 30)
            let beyond = try await s.api.call(
                .POST,
                "/referrals",
                json:
                    #"{"caseId":"\#(s.supportCase.id)","reason":"Нужда от дневна грижа","urgency":"routine","contactName":"Елена Димитрова","toServiceId":"\#(dayCare.id)","share":["identification","healthAndDisability"]}"#
            )
            #expect(beyond.status == .unprocessableEntity)
            let sent = try await s.api.call(
                .POST,
                "/referrals",
                json:
                    #"{"caseId":"\#(s.supportCase.id)","reason":"Нужда от дневна грижа","urgency":"routine","contactName":"Елена Димитрова","toServiceId":"\#(dayCare.id)","share":["identification"],"consentForm":"written","consentGivenOn":"2026-11-16"}"#
            )
            #expect(sent.status == .created)
            let referral = try sent.json(ReferralDTO.self)
            #expect(referral.shared.name == "Йорданка Петрова Стоянова")
            #expect(referral.shared.phone == nil)
            #expect(referral.shared.request == nil)
            let receiver = try await APIClient.signIn(app, "ngo-manager")
            let incoming = try await receiver.call(.GET, "/referrals").json([ReferralDTO].self)
            #expect(incoming.map(\.id) == [referral.id])
            #expect(try await receiver.call(.GET, "/people/\(s.person.id)").status == .notFound)
            let declineSilently = try await receiver.call(
                .POST,
                "/referrals/\(referral.id)/decision",
                json: #"{"status":"declined","version":1}"#
            )
            #expect(declineSilently.status == .unprocessableEntity)
            let inbox = Browser(app)
            _ = try await inbox.signIn("ngo-manager")
            let blank = try await inbox.post(
                "/referrals/\(referral.id)/decision",
                [("status", "declined"), ("version", "1"), ("reason", "   ")],
                from: "/referrals"
            )
            #expect(blank.status == .unprocessableEntity)
            #expect(blank.body.string.contains(#"<p class="field-error" id="reason-\#(referral.id)-error">"#))
            let accepted = try await receiver.call(
                .POST,
                "/referrals/\(referral.id)/decision",
                json: #"{"status":"accepted","version":1}"#
            )
            #expect(try accepted.json(ReferralDTO.self).status == "accepted")
            #expect(
                try await s.api.call(.GET, "/services/\(dayCare.id)/capacity").json(ReferralStore.Capacity.self)
                    .freePlaces == 29
            )
            let outsider = try await APIClient.signIn(app, "sofia-worker")
            #expect(try await outsider.call(.GET, "/referrals").json([ReferralDTO].self).isEmpty)
            #expect(try await outsider.call(.GET, "/referrals/\(referral.id)").status == .notFound)
        }
    }

    @Test("The subject-access export holds the person's whole record and nothing of other people")
    func subjectAccessExport() async throws {
        try await withOpora { app, _ async throws in
            let s = try await Self.setUp(app)
            let otherEGN = EGN.make(birthDate: CalendarDay(year: 1951, month: 9, day: 2)!, sex: .male, serial: 7)!.value
            let other = try await s.api.call(
                .POST,
                "/people",
                json: PeopleTests.registerBody(given: "Георги", family: "Манолов", egn: otherEGN)
            ).json(PersonDTO.self)
            _ = try await s.api.call(
                .POST,
                "/people/\(other.id)/cases",
                json: #"{"referralSource":"self","legalBasis":"socialServicesAct","request":"Чужда тайна"}"#
            )
            _ = try await s.api.call(.POST, "/cases/\(s.supportCase.id)/notes", json: #"{"text":"Първа среща у дома"}"#)
            let export = try await s.api.call(.GET, "/people/\(s.person.id)/export")
            #expect(export.status == .ok)
            let text = export.body.string
            for expected in [PeopleTests.egn, "Помощ вкъщи след инсулт", "Първа среща у дома", "person.opened"] {
                #expect(text.contains(expected), "missing \(expected)")
            }
            for foreign in [otherEGN, "Манолов", "Чужда тайна", other.id.uuidString] {
                #expect(!text.contains(foreign), "contains \(foreign)")
            }
        }
    }
}

@Suite("Erasure")
struct ErasureTests {
    @Test("Erasure waits for an open case, then anonymises: the person can no longer be found and the data are gone")
    func anonymises() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let refused = try await s.api.call(.POST, "/people/\(s.person.id)/erasure").json(Erasure.Outcome.self)
            #expect(refused.anonymised == false)
            #expect(refused.message.contains("закрийте"))
            _ = try await s.api.call(
                .POST,
                "/cases/\(s.supportCase.id)/transitions",
                json: #"{"to":"closed","reason":"По желание на човека","version":1,"confirmClose":true}"#
            )
            let erased = try await s.api.call(.POST, "/people/\(s.person.id)/erasure").json(Erasure.Outcome.self)
            #expect(erased.anonymised)
            #expect(try await s.api.call(.GET, "/people?q=\(PeopleTests.egn)").json(ListDTO<PersonDTO>.self).total == 0)
            #expect(try await s.api.call(.GET, "/people/\(s.person.id)").status == .notFound)
            let row = try #require(try await Person.find(s.person.id, on: app.db))
            #expect(row.identifierSealed == nil && row.phoneSealed == nil && row.familyName == "—")
            #expect(row.birthDate == "1948-01-01")
            #expect(try await AuditTrail.verify(on: app.db).firstBreak == nil)
        }
    }
}

@Suite("Household and team")
struct HouseholdTests {
    @Test(
        "A guardian and a household member are recorded, sealed, shown on the file and exported; a colleague joins the team"
    )
    func householdAndTeam() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let added = try await s.api.call(
                .POST,
                "/people/\(s.person.id)/household",
                json:
                    #"{"name":"Пламен Стоянов","relation":"child","legalRole":"guardian","phone":"0899 111 222","livesWith":false}"#
            )
            #expect(added.status == .created)
            #expect(try added.json([HouseholdMemberDTO].self).first?.legalRole == "guardian")
            let wrong = try await s.api.call(
                .POST,
                "/people/\(s.person.id)/household",
                json: #"{"name":" ","relation":"cousin"}"#
            )
            #expect(Set(try wrong.json(ProblemDetails.self).errors?.map(\.field) ?? []) == ["name", "relation"])
            // A phone is digits, spaces, +, - and brackets, as on the person's own record.
            let lettered = try await s.api.call(
                .POST,
                "/people/\(s.person.id)/household",
                json: #"{"name":"Иван Стоянов","relation":"child","phone":"вечер след 6","livesWith":false}"#
            )
            #expect(try lettered.json(ProblemDetails.self).errors?.map(\.field) == ["phone"])
            let raw = try await app.db.sql().raw("SELECT name_sealed FROM household_members").all()
            #expect(
                !(try raw.map { try $0.decode(column: "name_sealed", as: String.self) }.joined()).contains("Пламен")
            )
            #expect(try await s.api.call(.GET, "/people/\(s.person.id)/export").body.string.contains("Пламен Стоянов"))
            let coordinator = try #require(
                try await User.query(on: app.db).filter(\.$username == "coordinator").first()
            )
            let team = try await s.api.call(
                .POST,
                "/cases/\(s.supportCase.id)/team",
                json: #"{"userId":"\#(coordinator.id!)"}"#
            )
            #expect(try team.json([TeamMemberDTO].self).map(\.displayName) == ["Мария Стоянова"])
            let outsider = try #require(try await User.query(on: app.db).filter(\.$username == "director").first())
            #expect(
                try await s.api.call(.POST, "/cases/\(s.supportCase.id)/team", json: #"{"userId":"\#(outsider.id!)"}"#)
                    .status == .unprocessableEntity
            )
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let file = try await browser.get("/people/\(s.person.id)").body.string
            #expect(file.contains("Пламен Стоянов"))
            #expect(file.contains("настойник"))
            #expect(
                try await browser.get("/cases/\(s.supportCase.id)").body.string.contains("Мария Стоянова (координатор)")
            )
            let referralPage = try await browser.get("/cases/\(s.supportCase.id)/referrals/new").body.string
            #expect(
                referralPage.contains(
                    "Дневна грижа за пълнолетни с увреждания — Сдружение „Подкрепа за независим живот“ · свободни места: 30"
                )
            )
            let viaForm = try await browser.post(
                "/people/\(s.person.id)/household",
                [("name", "Радка Стоянова"), ("relation", "sibling"), ("legalRole", ""), ("livesWith", "true")],
                from: "/people/\(s.person.id)"
            )
            #expect(viaForm.status == .seeOther)
            #expect(try await browser.get("/people/\(s.person.id)").body.string.contains("Радка Стоянова"))
        }
    }
}
