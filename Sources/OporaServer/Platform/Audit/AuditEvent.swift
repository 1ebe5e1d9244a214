import Fluent
import Vapor

/// One entry of the append-only audit trail.
///
/// `hash` is SHA-256 over the previous entry's hash and this entry's content, so editing or
/// deleting any entry breaks every link after it (`opora audit verify`).
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "seq") var seq: Int
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "action") var action: String
    @Field(key: "record_type") var recordType: String
    @Field(key: "record_id") var recordID: String
    /// JSON object of changed fields: `{"name": ["old", "new"]}`.
    @Field(key: "changes") var changes: String
    @Field(key: "address") var address: String
    @Field(key: "prev_hash") var prevHash: String
    @Field(key: "hash") var hash: String

    init() {}
}

struct CreateAuditEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema)
            .id()
            .field("seq", .int, .required)
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("record_type", .string, .required)
            .field("record_id", .string, .required)
            .field("changes", .string, .required)
            .field("address", .string, .required)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "seq")
            .create()
        let sql = try database.sql()
        try await sql.raw("CREATE INDEX audit_record ON audit_events (record_type, record_id)").run()
        try await sql.raw("CREATE INDEX audit_actor ON audit_events (actor_id, at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema).delete()
    }
}
