import Fluent
import SQLKit

struct CreateAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("sort_key", .string, .required)
            .field("password_hash", .string, .required)
            .field("language", .string, .required)
            .field("disabled", .bool, .required)
            .field("failed_attempts", .int, .required)
            .field("locked_until", .datetime)
            .field("provider_id", .uuid, .references("providers", "id", onDelete: .restrict))
            .field("job_title", .string)
            .unique(on: "username")
            .create()
        try await database.schema(RoleGrant.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("scope_kind", .string, .required)
            .field("scope_code", .string, .required)
            .unique(on: "user_id", "role", "scope_kind", "scope_code")
            .create()
        try await database.schema(UserSession.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await database.schema(APIToken.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema(AddressThrottle.schema)
            .field("address", .string, .identifier(auto: false))
            .field("window_start", .datetime, .required)
            .field("failures", .int, .required)
            .create()
        try await database.sql().raw("CREATE INDEX role_grants_user ON role_grants (user_id)").run()
    }

    func revert(on database: any Database) async throws {
        for schema in [AddressThrottle.schema, APIToken.schema, UserSession.schema, RoleGrant.schema, User.schema] {
            try await database.schema(schema).delete()
        }
    }
}
