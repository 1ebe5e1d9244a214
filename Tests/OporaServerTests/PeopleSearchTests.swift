import Fluent
import OporaCore
import Testing
import Vapor

@testable import OporaServer

@Suite("Finding people by name")
struct PeopleSearchTests {
    /// What a search must return: every person in scope whose folded name holds every word, in name order.
    private func expected(_ folded: String, in people: [Person]) -> [UUID] {
        let words = folded.split(separator: " ").map(String.init)
        return people.filter { person in words.allSatisfy { person.searchText.contains($0) } }
            .sorted { ($0.sortKey, $0.id!.uuidString) < ($1.sortKey, $1.id!.uuidString) }.map { $0.id! }
    }

    @Test("A rare fragment found through the trigram index and a common one found by scanning give the same people")
    func bothPathsAgree() async throws {
        try await withOpora(seed: false) { app, _ async throws in
            _ = try await DemoSeed.seed(app)
            let scope = AccessScope(municipalities: ["KNL29"])
            let everyone = try await PeopleStore.query(scope, on: app.db).all()
            #expect(everyone.count >= 250)
            let queries = [
                "ова", "иван", "ivan", "petrov", "ова ив", "стоя", "а", "ни", "xyzq", "ана мар", "ева", "илиева",
            ]
            for query in queries {
                let folded = SearchNormalizer.fold(query)
                let want = expected(folded, in: everyone)
                for (wholeRegion, rareLimit) in [
                    (false, PeopleSearch.rareLimit), (true, 0), (true, 5), (true, PeopleSearch.rareLimit),
                ] {
                    let filtered = try await PeopleSearch.filter(
                        PeopleStore.query(scope, on: app.db),
                        folded: folded,
                        wholeRegion: wholeRegion,
                        rareLimit: rareLimit,
                        on: app.db
                    )
                    var found = PeopleSearch.empty(page: 1, perPage: 500)
                    if let filtered { found = try await PeopleSearch.page(filtered, page: 1, perPage: 500) }
                    #expect(found.items.map(\.id) == want, "«\(query)», index limit \(rareLimit)")
                    #expect(found.total == want.count, "«\(query)», index limit \(rareLimit)")
                }
            }
        }
    }

    @Test("Past the counting limit the total is a lower bound and the next page is offered while there is one")
    func cappedCount() async throws {
        try await withOpora(seed: false) { app, _ async throws in
            _ = try await DemoSeed.seed(app)
            let scope = AccessScope(municipalities: ["KNL29"])
            let all = try await PeopleStore.query(scope, on: app.db).count()
            let first = try await PeopleSearch.page(
                PeopleStore.query(scope, on: app.db),
                page: 1,
                perPage: 20,
                countLimit: 100
            )
            #expect(first.items.count == 20)
            #expect(first.total == 100 && !first.totalIsExact && first.hasNext)
            let lastPage = (all + 19) / 20
            let last = try await PeopleSearch.page(
                PeopleStore.query(scope, on: app.db),
                page: lastPage,
                perPage: 20,
                countLimit: 100
            )
            #expect(last.items.count == all - (lastPage - 1) * 20)
            #expect(last.total == all && last.totalIsExact && !last.hasNext)
            let exact = try await PeopleSearch.page(
                PeopleStore.query(scope, on: app.db),
                page: 1,
                perPage: 20,
                countLimit: all
            )
            #expect(exact.total == all && exact.totalIsExact)
        }
    }
}

@Suite("Searching what the list shows")
struct ListedDigitsSearchTests {
    @Test("The last four digits of an ЕГН the list shows find the person within scope, and nobody outside it")
    func lastFourDigitsFindThePerson() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "caseworker")
            let person = try await api.call(.POST, "/people", json: PeopleTests.registerBody()).json(PersonDTO.self)
            let lastFour = String(PeopleTests.egn.suffix(4))
            let found = try await Browser.searchPeople(app, as: "caseworker", lastFour)
            #expect(found.contains(person.id.uuidString))
            try await addStaff(app, username: "sofia-reader", role: .caseWorker, provider: DemoProviders.sofia.id)
            #expect(!(try await Browser.searchPeople(app, as: "sofia-reader", lastFour)).contains(person.id.uuidString))
            let row = try #require(try await Person.find(person.id, on: app.db))
            #expect(row.identifierTailHash != nil)
            #expect(row.identifierTailHash?.contains(lastFour) == false)
        }
    }

    @Test("A Latin query in another common spelling finds the Cyrillic name")
    func alternativeSpellingFindsThePerson() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "caseworker")
            let person = try await api.call(.POST, "/people", json: PeopleTests.registerBody(given: "Цветана")).json(
                PersonDTO.self
            )
            #expect(try await Browser.searchPeople(app, as: "caseworker", "Cvetana").contains(person.id.uuidString))
            #expect(try await Browser.searchPeople(app, as: "caseworker", "Tsvetana").contains(person.id.uuidString))
        }
    }
}

extension Browser {
    /// The people page's answer to a search, as the user sees it.
    static func searchPeople(_ app: Application, as username: String, _ q: String) async throws -> String {
        let browser = Browser(app)
        _ = try await browser.signIn(username)
        return try await browser.get("/people?q=" + encode(q)).body.string
    }
}
