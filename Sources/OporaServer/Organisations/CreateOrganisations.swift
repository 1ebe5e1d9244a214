import Fluent
import SQLKit

struct CreateOrganisations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Provider.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .field("name", .string, .required)
            .field("sort_key", .string, .required)
            .field("kind", .string, .required)
            .field("eik", .string, .required)
            .field("municipality_code", .string, .required, .references("municipalities", "code"))
            .field("oblast_code", .string, .required, .references("oblasts", "code"))
            .field("address", .string)
            .field("phone", .string)
            .field("email", .string)
            .unique(on: "eik")
            .create()
        try await database.schema(ProvidedService.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .field("provider_id", .uuid, .required, .references(Provider.schema, "id", onDelete: .restrict))
            .field("name", .string, .required)
            .field("service_type", .string, .required)
            .field("setting", .string, .required)
            .field("settlement_ekatte", .string, .required, .references("settlements", "ekatte"))
            .field("municipality_code", .string, .required)
            .field("oblast_code", .string, .required)
            .field("capacity_places", .int)
            .field("capacity_hours_per_week", .int)
            .field("target_groups", .string, .required)
            .field("licence_number", .string)
            .field("licence_expiry", .string)
            .create()
        let sql = try database.sql()
        try await sql.raw("CREATE INDEX providers_municipality ON providers (municipality_code)").run()
        try await sql.raw("CREATE INDEX services_provider ON services (provider_id)").run()
        try await sql.raw("CREATE INDEX services_municipality ON services (municipality_code)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProvidedService.schema).delete()
        try await database.schema(Provider.schema).delete()
    }
}
