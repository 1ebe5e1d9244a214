import Fluent
import NIOConcurrencyHelpers
import OporaCore
import SQLKit
import Vapor

/// One page of a search whose total is counted only up to a limit.
///
/// Counting every match of a common fragment among hundreds of thousands of people costs as much as
/// the search itself, and nobody pages through a thousand names: past the limit the page says
/// "1000+" and offers the next page as long as there is one.
struct SearchPage<Item: Sendable>: Sendable {
    var items: [Item]
    var page: Int
    var perPage: Int
    var total: Int
    var totalIsExact: Bool
    var hasNext: Bool
}

/// Finding people by any part of a name at a million rows (bench/people/RESULTS.md).
///
/// Every word must occur in the folded name (`LIKE`). Within a provider or a municipality the names
/// are tested inside the scope index (`CoverPeopleSearch`), which beats the trigram index: that index
/// knows nothing of the scope, so a common fragment made it list hundreds of thousands of matches in
/// the country first. Across a region SQLite asks the FTS5 trigram table first, with a limit: a rare
/// fragment is then found by reading only its few rows, a common one by walking the region in name
/// order, where matches are dense. PostgreSQL's planner already combines its pg_trgm index with the
/// scope by itself, and asking first only added a round trip.
enum PeopleSearch {
    /// More index matches than this and the fragment counts as common.
    static let rareLimit = 2_000
    static let countLimit = 1_000

    enum Narrowing: Equatable {
        /// No word is rare: filter the region by `LIKE` only.
        case none
        /// Only these SQLite rows can match.
        case rows([Int64])
    }

    /// Every word of the folded query must occur in the folded name; `nil` when nobody can match.
    static func filter(
        _ query: QueryBuilder<Person>,
        folded: String,
        wholeRegion: Bool,
        rareLimit: Int = rareLimit,
        on db: any Database
    ) async throws -> QueryBuilder<Person>? {
        let words = folded.split(separator: " ").map(String.init).filter { !$0.isEmpty }
        var query = query
        for word in words { query = query.filter(\.$searchText ~~ word) }
        guard wholeRegion, !db.isPostgres, let sql = db as? any SQLDatabase else { return query }
        switch try await narrowing(words, rareLimit: rareLimit, on: sql) {
        case .none: return query
        case .rows(let rows) where rows.isEmpty: return nil
        case .rows(let rows):
            return query.filter(
                .sql(unsafeRaw: "people.rowid IN (" + rows.map(String.init).joined(separator: ",") + ")")
            )
        }
    }

    /// The intersection of the rows matching each rare word; `.none` when every word is common or short.
    static func narrowing(_ words: [String], rareLimit: Int, on sql: any SQLDatabase) async throws -> Narrowing {
        var rows: Set<Int64>?
        for word in words where word.count >= 3 {
            let matches = try await trigramMatches(word, limit: rareLimit + 1, on: sql)
            guard matches.count <= rareLimit else { continue }
            rows = rows.map { $0.intersection(matches) } ?? Set(matches)
        }
        return rows.map { .rows($0.sorted()) } ?? .none
    }

    private struct RowID: Decodable { var id: Int64 }

    private static func trigramMatches(_ word: String, limit: Int, on sql: any SQLDatabase) async throws -> [Int64] {
        // A quoted FTS5 phrase: the trigram tokenizer then matches the fragment anywhere in the name.
        let phrase = "\"" + word.replacingOccurrences(of: "\"", with: "") + "\""
        return try await sql.raw(
            "SELECT rowid AS id FROM people_fts WHERE people_fts MATCH \(bind: phrase) LIMIT \(literal: limit)"
        )
        .all(decoding: RowID.self).map(\.id)
    }

    /// The page in name order, with a total counted up to `countLimit` (or past the page asked for).
    static func page(
        _ query: QueryBuilder<Person>,
        page: Int,
        perPage: Int,
        countLimit: Int = countLimit
    ) async throws -> SearchPage<PersonListRow> {
        let offset = (page - 1) * perPage
        let rows = try await query.copy().sort(\.$sortKey).sort(\.$id).offset(offset).limit(perPage + 1)
            .rows(PersonListRow.init)
        let cap = max(countLimit, offset + perPage + 1)
        // Counted from the raw rows of one column: decoding a whole Person per counted row (Fluent
        // builds each model by reflection) cost more than the query itself.
        let counter = NIOLockedValueBox(0)
        try await query.copy().field(\.$id).limit(cap + 1).run { _ in counter.withLockedValue { $0 += 1 } }
        let counted = counter.withLockedValue { $0 }
        return SearchPage(
            items: Array(rows.prefix(perPage)),
            page: page,
            perPage: perPage,
            total: min(counted, cap),
            totalIsExact: counted <= cap,
            hasNext: rows.count > perPage
        )
    }

    static func empty(page: Int, perPage: Int) -> SearchPage<PersonListRow> {
        SearchPage(items: [], page: page, perPage: perPage, total: 0, totalIsExact: true, hasNext: false)
    }
}
