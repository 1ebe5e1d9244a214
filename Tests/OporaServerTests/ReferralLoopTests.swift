import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

@Suite("A referral that arrives")
struct ReferralLoopTests {
    static func dayCare(_ app: Application) async throws -> ServiceDTO {
        try await APIClient.signIn(app, "admin").call(.GET, "/services?provider=\(DemoProviders.ngo.id)")
            .json([ServiceDTO].self).first { $0.serviceType == "dayCare" }!
    }

    /// The case of `CaseFlowTests.setUp` with a signed assessment and a plan, so both can be shared.
    static func assessedAndPlanned(_ app: Application) async throws -> CaseFlowTests.Setup {
        let s = try await CaseFlowTests.setUp(app)
        let assessed = try await s.api.call(
            .POST,
            "/people/\(s.person.id)/assessments",
            json: """
                {"caseId":"\(s.supportCase.id)","barthel":\(CaseFlowTests.barthel),"lawton":\(CaseFlowTests.lawton),
                 "domains":[{"domain":"housing","rating":2,"inOwnWords":"Стълбите са ми трудни","goal":""}]}
                """
        )
        #expect(assessed.status == .created)
        let service = try await APIClient.signIn(app, "admin").call(
            .GET,
            "/services?provider=\(DemoProviders.municipal.id)"
        ).json([ServiceDTO].self)[0]
        let planned = try await s.api.call(
            .POST,
            "/cases/\(s.supportCase.id)/plans",
            json:
                #"{"basedOn":0,"plan":\#(CaseFlowTests.planFor(service.id, goal: "Да излиза всяка седмица", visits: 3))}"#
        )
        #expect(planned.status == .created)
        return s
    }

    static func form(service: UUID, _ extra: [(String, String)]) -> [(String, String)] {
        [
            ("toServiceId", service.uuidString), ("reason", "Търси дневна грижа след инсулт"), ("urgency", "soon"),
            ("contactName", "Елена Димитрова"), ("contactPhone", "0878 111 222"), ("share[]", "identification"),
            ("share[]", "assessment"), ("share[]", "supportPlan"), ("consentGivenOn", "2026-11-16"),
        ] + extra
    }

    @Test(
        "An oral consent in the referral form needs a witness; with one, the NGO sees the consented assessment and plan"
    )
    func consentInTheFormAndWhatArrives() async throws {
        try await withOpora { app, _ async throws in
            let s = try await Self.assessedAndPlanned(app)
            let dayCare = try await Self.dayCare(app)
            let sender = Browser(app)
            _ = try await sender.signIn("caseworker")
            let page = try await sender.get("/cases/\(s.supportCase.id)/referrals/new")
            #expect(page.status == .ok)
            // The service comes first in its option, the provider after it.
            #expect(page.body.string.contains(">Дневна грижа за пълнолетни с увреждания — Сдружение „Подкрепа"))
            #expect(!page.body.string.contains("/cases/\(s.supportCase.id)/referrals\" class=\"form\"><input"))

            let unwitnessed = try await sender.post(
                "/cases/\(s.supportCase.id)/referrals",
                Self.form(service: dayCare.id, [("consentForm", "oralWithWitness"), ("consentWitness", " ")])
            )
            #expect(unwitnessed.status == .unprocessableEntity)
            #expect(unwitnessed.body.string.contains(#"<p class="field-error" id="consentWitness-error">"#))
            #expect(unwitnessed.body.string.contains(">Търси дневна грижа след инсулт</textarea>"))
            #expect(unwitnessed.body.string.contains(#"class="error-summary""#))
            #expect(try await Referral.query(on: app.db).count() == 0)
            #expect(try await SharingConsent.query(on: app.db).count() == 0)

            let sent = try await sender.post(
                "/cases/\(s.supportCase.id)/referrals",
                Self.form(
                    service: dayCare.id,
                    [("consentForm", "oralWithWitness"), ("consentWitness", "Иван Стоянов")]
                ),
                from: "/cases/\(s.supportCase.id)/referrals/new"
            )
            #expect(sent.status == .seeOther)
            let consent = try #require(try await SharingConsent.query(on: app.db).first())
            #expect(consent.form == "oralWithWitness")
            #expect(consent.witnessName == "Иван Стоянов")
            #expect(consent.givenOn == "2026-11-16")
            let referral = try #require(try await Referral.query(on: app.db).first())

            let receiver = Browser(app)
            _ = try await receiver.signIn("ngo-caseworker")
            let home = try await receiver.get("/").body.string
            #expect(home.contains("/notifications"))
            let notices = try await receiver.get("/notifications").body.string
            #expect(notices.contains("Ново насочване: Дневна грижа за пълнолетни с увреждания"))
            let incoming = try await receiver.get("/referrals?direction=incoming").body.string
            #expect(incoming.contains("/referrals/\(referral.id!)/decision"))
            #expect(
                try await receiver.get("/referrals?direction=outgoing").body.string.contains(referral.id!.uuidString)
                    == false
            )
            let shown = try await receiver.get("/referrals/\(referral.id!)").body.string
            #expect(shown.contains("Търси дневна грижа след инсулт"))
            #expect(shown.contains("до седмица"))
            #expect(shown.contains("0878 111 222"))
            #expect(shown.contains("Стълбите са ми трудни"))
            #expect(shown.contains("Да излиза всяка седмица"))
            // Contact details were not consented: the phone and address of the person stay behind.
            #expect(!shown.contains("0888 123 456"))
            #expect(!shown.contains("Цар Освободител"))
        }
    }

    @Test("Accepting opens the person's file and an intake at the NGO, once; the sender is told")
    func acceptingOpensTheFile() async throws {
        try await withOpora { app, _ async throws in
            let s = try await Self.assessedAndPlanned(app)
            let dayCare = try await Self.dayCare(app)
            let sender = Browser(app)
            _ = try await sender.signIn("caseworker")
            _ = try await sender.post(
                "/cases/\(s.supportCase.id)/referrals",
                Self.form(service: dayCare.id, [("consentForm", "written")]),
                from: "/cases/\(s.supportCase.id)/referrals/new"
            )
            let referral = try #require(try await Referral.query(on: app.db).first())
            let receiver = Browser(app)
            _ = try await receiver.signIn("ngo-manager")
            let accepted = try await receiver.post(
                "/referrals/\(referral.id!)/decision",
                [("status", "accepted"), ("version", "1")],
                from: "/referrals"
            )
            #expect(accepted.status == .seeOther)
            let files = try await Person.query(on: app.db).filter(\.$provider.$id == DemoProviders.ngo.id).all()
            #expect(files.count == 1)
            let file = try #require(files.first)
            #expect(file.givenName == "Йорданка")
            // The NGO's own identifier hash: an ЕГН typed there finds the new file.
            #expect(
                file.identifierHash
                    == app.dataKey.identifierHash(type: .egn, value: PeopleTests.egn, provider: DemoProviders.ngo.id)
            )
            #expect(file.phoneSealed == nil)
            let decided = try #require(try await Referral.find(referral.id!, on: app.db))
            let intake = try #require(try await SupportCase.find(decided.acceptedCaseID, on: app.db))
            #expect(intake.$provider.id == DemoProviders.ngo.id)
            #expect(intake.$person.id == file.id)
            #expect(intake.referralSource == .anotherProvider)
            let note = try #require(
                try await CaseNote.query(on: app.db).filter(\.$supportCase.$id == intake.id!).first()
            )
            #expect(try app.dataKey.open(note.textSealed).contains("Стълбите са ми трудни"))
            let page = try await receiver.get("/people/\(file.id!)")
            #expect(page.status == .ok)

            // A second referral of the same person reuses the NGO's file.
            let again = try await sender.post(
                "/cases/\(s.supportCase.id)/referrals",
                Self.form(service: dayCare.id, [("consentForm", "written")]),
                from: "/cases/\(s.supportCase.id)/referrals/new"
            )
            #expect(again.status == .seeOther)
            let second = try #require(try await Referral.query(on: app.db).filter(\.$status == .sent).first())
            _ = try await receiver.post(
                "/referrals/\(second.id!)/decision",
                [("status", "accepted"), ("version", "1")],
                from: "/referrals"
            )
            #expect(try await Person.query(on: app.db).filter(\.$provider.$id == DemoProviders.ngo.id).count() == 1)
            #expect(
                try await SupportCase.query(on: app.db).filter(\.$provider.$id == DemoProviders.ngo.id).count() == 2
            )

            let notices = try await sender.get("/notifications").body.string
            #expect(notices.contains("Насочването е прието"))
        }
    }

    @Test("Declining needs a reason, and the sender sees it")
    func decliningTellsTheSenderWhy() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let dayCare = try await Self.dayCare(app)
            let sender = Browser(app)
            _ = try await sender.signIn("caseworker")
            _ = try await sender.post(
                "/cases/\(s.supportCase.id)/referrals",
                [
                    ("toServiceId", dayCare.id.uuidString), ("reason", "Дневна грижа"), ("urgency", "urgent"),
                    ("contactName", "Елена Димитрова"),
                ],
                from: "/cases/\(s.supportCase.id)/referrals/new"
            )
            let referral = try #require(try await Referral.query(on: app.db).first())
            let receiver = Browser(app)
            _ = try await receiver.signIn("ngo-caseworker")
            let declined = try await receiver.post(
                "/referrals/\(referral.id!)/decision",
                [("status", "declined"), ("version", "1"), ("reason", "Няма свободни места до март")],
                from: "/referrals"
            )
            #expect(declined.status == .seeOther)
            let outgoing = try await sender.get("/referrals?direction=outgoing").body.string
            #expect(outgoing.contains("Няма свободни места до март"))
            #expect(try await sender.get("/notifications").body.string.contains("Насочването е отказано"))
            #expect(try await Person.query(on: app.db).filter(\.$provider.$id == DemoProviders.ngo.id).count() == 0)
        }
    }

    @Test(
        "Consent is recorded in one place, the referral: the person's file lists consents with no form or route of its own"
    )
    func consentHasOnePath() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let dayCare = try await Self.dayCare(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let file = try await browser.get("/people/\(s.person.id)").body.string
            #expect(!file.contains("/people/\(s.person.id)/consents"))
            #expect(!file.contains(#"name="categories[]""#))
            #expect(file.contains("формуляра за насочване"))
            let page = try await browser.post(
                "/people/\(s.person.id)/consents",
                [("recipientProviderId", DemoProviders.ngo.id.uuidString), ("categories[]", "identification")],
                from: "/people/\(s.person.id)"
            )
            #expect(page.status == .notFound)
            let api = try await s.api.call(
                .POST,
                "/people/\(s.person.id)/consents",
                json: #"{"recipientProviderId":"\#(DemoProviders.ngo.id)","categories":["identification"]}"#
            )
            #expect(api.status == .methodNotAllowed)
            #expect(try await SharingConsent.query(on: app.db).count() == 0)

            // The API's referral holds the same rule as the page's: an oral consent names its witness.
            func refer(_ consent: String) async throws -> TestingHTTPResponse {
                try await s.api.call(
                    .POST,
                    "/referrals",
                    json:
                        #"{"caseId":"\#(s.supportCase.id)","reason":"Дневна грижа","urgency":"routine","contactName":"Елена Димитрова","toServiceId":"\#(dayCare.id)","share":["identification"],"consentGivenOn":"2026-11-16",\#(consent)}"#
                )
            }
            let unwitnessed = try await refer(#""consentForm":"oralWithWitness","consentWitness":"  ""#)
            #expect(unwitnessed.status == .unprocessableEntity)
            #expect(unwitnessed.body.string.contains(#""consentWitness""#))
            let rambling = try await refer(
                #""consentForm":"oralWithWitness","consentWitness":"\#(String(repeating: "Иван ", count: 100))""#
            )
            #expect(rambling.status == .unprocessableEntity)
            #expect(rambling.body.string.contains("120"))
            #expect(try await SharingConsent.query(on: app.db).count() == 0)
            #expect(try await Referral.query(on: app.db).count() == 0)
            let witnessed = try await refer(#""consentForm":"oralWithWitness","consentWitness":"Иван Стоянов""#)
            #expect(witnessed.status == .created)
            let consent = try #require(try await SharingConsent.query(on: app.db).first())
            #expect(consent.witnessName == "Иван Стоянов")
            let listed = try await browser.get("/people/\(s.person.id)").body.string
            #expect(listed.contains("устно пред свидетел (Иван Стоянов)"))
        }
    }

    @Test(
        "The referral form refuses what it used to keep or drop unsaid: letters as a phone, a consent of year 1, a consent with nothing to share"
    )
    func referralFormRefusesNonsense() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let dayCare = try await Self.dayCare(app)
            let sender = Browser(app)
            _ = try await sender.signIn("caseworker")
            let page = "/cases/\(s.supportCase.id)/referrals/new"
            func send(_ fields: [(String, String)]) async throws -> TestingHTTPResponse {
                try await sender.post("/cases/\(s.supportCase.id)/referrals", fields, from: page)
            }
            let base = [
                ("toServiceId", dayCare.id.uuidString), ("reason", "Дневна грижа"), ("urgency", "soon"),
                ("contactName", "Елена Димитрова"),
            ]
            let phone = try await send(base + [("contactPhone", "обадете се")])
            #expect(phone.status == .unprocessableEntity)
            #expect(phone.body.string.contains(#"id="contactPhone-error""#))
            let ancient = try await send(
                base + [("share[]", "identification"), ("consentForm", "written"), ("consentGivenOn", "0001-01-01")]
            )
            #expect(ancient.status == .unprocessableEntity)
            #expect(ancient.body.string.contains("Съгласието не може да е дадено преди 17.03.1948."))
            let nothing = try await send(
                base + [("consentForm", "oralWithWitness"), ("consentGivenOn", "2026-11-16")]
            )
            #expect(nothing.status == .unprocessableEntity)
            #expect(nothing.body.string.contains(#"id="share-error""#))
            #expect(try await Referral.query(on: app.db).count() == 0)
            #expect(try await SharingConsent.query(on: app.db).count() == 0)
            let sent = try await send(base + [("contactPhone", "+359 (78) 55-12-34")])
            #expect(sent.status == .seeOther)
        }
    }

    @Test("A consent withdrawn from the referral page no longer covers a new referral")
    func withdrawnConsent() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let dayCare = try await Self.dayCare(app)
            let sender = Browser(app)
            _ = try await sender.signIn("caseworker")
            let form = Self.form(service: dayCare.id, [("consentForm", "written")]).filter {
                $0.1 != "assessment" && $0.1 != "supportPlan"
            }
            _ = try await sender.post(
                "/cases/\(s.supportCase.id)/referrals",
                form,
                from: "/cases/\(s.supportCase.id)/referrals/new"
            )
            let consent = try #require(try await SharingConsent.query(on: app.db).first())
            let withdrawn = try await sender.post(
                "/cases/\(s.supportCase.id)/consents/\(consent.id!)/withdraw",
                [],
                from: "/cases/\(s.supportCase.id)/referrals/new"
            )
            #expect(withdrawn.status == .seeOther)
            #expect(try await SharingConsent.find(consent.id, on: app.db)?.withdrawnOn != nil)
            let uncovered = try await sender.post(
                "/cases/\(s.supportCase.id)/referrals",
                form.filter { $0.0 != "consentForm" },
                from: "/cases/\(s.supportCase.id)/referrals/new"
            )
            #expect(uncovered.status == .unprocessableEntity)
            #expect(uncovered.body.string.contains("не е дал съгласие"))
        }
    }
}
