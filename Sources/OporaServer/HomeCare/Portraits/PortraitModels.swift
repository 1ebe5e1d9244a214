import Fluent
import Foundation

/// A worker's photo, kept only while the worker agrees to the people they visit seeing it:
/// withdrawing the agreement removes the row. The picture is sealed like any personal data.
final class WorkerPortraitRecord: Model, @unchecked Sendable {
    static let schema = "home_care_portraits"

    @ID(key: .id) var id: UUID?
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    /// The worker's account; one photo each.
    @Field(key: "user_id") var userID: UUID
    /// `WorkerPortrait.Kind` raw value.
    @Field(key: "kind") var kind: String
    /// The picture's bytes in base64, sealed with the data key.
    @Field(key: "image_sealed") var imageSealed: String
    @Field(key: "agreed_at") var agreedAt: Date

    init() {}
}

extension WorkerPortraitRecord: ScopedModel {
    static func restrict(
        _ query: QueryBuilder<WorkerPortraitRecord>,
        to scope: AccessScope
    ) -> QueryBuilder<WorkerPortraitRecord> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}

struct CreateWorkerPortraits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(WorkerPortraitRecord.schema)
            .id()
            .field("provider_id", .uuid, .required, .references(Provider.schema, "id"))
            .field("municipality_code", .string, .required)
            .field("oblast_code", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("image_sealed", .string, .required)
            .field("agreed_at", .datetime, .required)
            .unique(on: "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WorkerPortraitRecord.schema).delete()
    }
}
