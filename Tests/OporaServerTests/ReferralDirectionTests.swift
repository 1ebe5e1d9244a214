import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Incoming and outgoing referrals for every role that reads files")
struct ReferralDirectionTests {
    static func refer(_ api: APIClient, case caseID: UUID, to service: UUID) async throws -> UUID {
        let sent = try await api.call(
            .POST,
            "/referrals",
            json:
                #"{"caseId":"\#(caseID)","reason":"Нужда от подкрепа","urgency":"routine","contactName":"Служител","toServiceId":"\#(service)"}"#
        )
        #expect(sent.status == .created)
        return try sent.json(ReferralDTO.self).id
    }

    /// A municipal director of one municipality, as an administrator would grant it.
    static func addDirector(_ app: Application, username: String, municipality: String) async throws {
        let user = User(
            username: username,
            displayName: username,
            passwordHash: try await app.password.async.hash(demoPassword),
            place: try await app.scopeDirectory.place(of: .municipality, municipality, on: app.db)
        )
        try await user.create(on: app.db)
        try await RoleGrant(
            userID: user.id!,
            role: .municipalDirector,
            scopeKind: .municipality,
            scopeCode: municipality
        )
        .create(on: app.db)
    }

    @Test(
        "Outgoing lists what the user's provider, or the people of the user's municipality, sent; incoming what came to them; home counts the incoming"
    )
    func eachRoleSeesItsSide() async throws {
        try await withOpora { app, _ async throws in
            // The centre in Kyustendil refers a person of Kyustendil to the NGO there.
            let s = try await CaseFlowTests.setUp(app)
            let fromCentre = try await Self.refer(
                s.api,
                case: s.supportCase.id,
                to: try await ReferralLoopTests.dayCare(app).id
            )
            // Dupnitsa's day centre refers a person of Dupnitsa to the centre in Kyustendil.
            try await addStaff(
                app,
                username: "dupnitsa-worker",
                role: .caseWorker,
                provider: DemoProviders.neighbour.id
            )
            try await Self.addDirector(app, username: "dupnitsa-director", municipality: "KNL48")
            let dupnitsa = try await APIClient.signIn(app, "dupnitsa-worker")
            let egn = EGN.make(birthDate: CalendarDay(year: 1941, month: 2, day: 3)!, sex: .male, serial: 7)!.value
            let person = try await dupnitsa.call(
                .POST,
                "/people",
                json:
                    #"{"givenName":"Петър","middleName":"Иванов","familyName":"Колев","identifierType":"egn","identifier":"\#(egn)","settlementEkatte":"68789"}"#
            ).json(PersonDTO.self)
            let opened = try await dupnitsa.call(
                .POST,
                "/people/\(person.id)/cases",
                json: #"{"referralSource":"self","legalBasis":"socialServicesAct","request":"Помощ вкъщи"}"#
            ).json(CaseDTO.self)
            let centreService = try await APIClient.signIn(app, "admin").call(
                .GET,
                "/services?provider=\(DemoProviders.municipal.id)"
            ).json([ServiceDTO].self)[0]
            let fromDupnitsa = try await Self.refer(dupnitsa, case: opened.id, to: centreService.id)

            let expected: [(user: String, outgoing: Set<UUID>, incoming: Set<UUID>)] = [
                ("caseworker", [fromCentre], [fromDupnitsa]),
                ("manager", [fromCentre], [fromDupnitsa]),
                ("coordinator", [fromCentre], [fromDupnitsa]),
                // Both providers are in Kyustendil: the centre's referral is sent and received there.
                ("director", [fromCentre], [fromCentre, fromDupnitsa]),
                ("ngo-manager", [], [fromCentre]),
                ("ngo-caseworker", [], [fromCentre]),
                ("dupnitsa-worker", [fromDupnitsa], []),
                ("dupnitsa-director", [fromDupnitsa], []),
            ]
            for (user, outgoing, incoming) in expected {
                let browser = Browser(app)
                _ = try await browser.signIn(user)
                func listed(_ path: String) async throws -> Set<UUID> {
                    let page = try await browser.get(path)
                    #expect(page.status == .ok)
                    return Set([fromCentre, fromDupnitsa].filter { page.body.string.contains($0.uuidString) })
                }
                #expect(try await listed("/referrals?direction=outgoing") == outgoing, "\(user): outgoing")
                #expect(try await listed("/referrals?direction=incoming") == incoming, "\(user): incoming")
                #expect(try await listed("/referrals") == outgoing.union(incoming), "\(user): all")
                let home = try await browser.get("/").body.string
                #expect(home.contains("Нови насочвания (\(incoming.count))"), "\(user): home")
            }
        }
    }
}
