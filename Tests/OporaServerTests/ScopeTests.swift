import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

/// What each demo role may see. The demo has providers in Kyustendil (municipal and NGO), in
/// Dupnitsa (same oblast) and in Sofia (another oblast).
@Suite("Scope, role by role")
struct ScopeTests {
    static let kyustendil = DemoProviders.municipal.id
    static let ngo = DemoProviders.ngo.id
    static let dupnitsa = DemoProviders.neighbour.id
    static let sofia = DemoProviders.sofia.id
    static let sofiaDirectorate = DemoProviders.sofiaDirectorate.id

    struct Expectation: Sendable, CustomTestStringConvertible {
        var username: String
        var providers: Set<UUID>
        var manageUsers: Bool
        var testDescription: String { username }
    }

    static let expectations: [Expectation] = [
        Expectation(
            username: "admin",
            providers: [kyustendil, ngo, dupnitsa, sofia, sofiaDirectorate],
            manageUsers: true
        ),
        Expectation(username: "planner", providers: [kyustendil, ngo, dupnitsa], manageUsers: false),
        Expectation(username: "inspector", providers: [kyustendil, ngo, dupnitsa], manageUsers: false),
        Expectation(username: "director", providers: [kyustendil, ngo], manageUsers: false),
        Expectation(username: "manager", providers: [kyustendil], manageUsers: false),
        Expectation(username: "coordinator", providers: [kyustendil], manageUsers: false),
        Expectation(username: "caseworker", providers: [kyustendil], manageUsers: false),
        Expectation(username: "careworker", providers: [kyustendil], manageUsers: false),
        Expectation(username: "facilitator", providers: [kyustendil, ngo], manageUsers: false),
        Expectation(username: "ngo-manager", providers: [ngo], manageUsers: false),
        Expectation(username: "ngo-caseworker", providers: [ngo], manageUsers: false),
        Expectation(username: "outreach", providers: [sofiaDirectorate], manageUsers: false),
        Expectation(username: "outreach-coordinator", providers: [sofiaDirectorate], manageUsers: false),
        Expectation(username: "sofia-director", providers: [sofia, sofiaDirectorate], manageUsers: false),
    ]

    @Test(
        "The API lists exactly the providers and services in the role's scope; others answer 404",
        arguments: expectations
    )
    func api(_ expected: Expectation) async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, expected.username)
            let list = try await api.call(.GET, "/providers").json(ListDTO<ProviderDTO>.self)
            #expect(Set(list.items.map(\.id)) == expected.providers)
            #expect(list.total == expected.providers.count)
            let services = try await api.call(.GET, "/services").json([ServiceDTO].self)
            #expect(Set(services.map(\.providerId)) == expected.providers)
            for id in [Self.kyustendil, Self.ngo, Self.dupnitsa, Self.sofia, Self.sofiaDirectorate] {
                let status = try await api.call(.GET, "/providers/\(id)").status
                #expect(status == (expected.providers.contains(id) ? .ok : .notFound), "provider \(id)")
                for service in try await APIClient.signIn(app, "admin").call(.GET, "/services?provider=\(id)").json(
                    [ServiceDTO].self
                ) {
                    let serviceStatus = try await api.call(.GET, "/services/\(service.id)").status
                    #expect(serviceStatus == (expected.providers.contains(id) ? .ok : .notFound))
                }
            }
        }
    }

    @Test("Pages show only the providers in scope; admin pages only to administrators", arguments: expectations)
    func pages(_ expected: Expectation) async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            #expect(try await browser.signIn(expected.username).status == .seeOther)
            let list = try await browser.get("/providers").body.string
            for provider in [
                DemoProviders.municipal, DemoProviders.ngo, DemoProviders.neighbour, DemoProviders.sofia,
                DemoProviders.sofiaDirectorate,
            ] {
                let visible = expected.providers.contains(provider.id)
                #expect(list.contains(provider.id.uuidString) == visible, "\(provider.name) in the list")
                #expect(try await browser.get("/providers/\(provider.id)").status == (visible ? .ok : .notFound))
            }
            #expect(try await browser.get("/admin/users").status == (expected.manageUsers ? .ok : .forbidden))
            #expect(try await browser.get("/admin/audit").status == (expected.manageUsers ? .ok : .forbidden))
            let home = try await browser.get("/").body.string
            #expect(home.contains(#"href="/admin/users""#) == expected.manageUsers)
        }
    }

    @Test("A provider manager edits their own provider but not one next door")
    func managerEditsOnlyOwnProvider() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "manager")
            let own = try await api.call(
                .PATCH,
                "/providers/\(Self.kyustendil)",
                json: #"{"phone":"+359 78 55 11 22","version":1}"#
            )
            #expect(own.status == .ok)
            let other = try await api.call(
                .PATCH,
                "/providers/\(Self.ngo)",
                json: #"{"phone":"+359 78 00 00 00","version":1}"#
            )
            #expect(other.status == .notFound)
            let create = try await api.call(
                .POST,
                "/providers",
                json: #"{"name":"X","kind":"ngo","eik":"121000006","municipalityCode":"KNL29"}"#
            )
            #expect(create.status == .forbidden)
        }
    }

    @Test("A municipal director cannot register a provider in another municipality")
    func directorCreatesOnlyAtHome() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "director")
            let eik = EIK.make(firstEight: 12_345_678)!.value
            let elsewhere = try await api.call(
                .POST,
                "/providers",
                json: #"{"name":"Сдружение Север","kind":"ngo","eik":"\#(eik)","municipalityCode":"SOF46"}"#
            )
            #expect(elsewhere.status == .unprocessableEntity)
            let problem = try elsewhere.json(ProblemDetails.self)
            #expect(problem.errors?.map(\.field) == ["municipalityCode"])
            let home = try await api.call(
                .POST,
                "/providers",
                json: #"{"name":"Сдружение Север","kind":"ngo","eik":"\#(eik)","municipalityCode":"KNL29"}"#
            )
            #expect(home.status == .created)
        }
    }

    @Test("An administrator of one municipality sees only that municipality's users and cannot grant beyond it")
    func scopedAdministrator() async throws {
        try await withOpora { app, _ async throws in
            let admin = Browser(app)
            _ = try await admin.signIn("admin")
            let created = try await admin.post(
                "/admin/users",
                [
                    ("username", "knl-admin"), ("displayName", "Калина Кирилова"),
                    ("password", "Осоговска-планина-2026"),
                    ("providerID", DemoProviders.municipal.id.uuidString), ("jobTitle", "manager"),
                    ("role", "administrator"), ("scopeKind", "municipality"), ("scopeCode", "KNL29"),
                ],
                from: "/admin/users/new"
            )
            #expect(created.status == .seeOther)
            let local = Browser(app)
            #expect(try await local.signIn("knl-admin", password: "Осоговска-планина-2026").status == .seeOther)
            let users = try await local.get("/admin/users").body.string
            #expect(users.contains("caseworker"))
            #expect(!users.contains(">planner<"))
            let wider = try await local.post(
                "/admin/users",
                [
                    ("username", "too-wide"), ("displayName", "Твърде широк"), ("password", "Осоговска-планина-2026"),
                    ("providerID", DemoProviders.municipal.id.uuidString), ("role", "regionalPlanner"),
                    ("scopeKind", "oblast"), ("scopeCode", "KNL"),
                ],
                from: "/admin/users/new"
            )
            #expect(wider.status == .unprocessableEntity)
            #expect(wider.body.string.contains("Това е извън вашия обхват."))
        }
    }
}
