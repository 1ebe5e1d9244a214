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

    /// Every table Opora owns, in no particular order.
    static let tables = [
        "oblasts", "municipalities", "settlements", "providers", "services", "users", "role_grants",
        "user_sessions", "api_tokens", "address_throttles", "audit_events", "_fluent_migrations",
        "people", "consents", "cases", "case_transitions", "case_notes", "assessments", "support_plans", "referrals",
        "household_members", "case_team",
    ]

    static func read(from db: any Database, kind: String, at: Date) async throws -> BackupManifest {
        let sql = try db.sql()
        var counts: [String: Int] = [:]
        for table in tables {
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
        for table in Self.tables where counts[table] != other.counts[table] {
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
