import Fluent
import Foundation
import OporaCore
import SQLKit

/// Gives every case its number (КСУ-2026-0042, `CaseNumber`) and every note its kind and the
/// date of the contact.
///
/// Numbers the cases already open per provider and year in the order they were opened, then makes
/// the number unique per provider and year. Notes written before this step are of kind "other"
/// and show the day they were written as the day of the contact.
struct NumberCases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for (field, type) in [
            ("number_year", DatabaseSchema.DataType.int), ("number_sequence", .int), ("number", .string),
        ] {
            try await database.schema(SupportCase.schema).field(.string(field), type).update()
        }
        try await database.schema(CaseNote.schema).field("kind", .string).update()
        try await database.schema(CaseNote.schema).field("contact_on", .string).update()
        try await Self.numberExisting(on: database)
        let sql = try database.sql()
        try await sql.raw(
            "CREATE UNIQUE INDEX cases_number ON cases (provider_id, number_year, number_sequence)"
        ).run()
    }

    /// Numbers every case per provider and year in the order opened, and gives old notes a kind.
    static func numberExisting(on database: any Database) async throws {
        struct Row: Decodable {
            var id: UUID
            var provider_id: UUID
            var opened_on: String
            var name: String
        }
        try await database.transaction { db in
            let sql = try db.sql()
            let rows = try await sql.raw(
                """
                SELECT cases.id, cases.provider_id, cases.opened_on, providers.name FROM cases
                JOIN providers ON providers.id = cases.provider_id
                ORDER BY cases.provider_id, cases.opened_on, cases.created_at, cases.id
                """
            ).all(decoding: Row.self)
            var next: [String: Int] = [:]
            for row in rows {
                let year = Int(row.opened_on.prefix(4)) ?? 0
                let counter = row.provider_id.uuidString + String(year)
                let sequence = next[counter, default: 0] + 1
                next[counter] = sequence
                let number = CaseNumber(
                    prefix: CaseNumber.prefix(forProviderNamed: row.name),
                    year: year,
                    sequence: sequence
                )
                try await sql.raw(
                    """
                    UPDATE cases SET number_year = \(bind: year), number_sequence = \(bind: sequence),
                    number = \(bind: number.display) WHERE id = \(bind: row.id)
                    """
                ).run()
            }
            try await sql.raw("UPDATE case_notes SET kind = 'other' WHERE kind IS NULL").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP INDEX IF EXISTS cases_number").run()
        for field in ["number_year", "number_sequence", "number"] {
            try await database.schema(SupportCase.schema).deleteField(.string(field)).update()
        }
        try await database.schema(CaseNote.schema).deleteField("kind").update()
        try await database.schema(CaseNote.schema).deleteField("contact_on").update()
    }
}
