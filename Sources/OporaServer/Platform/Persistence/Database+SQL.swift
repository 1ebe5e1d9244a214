import Fluent
import SQLKit

extension Database {
    /// Both supported drivers speak SQL; this names the failure if a third one ever appears.
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw UnsupportedDatabase() }
        return sql
    }

    var isPostgres: Bool { (self as? any SQLDatabase)?.dialect.name == "postgresql" }
}

struct UnsupportedDatabase: Error, CustomStringConvertible {
    var description: String { "Opora needs an SQL database (SQLite or PostgreSQL)" }
}
