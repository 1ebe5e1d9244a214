import Fluent
import Foundation
import OporaCore

/// A session's decision with its rationale, perhaps taking up a proposal, so a participant can see
/// what became of theirs.
final class CoDesignDecision: Model, @unchecked Sendable {
    static let schema = "codesign_decisions"

    @ID(key: .id) var id: UUID?
    @Field(key: "series_id") var seriesID: UUID
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "municipality_code") var municipalityCode: String
    @OptionalField(key: "proposal_id") var proposalID: UUID?
    @Field(key: "text") var text: String
    @Field(key: "rationale") var rationale: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// What a decision becomes: an action with an owner, a due day, the service it changes, and its
/// progress; `version` guards the progress against two updates at once.
final class CoDesignAction: Model, @unchecked Sendable {
    static let schema = "codesign_actions"

    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "decision_id") var decisionID: UUID
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "title") var title: String
    @Field(key: "owner") var owner: String
    @Field(key: "due_on") var dueOn: String
    @OptionalField(key: "service_id") var serviceID: UUID?
    @Field(key: "state") var state: CoDesignActionState
    @Field(key: "percent") var percent: Int
    @OptionalField(key: "last_note") var lastNote: String?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

extension CoDesignDecision: ScopedModel {
    static func restrict(
        _ query: QueryBuilder<CoDesignDecision>,
        to scope: AccessScope
    ) -> QueryBuilder<CoDesignDecision> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode)
    }
}

extension CoDesignAction: ScopedModel {
    static func restrict(_ query: QueryBuilder<CoDesignAction>, to scope: AccessScope) -> QueryBuilder<CoDesignAction> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode)
    }
}

/// Decisions and their actions: a second migration, since the first shipped with the rounds.
struct CreateCoDesignDecisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CoDesignDecision.schema)
            .id()
            .field("series_id", .uuid, .required, .references(CoDesignSeries.schema, "id", onDelete: .cascade))
            .field("oblast_code", .string, .required)
            .field("municipality_code", .string, .required)
            .field("proposal_id", .uuid)
            .field("text", .string, .required)
            .field("rationale", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(CoDesignAction.schema)
            .id()
            .field("version", .int, .required)
            .field("decision_id", .uuid, .required, .references(CoDesignDecision.schema, "id", onDelete: .cascade))
            .field("oblast_code", .string, .required)
            .field("municipality_code", .string, .required)
            .field("title", .string, .required)
            .field("owner", .string, .required)
            .field("due_on", .string, .required)
            .field("service_id", .uuid)
            .field("state", .string, .required)
            .field("percent", .int, .required)
            .field("last_note", .string)
            .field("updated_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CoDesignAction.schema).delete()
        try await database.schema(CoDesignDecision.schema).delete()
    }
}
