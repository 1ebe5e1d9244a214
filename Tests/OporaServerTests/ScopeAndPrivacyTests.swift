import Fluent
import Foundation
import OporaCore
import SQLKit
import Testing
import VaporTesting

@testable import OporaServer

/// The findings of probing the demo from outside: writes beyond the scope, oracles over other
/// providers' registers, personal data where erasure cannot reach it, numbers that trapped.
@Suite("Scope and privacy at the edges")
struct ScopeAndPrivacyTests {
    static let sofia = "68134"

    @Test(
        "A director cannot register a person at a provider outside the municipality; the answer is the one for a provider that does not exist"
    )
    func registeringOutsideTheScope() async throws {
        try await withOpora { app, _ async throws in
            let director = try await APIClient.signIn(app, "director")
            let outside = try await director.call(
                .POST,
                "/people?provider=\(DemoProviders.sofia.id)",
                json: PeopleTests.registerBody()
            )
            let unknown = try await director.call(.POST, "/people?provider=\(UUID())", json: PeopleTests.registerBody())
            #expect(outside.status == .unprocessableEntity)
            #expect(outside.status == unknown.status)
            #expect(try outside.json(ProblemDetails.self).errors == (try unknown.json(ProblemDetails.self).errors))
            #expect(try await Person.query(on: app.db).filter(\.$provider.$id == DemoProviders.sofia.id).count() == 0)
            let inside = try await director.call(
                .POST,
                "/people?provider=\(DemoProviders.municipal.id)",
                json: PeopleTests.registerBody()
            )
            #expect(inside.status == .created)
        }
    }

    @Test(
        "Duplicate checks look only inside the user's scope: another provider learns nothing of a person registered elsewhere"
    )
    func duplicateChecksStayInsideTheScope() async throws {
        try await withOpora { app, _ async throws in
            let kyustendil = try await APIClient.signIn(app, "caseworker")
            #expect(try await kyustendil.call(.POST, "/people", json: PeopleTests.registerBody()).status == .created)
            try await addStaff(app, username: "sofia-worker", role: .caseWorker, provider: DemoProviders.sofia.id)
            let sofia = try await APIClient.signIn(app, "sofia-worker")
            let sameNamesNoIdentifier =
                #"{"givenName":"Йорданка","middleName":"Петрова","familyName":"Стоянова","identifierType":"none","birthDate":"1948-03-17","settlementEkatte":"\#(Self.sofia)"}"#
            let named = try await sofia.call(.POST, "/people", json: sameNamesNoIdentifier)
            #expect(named.status == .created, "\(named.body.string)")
            let sameEGN = try await sofia.call(
                .POST,
                "/people",
                json: PeopleTests.registerBody(extra: #","confirmDuplicate":"true""#)
                    .replacingOccurrences(of: "41112", with: Self.sofia)
            )
            #expect(sameEGN.status == .created, "\(sameEGN.body.string)")
            #expect(try await sofia.call(.GET, "/people?q=\(PeopleTests.egn)").json(ListDTO<PersonDTO>.self).total == 1)
            #expect(
                try await kyustendil.call(.GET, "/people?q=\(PeopleTests.egn)").json(ListDTO<PersonDTO>.self).total == 1
            )
            let again = try await kyustendil.call(.POST, "/people", json: PeopleTests.registerBody())
            #expect(try again.json(ProblemDetails.self).errors?.map(\.field) == ["identifier"])
        }
    }

    @Test(
        "The audit trail keeps which fields of a person changed but not their values; erasure destroys the key and the chain still verifies"
    )
    func auditValuesAreSealedAndShredded() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            _ = try await s.api.call(.PATCH, "/people/\(s.person.id)", json: #"{"phone":"0877 555 111","version":1}"#)
            let changes = try await AuditEvent.query(on: app.db).filter(\.$recordID == s.person.id.uuidString).all()
                .map(\.changes).joined()
            for value in ["Йорданка", "Стоянова", "1948-03-17", "0888 123 456", "0877 555 111", "41112"] {
                #expect(!changes.contains(value), "\(value) is readable in the audit trail")
            }
            #expect(changes.contains("givenName") && changes.contains("phone"))
            #expect(try await SubjectKey.find("person:\(s.person.id)", on: app.db) != nil)
            _ = try await s.api.call(
                .POST,
                "/cases/\(s.supportCase.id)/transitions",
                json: #"{"to":"closed","reason":"По желание на човека","version":1,"confirmClose":true}"#
            )
            #expect(try await s.api.call(.POST, "/people/\(s.person.id)/erasure").json(Erasure.Outcome.self).anonymised)
            #expect(try await SubjectKey.find("person:\(s.person.id)", on: app.db) == nil)
            #expect(try await AuditTrail.verify(on: app.db).firstBreak == nil)
        }
    }

    @Test("A page number or a frequency beyond any range is refused, and the server keeps answering")
    func numbersFromOutsideAreRangeChecked() async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let hugePage = try await browser.get("/people?page=9223372036854775807")
            #expect(hugePage.status == .badRequest)
            #expect(hugePage.body.string.contains("1000000"))
            #expect(try await browser.get("/providers?page=9223372036854775807").status == .badRequest)
            let s = try await CaseFlowTests.setUp(app)
            let service = try await s.api.call(.GET, "/services?provider=\(DemoProviders.municipal.id)").json(
                [ServiceDTO].self
            )[0]
            let huge = CaseFlowTests.planFor(service.id, goal: "Цел", visits: 1).replacingOccurrences(
                of: #""visits":1"#,
                with: #""visits":4611686018427387904"#
            )
            #expect(
                try await s.api.call(.POST, "/cases/\(s.supportCase.id)/plans", json: #"{"basedOn":0,"plan":\#(huge)}"#)
                    .status == .badRequest
            )
            let hours = CaseFlowTests.planFor(service.id, goal: "Цел", visits: 1)
                .replacingOccurrences(
                    of: #""startDate""#,
                    with: #""personalAssistance":{"degree":4,"monthlyHours":9223372036854775807},"startDate""#
                )
            #expect(
                try await s.api.call(
                    .POST,
                    "/cases/\(s.supportCase.id)/plans",
                    json: #"{"basedOn":0,"plan":\#(hours)}"#
                ).status == .badRequest
            )
            #expect(try await s.api.call(.GET, "/cases/\(s.supportCase.id)/plans").status == .ok)
            #expect(
                try await s.api.call(
                    .GET,
                    "/people?q=" + String(repeating: "а", count: 60_000).addingPercentEncoding(
                        withAllowedCharacters: .alphanumerics
                    )!
                ).status
                    == .badRequest
            )
        }
    }

    @Test("A referral to a service outside Opora carries no personal data, consent or not")
    func outsideReferralSharesNothing() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let everything =
                #"{"caseId":"\#(s.supportCase.id)","reason":"Нужда от дневна грижа","urgency":"routine","contactName":"Елена Димитрова","outsideService":"Личен лекар д-р Петров","share":["identification","contactDetails","assessment","supportPlan"]}"#
            let refused = try await s.api.call(.POST, "/referrals", json: everything)
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.json(ProblemDetails.self).errors?.map(\.field) == ["share"])
            let bare = try await s.api.call(
                .POST,
                "/referrals",
                json:
                    #"{"caseId":"\#(s.supportCase.id)","reason":"Нужда от дневна грижа","urgency":"routine","contactName":"Елена Димитрова","outsideService":"Личен лекар д-р Петров"}"#
            )
            #expect(bare.status == .created)
            #expect(try bare.json(ReferralDTO.self).shared.categories.isEmpty)
        }
    }

    @Test(
        "Only a path of this site is followed after the language switch; CR, LF and a backslash are not",
        arguments: [
            ("/x\r\nSet-Cookie: opora_session=stolen", "/"), (#"/\evil.example"#, "/"), ("//evil.example", "/"),
            ("https://evil.example/", "/"), ("/people?q=%D0%98", "/people?q=%D0%98"),
        ]
    )
    func languageSwitchFollowsLocalPathsOnly(back: String, location: String) async throws {
        try await withOpora(seed: false) { app, _ async throws in
            let browser = Browser(app)
            let response = try await browser.post("/language", [("lang", "en"), ("back", back)], from: "/sign-in")
            #expect(response.headers.first(name: .location) == location)
            #expect(!response.headers[.setCookie].contains { $0.contains("stolen") })
        }
    }

    @Test(
        "A token from signing in lives hours, a personal one days; a changed password revokes every token and other session"
    )
    func credentialsOutliveNoReason() async throws {
        try await withOpora { app, clock async throws in
            let signedIn = try await APIClient.signIn(app, "inspector")
            let personal = try await signedIn.call(.POST, "/tokens", json: #"{"name":"Отчети"}"#).json(NewTokenDTO.self)
            clock.advance(minutes: 13 * 60)
            #expect(try await signedIn.call(.GET, "/me").status == .unauthorized)
            let kept = APIClient(app: app, token: personal.token)
            #expect(try await kept.call(.GET, "/me").status == .ok)
            let browser = Browser(app)
            _ = try await browser.signIn("inspector")
            let other = Browser(app)
            _ = try await other.signIn("inspector")
            let strong = "Зелена-ливада-над-Осогово"
            _ = try await browser.post(
                "/account/password",
                [("current", demoPassword), ("new", strong), ("repeated", strong)],
                from: "/account"
            )
            #expect(try await kept.call(.GET, "/me").status == .unauthorized)
            #expect(try await other.get("/").status == .seeOther)
            #expect(try await browser.get("/").status == .ok)
        }
    }

    @Test("A personal token expires after its days; an administrator's reset revokes the user's tokens")
    func tokenExpiryAndReset() async throws {
        try await withOpora { app, clock async throws in
            let planner = try await APIClient.signIn(app, "planner")
            let personal = APIClient(
                app: app,
                token: try await planner.call(.POST, "/tokens", json: #"{"name":"Скрипт"}"#).json(NewTokenDTO.self)
                    .token
            )
            clock.advance(minutes: 29 * 24 * 60)
            #expect(try await personal.call(.GET, "/me").status == .ok)
            clock.advance(minutes: 2 * 24 * 60)
            #expect(try await personal.call(.GET, "/me").status == .unauthorized)
            let inspector = try await APIClient.signIn(app, "inspector")
            let admin = Browser(app)
            _ = try await admin.signIn("admin")
            let id = try #require(try await User.query(on: app.db).filter(\.$username == "inspector").first()?.id)
            let reset = try await admin.post(
                "/admin/users/\(id)/password",
                [("password", "Нова-парола-за-проверка-2026")],
                from: "/admin/users/\(id)"
            )
            #expect(reset.status == .seeOther)
            #expect(try await inspector.call(.GET, "/me").status == .unauthorized)
        }
    }

    @Test("A browser session ends 12 hours after sign-in however busy it is")
    func sessionsHaveAnAbsoluteLifetime() async throws {
        try await withOpora { app, clock async throws in
            let browser = Browser(app)
            _ = try await browser.signIn("coordinator")
            for _ in 1...35 {
                clock.advance(minutes: 20)
                #expect(try await browser.get("/").status == .ok)
            }
            clock.advance(minutes: 21)
            #expect(try await browser.get("/").headers.first(name: .location) == "/sign-in")
        }
    }

    @Test("A manager cannot move the provider out of the director's sight, nor place a service in another municipality")
    func wherARecordSitsIsAScopeDecision() async throws {
        try await withOpora { app, _ async throws in
            let manager = try await APIClient.signIn(app, "manager")
            let id = DemoProviders.municipal.id
            let own = try await manager.call(.GET, "/providers/\(id)").json(ProviderDTO.self)
            let moved = try await manager.call(
                .PATCH,
                "/providers/\(id)",
                json: #"{"municipalityCode":"SOF46","version":\#(own.version)}"#
            )
            #expect(moved.status == .unprocessableEntity)
            #expect(try moved.json(ProblemDetails.self).errors?.map(\.field) == ["municipalityCode"])
            let director = try await APIClient.signIn(app, "director")
            #expect(try await director.call(.GET, "/providers/\(id)").status == .ok)
            let away = try await director.call(
                .PATCH,
                "/providers/\(id)",
                json: #"{"municipalityCode":"SOF46","version":\#(own.version)}"#
            )
            #expect(away.status == .unprocessableEntity)
            let service =
                #"{"providerId":"\#(id)","name":"Клуб в София","serviceType":"dayCare","setting":"inCommunity","settlementEkatte":"\#(Self.sofia)","capacityPlaces":10,"targetGroups":["elderly"]}"#
            let placed = try await manager.call(.POST, "/services", json: service)
            #expect(placed.status == .unprocessableEntity, "\(placed.body.string)")
            #expect(
                try placed.json(ProblemDetails.self).errors?.map(\.field) == ["settlementEkatte"],
                "\(placed.body.string)"
            )
        }
    }

    @Test("Ids named in a plan, a capacity question or a decision must be in scope; answers are never cached")
    func idsNamedInRequestsStayInScope() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            try await addStaff(app, username: "sofia-worker", role: .caseWorker, provider: DemoProviders.sofia.id)
            let stranger = try #require(
                try await User.query(on: app.db).filter(\.$username == "sofia-worker").first()?.id
            )
            let service = try await s.api.call(.GET, "/services?provider=\(DemoProviders.municipal.id)").json(
                [ServiceDTO].self
            )[0]
            let plan = CaseFlowTests.planFor(service.id, goal: "Цел", visits: 2)
                .replacingOccurrences(
                    of: #""preferredDays""#,
                    with: #""chosenWorkerID":"\#(stranger)","preferredDays""#
                )
            let refused = try await s.api.call(
                .POST,
                "/cases/\(s.supportCase.id)/plans",
                json: #"{"basedOn":0,"plan":\#(plan)}"#
            )
            #expect(try refused.json(ProblemDetails.self).errors?.map(\.field) == ["services.0.worker"])
            let sofiaService = try await APIClient.signIn(app, "admin").call(
                .GET,
                "/services?provider=\(DemoProviders.sofia.id)"
            )
            .json([ServiceDTO].self)
            if let far = sofiaService.first {
                #expect(try await s.api.call(.GET, "/services/\(far.id)/capacity").status == .notFound)
            }
            let me = try await s.api.call(.GET, "/me")
            #expect(me.headers.first(name: .cacheControl) == "no-store")
            #expect(
                try await s.api.call(.GET, "/people/\(s.person.id)/export").headers.first(name: .cacheControl)
                    == "no-store"
            )
        }
    }

    @Test("Only the receiving provider decides on a referral: not the sender, not the municipality's director")
    func onlyTheReceiverDecides() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let own = try await s.api.call(.GET, "/services?provider=\(DemoProviders.municipal.id)").json(
                [ServiceDTO].self
            )[0]
            let toItself = try await s.api.call(
                .POST,
                "/referrals",
                json:
                    #"{"caseId":"\#(s.supportCase.id)","reason":"Нужда от дневна грижа","urgency":"routine","contactName":"Елена Димитрова","toServiceId":"\#(own.id)"}"#
            )
            #expect(try toItself.json(ProblemDetails.self).errors?.map(\.field) == ["toServiceId"])
            let dayCare = try await APIClient.signIn(app, "admin").call(
                .GET,
                "/services?provider=\(DemoProviders.ngo.id)"
            ).json([ServiceDTO].self)[0]
            let toNGO = try await s.api.call(
                .POST,
                "/referrals",
                json:
                    #"{"caseId":"\#(s.supportCase.id)","reason":"Нужда от дневна грижа","urgency":"routine","contactName":"Елена Димитрова","toServiceId":"\#(dayCare.id)"}"#
            )
            .json(ReferralDTO.self)
            let director = try await APIClient.signIn(app, "director")
            let onBehalf = try await director.call(
                .POST,
                "/referrals/\(toNGO.id)/decision",
                json: #"{"status":"accepted","version":1}"#
            )
            #expect(onBehalf.status == .forbidden)
            #expect(
                try await s.api.call(
                    .POST,
                    "/referrals/\(toNGO.id)/decision",
                    json: #"{"status":"accepted","version":1}"#
                ).status == .forbidden
            )
            let ngo = try await APIClient.signIn(app, "ngo-manager")
            #expect(
                try await ngo.call(
                    .POST,
                    "/referrals/\(toNGO.id)/decision",
                    json: #"{"status":"accepted","version":1}"#
                ).status == .ok
            )
        }
    }

    @Test("A case worker moved to another provider no longer sees the old provider's people on the dashboard")
    func dashboardFollowsTheScope() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            #expect(
                try await s.api.call(.GET, "/dashboard").json(DashboardDTO.self).myCases.contains {
                    $0.caseId == s.supportCase.id
                }
            )
            let worker = try #require(
                try await User.query(on: app.db).filter(\.$username == "caseworker").with(\.$grants).first()
            )
            for grant in worker.grants {
                grant.scopeCode = DemoProviders.ngo.id.uuidString
                try await grant.update(on: app.db)
            }
            worker.providerID = DemoProviders.ngo.id
            try await worker.update(on: app.db)
            #expect(try await s.api.call(.GET, "/dashboard").json(DashboardDTO.self).myCases.isEmpty)
        }
    }
}

@Suite("Erasure leaves no copies")
struct ErasureCopiesTests {
    @Test(
        "After registering, editing and erasing a person, no byte of the database, its log or shared memory holds the names, birth date, phone or identifier"
    )
    func nothingLeftInTheFiles() async throws {
        guard TestDatabase.postgresURL == nil else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opora-erasure-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/opora.sqlite"
        let egn = EGN.make(birthDate: CalendarDay(year: 1951, month: 7, day: 23)!, sex: .female, serial: 77)!.value
        try await withOpora(storage: .sqliteFile(path: path)) { app, _ async throws in
            let api = try await APIClient.signIn(app, "caseworker")
            let body = PeopleTests.registerBody(given: "Велислава", family: "Кунчева", egn: egn).replacingOccurrences(
                of: "0888 123 456",
                with: "0899 771 442"
            )
            let person = try await api.call(.POST, "/people", json: body).json(PersonDTO.self)
            _ = try await api.call(
                .PATCH,
                "/people/\(person.id)",
                json: #"{"familyName":"Кунчева-Тодорова","phone":"0899 771 443","version":1}"#
            )
            #expect(
                try await api.call(
                    .GET,
                    "/people?q=Велислава".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
                )
                .json(ListDTO<PersonDTO>.self).total == 1
            )
            #expect(try await api.call(.POST, "/people/\(person.id)/erasure").json(Erasure.Outcome.self).anonymised)
            #expect(try await AuditTrail.verify(on: app.db).firstBreak == nil)
            // While the server runs, before SQLite's own checkpoint at closing.
            Self.expectNoCopies(path, of: egn)
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        Self.expectNoCopies(path, of: egn)
    }

    static func expectNoCopies(_ path: String, of egn: String) {
        let needles = [
            "Велислава", "Кунчева", "Тодорова", "Velislava", "velislava", "Kuncheva", "0899 771 442", "0899 771 443",
            egn, "1951-07-23",
        ]
        for file in [path, path + "-wal", path + "-shm"] {
            guard let bytes = FileManager.default.contents(atPath: file) else { continue }
            for needle in needles {
                #expect(bytes.range(of: Data(needle.utf8)) == nil, "\(needle) is still in \(file)")
            }
        }
    }
}

@Suite("Erasure and export follow the table of personal data")
struct PersonalDataTableTests {
    @Test(
        "Erasure removes what the table says to remove (consents and household too), generalises the disability percentage, keeps what reports count; the export lists every field"
    )
    func erasureFollowsTheTable() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            _ = try await s.api.call(
                .PATCH,
                "/people/\(s.person.id)",
                json: #"{"disabilityPercent":"75","decisionExpiry":"2028-01-31","version":1}"#
            )
            let dayCare = try await ReferralLoopTests.dayCare(app)
            _ = try await s.api.call(
                .POST,
                "/referrals",
                json:
                    #"{"caseId":"\#(s.supportCase.id)","reason":"Дневна грижа","urgency":"routine","contactName":"Елена Димитрова","toServiceId":"\#(dayCare.id)","share":["identification"],"consentForm":"written","consentGivenOn":"2026-11-16"}"#
            )
            _ = try await s.api.call(
                .POST,
                "/people/\(s.person.id)/household",
                json: #"{"name":"Иван Стоянов","relation":"child","livesWith":false}"#
            )
            let export = try await s.api.call(.GET, "/people/\(s.person.id)/export").json(SubjectAccessRecord.self)
            #expect(export.personalData.map(\.field) == PersonalDataField.allCases.map(\.rawValue))
            #expect(export.personalData.first { $0.field == "disabilityPercentage" }?.values == ["75 %"])
            #expect(export.personalData.first { $0.field == "consents" }?.values.isEmpty == false)
            _ = try await s.api.call(
                .POST,
                "/cases/\(s.supportCase.id)/transitions",
                json: #"{"to":"closed","reason":"По желание на човека","version":1,"confirmClose":true}"#
            )
            #expect(try await s.api.call(.POST, "/people/\(s.person.id)/erasure").json(Erasure.Outcome.self).anonymised)
            let key = app.dataKey
            let row = try #require(try await Person.find(s.person.id, on: app.db))
            let health = try key.openJSON(HealthDetails.self, try #require(row.healthSealed))
            #expect(
                health.disabilityPercent == nil && health.decisionExpiry == nil && health.disabilityBand == "70-89.99"
            )
            #expect(row.sex == "female" && row.settlementEkatte == "41112")
            #expect(try await SharingConsent.query(on: app.db).filter(\.$person.$id == s.person.id).count() == 0)
            #expect(try await HouseholdMember.query(on: app.db).filter(\.$person.$id == s.person.id).count() == 0)
            let transitions = try await CaseTransitionRecord.query(on: app.db).filter(
                \.$supportCase.$id == s.supportCase.id
            ).all()
            #expect(try transitions.allSatisfy { try key.open($0.reasonSealed).isEmpty })
        }
    }
}

@Suite("The extremes of every number in a form")
struct NumberExtremesTests {
    static let extremes = [
        "9223372036854775807", "-9223372036854775808", "99999999999999999999999", "4611686018427387904", "-1", "0",
    ]

    @Test(
        "Every numeric field of the plan, person and service forms refuses the extremes beside the field; nothing is saved"
    )
    func formsRefuseTheExtremes() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let browser = Browser(app)
            _ = try await browser.signIn("manager")
            let service = try #require(
                try await ProvidedService.query(on: app.db).filter(\.$provider.$id == DemoProviders.municipal.id)
                    .first()
            )
            let plan = "/cases/\(s.supportCase.id)/plan"
            for number in Self.extremes {
                let fields: [(String, String)] = [
                    ("basedOn", "0"), ("goals", "Цел"), ("services[0][service]", service.id!.uuidString),
                    ("services[0][visits]", number),
                    ("services[0][period]", "week"), ("services[0][minutes]", number), ("start", "2026-12-01"),
                    ("review", "2027-06-01"),
                    ("agreedBy", "Йорданка Стоянова"), ("degree", "4"), ("monthlyHours", number),
                ]
                let refused = try await browser.post(plan, fields, from: plan)
                #expect(refused.status == .unprocessableEntity, "plan with \(number)")
                #expect(
                    refused.body.string.contains(#"id="frequency-0-error""#)
                        || refused.body.string.contains("field-error")
                )
                let person = try await browser.post(
                    "/people",
                    [
                        ("givenName", "Мара"), ("familyName", "Крайна"), ("identifierType", "none"),
                        ("settlementEkatte", "41112"),
                        ("disabilityPercent", number), ("decisionExpiry", "2028-01-01"),
                    ],
                    from: "/people/new"
                )
                #expect(person.status == .unprocessableEntity, "person with \(number)")
                #expect(person.body.string.contains(#"id="disabilityPercent-error""#))
                let edit = "/services/\(service.id!)/edit"
                let refusedService = try await browser.post(
                    "/services/\(service.id!)",
                    [
                        ("name", service.name), ("serviceType", service.serviceType.rawValue),
                        ("setting", service.setting.rawValue),
                        ("settlementEkatte", service.settlementEkatte), ("capacityPlaces", number),
                        ("capacityHoursPerWeek", number),
                        ("targetGroups[]", "elderly"), ("version", String(service.version)),
                    ],
                    from: edit
                )
                #expect(refusedService.status == .unprocessableEntity, "service with \(number)")
            }
            #expect(
                try await SupportPlanVersion.query(on: app.db).filter(\.$supportCase.$id == s.supportCase.id).count()
                    == 0
            )
            #expect(try await Person.query(on: app.db).filter(\.$familyName == "Крайна").count() == 0)
            #expect(
                try await ProvidedService.query(on: app.db).filter(\.$id == service.id!).first()?.version
                    == service.version
            )
        }
    }
}
