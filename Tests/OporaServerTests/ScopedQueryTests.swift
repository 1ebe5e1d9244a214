import Fluent
import Foundation
import OporaCore
import Testing
import Vapor
import VaporTesting

@testable import OporaServer

@Suite("Scope is structural")
struct ScopedQueryTests {
    /// Every model that declares itself scoped (`extension X: ScopedModel`) in the server's sources.
    static func scopedModels(in files: [(path: String, text: String)]) -> [String] {
        let declaration = /extension\s+(\w+)\s*:\s*ScopedModel/
        return files.flatMap { $0.text.matches(of: declaration).map { String($0.output.1) } }.sorted()
    }

    static func serverSources() throws -> [(path: String, text: String)] {
        let root = packageRoot + "/Sources/OporaServer"
        let paths =
            FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
            ?? []
        return try paths.map { ($0, try String(contentsOfFile: root + "/" + $0, encoding: .utf8)) }
    }

    @Test("No code queries or finds a scoped model except through the one scoped-query helper")
    func everyQueryOfAScopedModelGoesThroughTheHelper() throws {
        let files = try Self.serverSources()
        let models = Self.scopedModels(in: files)
        #expect(
            Set(models).isSuperset(of: ["Person", "Provider", "ProvidedService", "Referral", "SupportCase", "User"])
        )
        let direct = try Regex(#"\b(\#(models.joined(separator: "|")))\s*\.\s*(query|find)\s*\("#)
        var offenders: [String] = []
        for file in files where file.path != "Platform/Accounts/Scoped.swift" {
            for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(direct) {
                offenders.append("\(file.path):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(
            offenders.isEmpty,
            "query scoped models through Scoped.query, or Scoped.unscoped with a reason:\n\(offenders.joined(separator: "\n"))"
        )
    }

    @Test("The source check would catch a direct query")
    func theCheckCatchesADirectQuery() throws {
        let models = Self.scopedModels(in: [("x.swift", "extension Person: ScopedModel {}")])
        let direct = try Regex(#"\b(\#(models.joined(separator: "|")))\s*\.\s*(query|find)\s*\("#)
        #expect("let all = try await Person.query(on: db).all()".contains(direct))
        #expect(!"let all = try await PeopleStore.query(scope, on: db).all()".contains(direct))
    }
}

/// Walks every registered route, pages and API, as every demo role, naming records outside the
/// role's scope, and checks that nothing of them is read, listed, counted, exported or written.
/// A new route is walked without anyone adding it here.
@Suite("Every route as every role")
struct RouteWalkTests {
    static let outsiderName = "Извънобхватна"
    static let egn = EGN.make(birthDate: CalendarDay(year: 1950, month: 5, day: 5)!, sex: .female, serial: 12)!.value

    struct Outside {
        var person: UUID
        var supportCase: UUID
        var provider: UUID
        var service: UUID
        var user: UUID
        /// A neighbourhood of outreach work, for the access table; the walk's outside has none.
        var neighbourhood: UUID? = nil
    }

    /// A person with a case at the Sofia provider, outside every demo role's reach (the demo's
    /// roles are in Кюстендил; administrators, planners and inspectors read no files at all).
    static func outside(_ app: Application) async throws -> Outside {
        try await addStaff(app, username: "sofia-worker", role: .caseWorker, provider: DemoProviders.sofia.id)
        let sofia = try await APIClient.signIn(app, "sofia-worker")
        let person = try await sofia.call(
            .POST,
            "/people",
            json: PeopleTests.registerBody(given: "Тодорка", family: outsiderName)
                .replacingOccurrences(of: "41112", with: "68134")
        ).json(PersonDTO.self)
        let supportCase = try await sofia.call(
            .POST,
            "/people/\(person.id)/cases",
            json: #"{"referralSource":"family","legalBasis":"socialServicesAct","request":"Помощ"}"#
        ).json(CaseDTO.self)
        let service = try #require(
            try await ProvidedService.query(on: app.db).filter(\.$provider.$id == DemoProviders.sofia.id).first()
        )
        let user = try #require(try await User.query(on: app.db).filter(\.$username == "sofia-worker").first())
        return Outside(
            person: person.id,
            supportCase: supportCase.id,
            provider: DemoProviders.sofia.id,
            service: service.id!,
            user: user.id!
        )
    }

    static func path(of route: Route, outside: Outside) -> String {
        "/"
            + route.path.enumerated().map { index, component -> String in
                switch component {
                case .constant(let value): return value
                case .parameter(let name):
                    switch name {
                    case "code":
                        return index > 0 && route.path[index - 1].description.hasPrefix("oblast") ? "KNL" : "KNL29"
                    case "ekatte": return "41112"
                    case "personID": return outside.person.uuidString
                    case "caseID": return outside.supportCase.uuidString
                    case "providerID": return outside.provider.uuidString
                    case "serviceID": return outside.service.uuidString
                    case "userID": return outside.user.uuidString
                    case "neighbourhoodID": return (outside.neighbourhood ?? UUID()).uuidString
                    default: return UUID().uuidString
                    }
                case .anything, .catchall: return "x"
                }
            }.joined(separator: "/")
    }

    /// Counts and versions of everything the outside records hold; a write would change them.
    static func fingerprint(_ app: Application, _ outside: Outside) async throws -> [String] {
        let db = app.db
        let person = try #require(try await Person.query(on: db).filter(\.$id == outside.person).first())
        let supportCase = try #require(try await SupportCase.query(on: db).filter(\.$id == outside.supportCase).first())
        let provider = try #require(try await Provider.query(on: db).filter(\.$id == outside.provider).first())
        let service = try #require(try await ProvidedService.query(on: db).filter(\.$id == outside.service).first())
        let user = try #require(try await User.query(on: db).filter(\.$id == outside.user).with(\.$grants).first())
        return [
            "person \(person.version) \(person.anonymised)",
            "case \(supportCase.version) \(supportCase.state.rawValue) \(supportCase.planNumber)",
            "provider \(provider.version)", "service \(service.version)",
            "user \(user.version) \(user.disabled) \(user.grants.count)",
            "notes \(try await CaseNote.query(on: db).filter(\.$supportCase.$id == outside.supportCase).count())",
            "assessments \(try await Assessment.query(on: db).filter(\.$person.$id == outside.person).count())",
            "referrals \(try await Referral.query(on: db).filter(\.$supportCase.$id == outside.supportCase).count())",
            "consents \(try await SharingConsent.query(on: db).filter(\.$person.$id == outside.person).count())",
            "household \(try await HouseholdMember.query(on: db).filter(\.$person.$id == outside.person).count())",
            "team \(try await CaseTeamMember.query(on: db).filter(\.$supportCase.$id == outside.supportCase).count())",
            "cases \(try await SupportCase.query(on: db).filter(\.$person.$id == outside.person).count())",
            "services \(try await ProvidedService.query(on: db).filter(\.$provider.$id == outside.provider).count())",
            "people \(try await Person.query(on: db).filter(\.$provider.$id == outside.provider).count())",
            "referred \(try await Referral.query(on: db).filter(\.$toProvider.$id == outside.provider).count())",
        ]
    }

    static let roles = [
        "admin", "planner", "inspector", "director", "manager", "coordinator", "caseworker", "careworker",
        "facilitator", "ngo-manager", "ngo-caseworker", "outreach", "person",
    ]
    /// Routes that end the walker's own session or are the sign-in itself.
    static let skipped: Set<String> = ["POST /sign-out", "POST /sign-in", "POST /api/v1/auth/token"]

    @Test(
        "No role reads, lists, counts, exports or writes the records outside its scope on any route",
        arguments: roles
    )
    func walk(role: String) async throws {
        try await withOpora { app, _ async throws in
            let outside = try await Self.outside(app)
            let before = try await Self.fingerprint(app, outside)
            if role == "person" { try await addServiceUserAtHome(app, username: role) }
            let api = try await APIClient.signIn(app, role)
            let browser = Browser(app)
            #expect(try await browser.signIn(role).status == .seeOther)
            _ = try await browser.get("/")
            let csrf = try #require(browser.csrfToken())
            // An administrator's scope is the country for providers, services and users; people are beyond it.
            let reachable: Set<String> = role == "admin" ? ["providerID", "serviceID", "userID"] : []
            let ids =
                [outside.person, outside.supportCase].map(\.uuidString)
                + (role == "admin" ? [] : [outside.provider, outside.service, outside.user].map(\.uuidString))
            var walked = 0
            for route in app.routes.all {
                let name = "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
                guard !Self.skipped.contains(name) else { continue }
                let path = Self.path(of: route, outside: outside)
                let isAPI = path.hasPrefix("/api/v1")
                let response: TestingHTTPResponse
                if isAPI {
                    // A body every write could accept, naming outside records wherever a field can.
                    let body =
                        [.POST, .PATCH, .PUT].contains(route.method)
                        ? PeopleTests.registerBody(
                            given: "Нова",
                            family: "Проба",
                            egn: Self.egn,
                            extra:
                                #","caseId":"\#(outside.supportCase)","providerId":"\#(outside.provider)","toServiceId":"\#(outside.service)","recipientProviderId":"\#(outside.provider)","userId":"\#(outside.user)","version":1,"confirmDuplicate":"true""#
                        )
                        .replacingOccurrences(of: "41112", with: "68134")
                        : nil
                    let query = (path.contains("?") ? "&" : "?") + "provider=\(outside.provider)"
                    response = try await api.call(
                        route.method,
                        String(path.dropFirst("/api/v1".count)) + query,
                        json: body
                    )
                } else if route.method == .GET {
                    response = try await browser.get(path)
                } else {
                    let form = [
                        ("_csrf", csrf), ("caseId", outside.supportCase.uuidString), ("version", "1"), ("to", "closed"),
                        ("reason", "проба"),
                    ]
                    let body = form.map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&")
                    response = try await browser.send(
                        route.method,
                        path,
                        body: body,
                        contentType: "application/x-www-form-urlencoded"
                    )
                }
                walked += 1
                let text = response.body.string
                #expect(response.status != .internalServerError, "\(role): \(name) answered 500")
                #expect(!text.contains(Self.outsiderName), "\(role): \(name) shows the outside person")
                let parameters = route.path.compactMap { component -> String? in
                    if case .parameter(let name) = component { name } else { nil }
                }
                let namesOutsideID = parameters.contains {
                    ["personID", "caseID", "providerID", "serviceID", "userID"].contains($0) && !reachable.contains($0)
                }
                if namesOutsideID {
                    #expect(
                        !(200..<300).contains(response.status.code),
                        "\(role): \(name) with an outside id answered \(response.status.code)"
                    )
                    // A page names its own address (the language switch returns to it); nothing else may name the id.
                    let rest = text.replacingOccurrences(of: path, with: "")
                    for id in ids { #expect(!rest.contains(id), "\(role): \(name) reveals \(id)") }
                }
            }
            #expect(walked > 60)
            // The administrator may change the Sofia provider, its services and its staff: they are in its scope.
            let unreachable = { (lines: [String]) in
                lines.filter { line in
                    role != "admin" || !["provider", "service", "user"].contains { line.hasPrefix($0) }
                }
            }
            #expect(
                unreachable(try await Self.fingerprint(app, outside)) == unreachable(before),
                "\(role) changed a record outside its scope"
            )
        }
    }
}

/// The same walk with the ids of records inside the scope of the demo's Кюстендил roles: what each
/// role can read and write. Roles that read no files (administrator, planner, inspector, care
/// worker, facilitator) get no 2xx from any route that names a person or a case.
/// `OPORA_WRITE_ACCESS_TABLE=1` writes the table to docs/ACCESS.md.
@Suite("What each role reaches")
struct AccessTableTests {
    static let fileReaders: Set<String> = ["director", "manager", "coordinator", "caseworker"]

    @Test("Only roles that read files reach a person or a case; the table of every route and role")
    func accessTable() async throws {
        var table: [String: [String: Int]] = [:]
        for role in RouteWalkTests.roles {
            try await withOpora { app, _ async throws in
                let s = try await CaseFlowTests.setUp(app)
                let service = try #require(
                    try await ProvidedService.query(on: app.db).filter(\.$provider.$id == DemoProviders.municipal.id)
                        .first()
                )
                let user = try #require(try await User.query(on: app.db).filter(\.$username == "caseworker").first())
                let inside = RouteWalkTests.Outside(
                    person: s.person.id,
                    supportCase: s.supportCase.id,
                    provider: DemoProviders.municipal.id,
                    service: service.id!,
                    user: user.id!,
                    neighbourhood: DemoOutreach.neighbourhoodID
                )
                if role == "person" { try await addServiceUser(app, username: role, person: s.person.id) }
                let api = try await APIClient.signIn(app, role)
                let browser = Browser(app)
                _ = try await browser.signIn(role)
                for route in app.routes.all where route.method == .GET {
                    let name = "GET /" + route.path.map(\.description).joined(separator: "/")
                    let path = RouteWalkTests.path(of: route, outside: inside)
                    let response =
                        path.hasPrefix("/api/v1")
                        ? try await api.call(.GET, String(path.dropFirst("/api/v1".count)))
                        : try await browser.get(path)
                    table[name, default: [:]][role] = Int(response.status.code)
                    let namesFile = route.path.contains { ["personID", "caseID"].contains($0.description.dropFirst()) }
                    if namesFile, !Self.fileReaders.contains(role) {
                        #expect(!(200..<300).contains(response.status.code), "\(role) reads \(name)")
                    }
                }
            }
        }
        if ProcessInfo.processInfo.environment["OPORA_WRITE_ACCESS_TABLE"] == "1" {
            try Self.write(table)
        }
    }

    static func write(_ table: [String: [String: Int]]) throws {
        let roles = RouteWalkTests.roles
        var lines = [
            "# What each role reads", "",
            "Generated by `AccessTableTests` (`OPORA_WRITE_ACCESS_TABLE=1 swift test --filter AccessTableTests`): every GET",
            "route, pages and API, called by each demo role with the ids of records inside the scope of the Кюстендил",
            "roles (a person and a case of the municipal home-care centre, that centre, one of its services, its case",
            "worker). ✔ is a 2xx answer; otherwise the status (303 is the page's way back to the home page or sign-in,",
            "403 a permission the role lacks, 404 a record outside its scope). Records outside every role's scope are",
            "never reached on any route, reading or writing (`RouteWalkTests`). Outreach routes are called with the",
            "demo's neighbourhood in Sofia (кв. „Факултета“), which the `outreach` worker walks.", "",
            "Outreach reaches by neighbourhood, not only by provider: an outreach worker sees the neighbourhoods where",
            "they are assigned at least one entrance (what a family said at the door is for the team on that",
            "staircase, not for every team of the provider), and logs contacts only in the entrances assigned to them;",
            "the provider's manager and coordinator see all of the provider's neighbourhoods and assign the workers;",
            "the municipality's director sees every neighbourhood in the municipality, read-only. Other roles see no",
            "outreach at all. Until a family consents nothing identifying is stored, so these pages hold descriptions",
            "(\"a woman about 40, three children\"), never names, ЕГН or phone numbers.", "",
            "| route | " + roles.joined(separator: " | ") + " |",
            "| --- | " + roles.map { _ in "---" }.joined(separator: " | ") + " |",
        ]
        for route in table.keys.sorted() {
            let cells = roles.map { role -> String in
                guard let code = table[route]?[role] else { return "" }
                return (200..<300).contains(code) ? "✔" : String(code)
            }
            lines.append("| `\(route)` | " + cells.joined(separator: " | ") + " |")
        }
        try (lines.joined(separator: "\n") + "\n").write(
            toFile: packageRoot + "/docs/ACCESS.md",
            atomically: true,
            encoding: .utf8
        )
    }
}
