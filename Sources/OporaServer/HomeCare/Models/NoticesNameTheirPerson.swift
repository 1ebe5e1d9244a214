import Fluent
import SQLKit

/// Each notice records the person whose visits it names, so that erasure reaches it. A person's
/// own notices are about them; a worker's notices written before this listed several people in
/// one text that cannot be split, so they go (they repeated what the plan versions still hold).
struct NoticesNameTheirPerson: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CareNotice.schema).field("about_person_id", .uuid).update()
        let sql = try database.sql()
        try await sql.raw("UPDATE home_care_notices SET about_person_id = recipient_id WHERE recipient_kind = 'person'")
            .run()
        try await sql.raw("DELETE FROM home_care_notices WHERE about_person_id IS NULL").run()
        try await sql.raw("CREATE INDEX home_care_notices_about ON home_care_notices (about_person_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP INDEX home_care_notices_about").run()
        try await database.schema(CareNotice.schema).deleteField("about_person_id").update()
    }
}
