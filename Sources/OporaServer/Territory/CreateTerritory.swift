import Fluent
import OporaCore
import SQLKit
import Vapor

/// Creates the territory tables and loads the NSI EKATTE classifier shipped with Opora.
///
/// The data are public facts that every other record points at, so they arrive with the schema
/// rather than through an import an operator could forget.
struct CreateTerritory: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Oblast.schema)
            .field("code", .string, .identifier(auto: false))
            .field("name_bg", .string, .required)
            .field("name_latin", .string, .required)
            .field("sort_key", .string, .required)
            .field("centre_ekatte", .string, .required)
            .field("nuts3", .string, .required)
            .create()
        try await database.schema(Municipality.schema)
            .field("code", .string, .identifier(auto: false))
            .field("oblast_code", .string, .required, .references(Oblast.schema, "code"))
            .field("name_bg", .string, .required)
            .field("name_latin", .string, .required)
            .field("sort_key", .string, .required)
            .field("centre_ekatte", .string, .required)
            .create()
        try await database.schema(Settlement.schema)
            .field("ekatte", .string, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("name_bg", .string, .required)
            .field("name_latin", .string, .required)
            .field("sort_key", .string, .required)
            .field("municipality_code", .string, .required, .references(Municipality.schema, "code"))
            .field("oblast_code", .string, .required, .references(Oblast.schema, "code"))
            .field("latitude", .double)
            .field("longitude", .double)
            .field("population", .int)
            .create()
        let sql = try database.sql()
        try await sql.raw("CREATE INDEX settlements_municipality ON settlements (municipality_code, sort_key)").run()
        try await sql.raw("CREATE INDEX municipalities_oblast ON municipalities (oblast_code, sort_key)").run()
        try await TerritoryData.load(into: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Settlement.schema).delete()
        try await database.schema(Municipality.schema).delete()
        try await database.schema(Oblast.schema).delete()
    }
}
