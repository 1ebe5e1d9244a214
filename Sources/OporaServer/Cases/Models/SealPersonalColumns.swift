import Fluent
import Foundation
import OporaCore

/// Seals the phone and the target groups of every person, salts identifier hashes with the
/// person's provider, and drops the assessment totals kept in clear beside their sealed content.
///
/// Rewrites every person row. On SQLite, which Opora builds with secure delete, the old values
/// are overwritten as the rows are; the write-ahead log is truncated at the next checkpoint.
struct SealPersonalColumns: AsyncMigration {
    let key: DataKey

    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            var last: UUID?
            while true {
                var query = Scoped.unscoped(Person.self, on: db, .administration).sort(\.$id).limit(1000)
                if let last { query = query.filter(\.$id > last) }
                let batch = try await query.all()
                guard let tail = batch.last else { break }
                for person in batch {
                    person.phoneSealed = try person.phoneSealed.map { try key.seal($0) }
                    person.targetGroupsSealed = try key.seal(person.targetGroupsSealed)
                    if let sealed = person.identifierSealed {
                        person.identifierHash = key.identifierHash(
                            type: person.identifierType,
                            value: try key.open(sealed),
                            provider: person.$provider.id
                        )
                    }
                    try await person.update(on: db)
                }
                last = tail.id
            }
        }
        try await database.schema(Assessment.schema).deleteField("barthel_total").update()
        try await database.schema(Assessment.schema).deleteField("lawton_total").update()
    }

    /// The sealed values stay sealed: the code before this migration cannot read them, so a revert
    /// brings the columns back only.
    func revert(on database: any Database) async throws {
        try await database.schema(Assessment.schema).field("barthel_total", .int).update()
        try await database.schema(Assessment.schema).field("lawton_total", .int).update()
    }
}
