import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Planning: the register and needs against capacity, counted from casework")
struct PlanningRegisterTests {
    /// The NGO's day care of the demo, and a referral to it sent by the municipal centre's case worker.
    static func referToDayCare(_ app: Application) async throws -> (dayCare: ServiceDTO, referral: ReferralDTO) {
        let s = try await CaseFlowTests.setUp(app)
        let dayCare = try await APIClient.signIn(app, "admin").call(.GET, "/services?provider=\(DemoProviders.ngo.id)")
            .json([ServiceDTO].self).first { $0.serviceType == "dayCare" }!
        let sent = try await s.api.call(
            .POST,
            "/referrals",
            json:
                #"{"caseId":"\#(s.supportCase.id)","reason":"Нужда от дневна грижа","urgency":"routine","contactName":"Елена Димитрова","toServiceId":"\#(dayCare.id)","share":["identification"],"consentForm":"written","consentGivenOn":"2026-11-16"}"#
        )
        #expect(sent.status == .created)
        return (dayCare, try sent.json(ReferralDTO.self))
    }

    static func line(_ api: APIClient, _ service: UUID) async throws -> RegisterLine {
        try #require(
            try await api.call(.GET, "/planning/register").json([RegisterLine].self).first { $0.serviceId == service }
        )
    }

    @Test("Waiting and receiving follow the referrals, and the referral form's capacity says the same")
    func registerFollowsReferrals() async throws {
        try await withOpora { app, _ async throws in
            let planner = try await APIClient.signIn(app, "planner")
            let (dayCare, referral) = try await Self.referToDayCare(app)
            let waiting = try await Self.line(planner, dayCare.id)
            #expect(waiting.waiting == 1 && waiting.receiving == 0 && waiting.status == "waitingList")
            let caseworker = try await APIClient.signIn(app, "caseworker")
            let asked = try await caseworker.call(.GET, "/services/\(dayCare.id)/capacity").json(
                ReferralStore.Capacity.self
            )
            #expect(asked.status == "waitingList" && asked.waiting == 1 && asked.freePlaces == 30)
            let receiver = try await APIClient.signIn(app, "ngo-manager")
            let accepted = try await receiver.call(
                .POST,
                "/referrals/\(referral.id)/decision",
                json: #"{"status":"accepted","version":1}"#
            )
            #expect(accepted.status == .ok)
            let taken = try await Self.line(planner, dayCare.id)
            #expect(taken.waiting == 0 && taken.receiving == 1 && taken.status == "free")
            let after = try await caseworker.call(.GET, "/services/\(dayCare.id)/capacity").json(
                ReferralStore.Capacity.self
            )
            #expect(after.freePlaces == 29 && after.receiving == 1)
        }
    }

    @Test(
        "The director records funding and the Map maximum; a stale version is a conflict, a bad number changes nothing"
    )
    func directorCompletesTheRegister() async throws {
        try await withOpora { app, _ async throws in
            let director = try await APIClient.signIn(app, "director")
            let admin = try await APIClient.signIn(app, "admin")
            let services = try await admin.call(.GET, "/services").json([ServiceDTO].self)
            let own = try #require(services.first { $0.municipalityCode == "KNL29" })
            let sofia = try #require(services.first { $0.municipalityCode == "SOF46" })
            let saved = try await director.call(
                .PUT,
                "/planning/register/\(own.id)",
                json: #"{"fundingRegime":"stateDelegated","year":2026,"mapMaximum":40,"version":0}"#
            )
            #expect(saved.status == .ok)
            let line = try saved.json(RegisterLine.self)
            #expect(line.fundingRegime == "stateDelegated" && line.mapMaximum == 40 && line.version == 1)
            let stale = try await director.call(
                .PUT,
                "/planning/register/\(own.id)",
                json: #"{"fundingRegime":"local","year":2026,"mapMaximum":50,"version":0}"#
            )
            #expect(stale.status == .conflict)
            let huge = try await director.call(
                .PUT,
                "/planning/register/\(own.id)",
                json: #"{"fundingRegime":"local","year":2026,"mapMaximum":1000000,"version":1}"#
            )
            #expect(huge.status == .unprocessableEntity)
            #expect(huge.body.string.contains("mapMaximum"))
            let unchanged = try await Self.line(director, own.id)
            #expect(unchanged.fundingRegime == "stateDelegated" && unchanged.mapMaximum == 40)
            let elsewhere = try await director.call(
                .PUT,
                "/planning/register/\(sofia.id)",
                json: #"{"fundingRegime":"local","year":2026,"mapMaximum":5,"version":0}"#
            )
            #expect(elsewhere.status == .notFound)
            let inspector = try await APIClient.signIn(app, "inspector")
            #expect(
                try await inspector.call(.PUT, "/planning/register/\(own.id)", json: #"{"version":1}"#).status
                    == .forbidden
            )
        }
    }

    @Test("Needs against capacity: a municipality without casework and another year say no data, never 0")
    func needsAgainstCapacity() async throws {
        try await withOpora { app, _ async throws in
            let planner = try await APIClient.signIn(app, "planner")
            let (dayCare, _) = try await Self.referToDayCare(app)
            _ = try await APIClient.signIn(app, "director").call(
                .PUT,
                "/planning/register/\(dayCare.id)",
                json: #"{"fundingRegime":"project","year":2026,"mapMaximum":0,"version":0}"#
            )
            let needs = try await planner.call(.GET, "/planning/needs?year=2026").json(NeedsAPI.NeedsDTO.self)
            #expect(needs.countsCasework)
            #expect(needs.municipalities.count == 9)
            let kyustendil = try #require(needs.municipalities.first { $0.municipalityCode == "KNL29" })
            #expect(kyustendil.hasData && kyustendil.waiting == 1 && kyustendil.needing == 1)
            #expect(kyustendil.population > 50_000)
            let day = try #require(needs.lines.first { $0.municipalityCode == "KNL29" && $0.serviceType == "dayCare" })
            #expect(day.mapCapacity == 0 && day.gap == 1 && day.coveragePerThousand == 0)
            let bobovDol = try #require(needs.municipalities.first { $0.municipalityCode == "KNL04" })
            #expect(!bobovDol.hasData && bobovDol.needing == nil && bobovDol.coveragePerThousand == nil)
            let lastYear = try await planner.call(.GET, "/planning/needs?year=2025").json(NeedsAPI.NeedsDTO.self)
            #expect(
                !lastYear.countsCasework && lastYear.municipalities.allSatisfy { !$0.hasData && $0.receiving == nil }
            )
            #expect(try await planner.call(.GET, "/planning/needs?year=1999").status == .badRequest)
            let director = try await APIClient.signIn(app, "director")
            let own = try await director.call(.GET, "/planning/needs").json(NeedsAPI.NeedsDTO.self)
            #expect(own.municipalities.map(\.municipalityCode) == ["KNL29"])
            #expect(try await APIClient.signIn(app, "caseworker").call(.GET, "/planning/needs").status == .forbidden)
        }
    }

    @Test("The needs page draws the oblast's municipalities beside the table, with every definition and no data marked")
    func needsPage() async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            _ = try await browser.signIn("planner")
            let page = try await browser.get("/planning/needs?year=2026")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("<svg") && html.contains("Трекляно") && html.contains("Сапарева баня"))
            #expect(html.contains(#"<table id="needs-municipalities">"#))
            #expect(html.contains("(ползващи услугата) / (население на общината"))
            #expect(html.contains("няма данни"))
            let register = try await browser.get("/planning/register")
            #expect(register.status == .ok && register.body.string.contains("Дневна грижа за пълнолетни с увреждания"))
        }
    }
}
