import Fluent
import Foundation
import SQLKit

/// What a backup held when it was taken: row counts per table and the last audit hash. A restore
/// is accepted only when the restored database shows the same.
struct BackupManifest: Codable, Equatable, Sendable {
    var takenAt: Date
    var database: String
    var counts: [String: Int]
    var lastAuditHash: String

    /// Every table in the database, read from its catalogue: each capability's tables are counted
    /// without Platform naming them, and a table added later cannot be forgotten.
    static func tables(in db: any Database) async throws -> [String] {
        let query: SQLQueryString =
            db.isPostgres
            ? """
            SELECT table_name AS name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
            """
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        return try await db.sql().raw(query).all().map { try $0.decode(column: "name", as: String.self) }
    }

    static func read(from db: any Database, kind: String, at: Date) async throws -> BackupManifest {
        let sql = try db.sql()
        var counts: [String: Int] = [:]
        for table in try await tables(in: db) {
            let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()
            counts[table] = try row?.decode(column: "n", as: Int.self) ?? 0
        }
        let last = try await sql.raw("SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1").first()
        return BackupManifest(
            takenAt: at,
            database: kind,
            counts: counts,
            lastAuditHash: try last?.decode(column: "hash", as: String.self) ?? AuditTrail.genesis
        )
    }

    /// The differences from `other`, in words; empty when they agree.
    func differences(from other: BackupManifest) -> [String] {
        var lines: [String] = []
        for table in Set(counts.keys).union(other.counts.keys).sorted() where counts[table] != other.counts[table] {
            lines.append("\(table): expected \(counts[table] ?? 0) rows, found \(other.counts[table] ?? 0)")
        }
        if lastAuditHash != other.lastAuditHash { lines.append("the last audit entry differs") }
        return lines
    }

    static func path(for backup: String) -> String { backup + ".manifest.json" }

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    }

    static func load(from path: String) throws -> BackupManifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(BackupManifest.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
