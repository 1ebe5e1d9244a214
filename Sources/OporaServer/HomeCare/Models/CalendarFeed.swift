import Fluent
import Foundation

/// A worker's calendar feed: the SHA-256 of the secret in its address, never the secret itself.
/// At most one per worker; revoking deletes it, so the old address is not found.
final class CalendarFeed: Model, @unchecked Sendable {
    static let schema = "home_care_calendar_feeds"

    @ID(key: .id) var id: UUID?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    @Field(key: "secret_digest") var secretDigest: String

    @Field(key: "user_id") var userID: UUID

    init() {}
}

/// The calendar feeds' table: one feed per worker, found by the digest of its secret.
struct CreateCalendarFeeds: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CalendarFeed.schema)
            .id()
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .field("secret_digest", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .unique(on: "secret_digest")
            .unique(on: "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CalendarFeed.schema).delete()
    }
}
