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
