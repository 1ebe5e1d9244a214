import Fluent
import SQLKit

/// Lets a scoped name search run inside one index.
///
/// A search walks the caller's people in name order and tests each folded name with `LIKE`. With the
/// folded name and the id in the scope index, SQLite tests every name inside the index and reads a
/// table row only for the page it returns: a municipality of 300,000 people is searched in 2 ms
/// median instead of 69 (bench/people/RESULTS.md).
struct CoverPeopleSearch: AsyncMigration {
    private static let scopes = [
        ("people_provider", "provider_id"), ("people_municipality", "municipality_code"),
        ("people_oblast", "oblast_code"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        for (name, column) in Self.scopes {
            try await sql.raw("DROP INDEX IF EXISTS \(ident: name)").run()
            try await sql.raw(
                "CREATE INDEX \(ident: name) ON people (\(ident: column), anonymised, sort_key, id, search_text)"
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for (name, column) in Self.scopes {
            try await sql.raw("DROP INDEX IF EXISTS \(ident: name)").run()
            if name != "people_oblast" {
                try await sql.raw("CREATE INDEX \(ident: name) ON people (\(ident: column), sort_key)").run()
            }
        }
    }
}
