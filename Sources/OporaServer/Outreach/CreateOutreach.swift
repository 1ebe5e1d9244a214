import Fluent
import SQLKit

/// The territory of the work (neighbourhoods, blocks, entrances, who is assigned where) and the
/// door-to-door contacts, found by entrance and day (the last visit) and by worker and day (the
/// timesheet).
struct CreateOutreach: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Neighbourhood.schema)
            .id()
            .field("version", .int, .required)
            .field("provider_id", .uuid, .required, .references(Provider.schema, "id"))
            .field("municipality_code", .string, .required)
            .field("oblast_code", .string, .required)
            .field("settlement_ekatte", .string, .required)
            .field("name", .string, .required)
            .field("sort_key", .string, .required)
            .create()
        try await database.schema(OutreachBlock.schema)
            .id()
            .field("neighbourhood_id", .uuid, .required, .references(Neighbourhood.schema, "id", onDelete: .cascade))
            .field("number", .string, .required)
            .field("position", .int, .required)
            .unique(on: "neighbourhood_id", "number")
            .create()
        try await database.schema(OutreachEntrance.schema)
            .id()
            .field("block_id", .uuid, .required, .references(OutreachBlock.schema, "id", onDelete: .cascade))
            .field("neighbourhood_id", .uuid, .required, .references(Neighbourhood.schema, "id", onDelete: .cascade))
            .field("label", .string, .required)
            .field("position", .int, .required)
            .field("floors", .int, .required)
            .field("flats_per_floor", .int, .required)
            .field("first_flat", .int, .required)
            .unique(on: "block_id", "label")
            .create()
        try await database.schema(EntranceAssignment.schema)
            .id()
            .field("entrance_id", .uuid, .required, .references(OutreachEntrance.schema, "id", onDelete: .cascade))
            .field("neighbourhood_id", .uuid, .required, .references(Neighbourhood.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .unique(on: "entrance_id", "user_id")
            .create()
        try await database.schema(OutreachContact.schema)
            .id()
            .field("client_id", .string, .required)
            .field("provider_id", .uuid, .required, .references(Provider.schema, "id"))
            .field("municipality_code", .string, .required)
            .field("oblast_code", .string, .required)
            .field("neighbourhood_id", .uuid, .required, .references(Neighbourhood.schema, "id"))
            .field("entrance_id", .uuid, .required, .references(OutreachEntrance.schema, "id"))
            .field("flat", .int, .required)
            .field("floor", .int, .required)
            .field("day", .string, .required)
            .field("minutes", .int, .required)
            .field("purpose", .string, .required)
            .field("outcome", .string, .required)
            .field("worker_id", .uuid, .required, .references(User.schema, "id"))
            .field("worker_name", .string, .required)
            .field("met_sealed", .string, .required)
            .field("talked_sealed", .string, .required)
            .field("wants_sealed", .string, .required)
            .field("promised_sealed", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "client_id")
            .create()
        let sql = try database.sql()
        try await sql.raw("CREATE INDEX outreach_contacts_entrance ON outreach_contacts (entrance_id, day)").run()
        try await sql.raw("CREATE INDEX outreach_contacts_worker ON outreach_contacts (worker_id, day)").run()
        try await sql.raw("CREATE INDEX outreach_assignments_user ON outreach_assignments (user_id)").run()
    }

    func revert(on database: any Database) async throws {
        for schema in [
            OutreachContact.schema, EntranceAssignment.schema, OutreachEntrance.schema, OutreachBlock.schema,
            Neighbourhood.schema,
        ] {
            try await database.schema(schema).delete()
        }
    }
}
