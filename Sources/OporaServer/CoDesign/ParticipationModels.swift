import Fluent
import Foundation
import OporaCore

/// A comment on a proposal, from a participant on the public page or entered by the facilitator
/// from the room; moderated like the proposals (hidden with a reason, kept in the log).
final class CoDesignComment: Model, @unchecked Sendable {
    static let schema = "codesign_comments"

    @ID(key: .id) var id: UUID?
    @Field(key: "series_id") var seriesID: UUID
    @Field(key: "proposal_id") var proposalID: UUID
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "municipality_code") var municipalityCode: String
    /// `nil` when the facilitator entered it from the room.
    @OptionalField(key: "participant_id") var participantID: UUID?
    @Field(key: "text") var text: String
    @OptionalField(key: "hidden_reason") var hiddenReason: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A new wording of a proposal that its author accepts or rejects (`AmendmentLedger`).
final class CoDesignAmendment: Model, @unchecked Sendable {
    static let schema = "codesign_amendments"

    @ID(key: .id) var id: UUID?
    @Field(key: "series_id") var seriesID: UUID
    @Field(key: "proposal_id") var proposalID: UUID
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "municipality_code") var municipalityCode: String
    @OptionalField(key: "participant_id") var participantID: UUID?
    @Field(key: "text") var text: String
    /// The proposal's text it was written against.
    @Field(key: "based_on") var basedOn: String
    @Field(key: "state") var state: AmendmentState
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "decided_at") var decidedAt: Date?

    init() {}

    var entry: AmendmentLedger.Entry { .init(id: id!, text: text, basedOn: basedOn, state: state) }
}

extension CoDesignComment: ScopedModel {
    static func restrict(_ query: QueryBuilder<CoDesignComment>, to scope: AccessScope) -> QueryBuilder<CoDesignComment>
    {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode)
    }
}

extension CoDesignAmendment: ScopedModel {
    static func restrict(
        _ query: QueryBuilder<CoDesignAmendment>,
        to scope: AccessScope
    ) -> QueryBuilder<CoDesignAmendment> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode)
    }
}

struct CreateCoDesignDiscussion: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CoDesignComment.schema)
            .id()
            .field("series_id", .uuid, .required, .references(CoDesignSeries.schema, "id", onDelete: .cascade))
            .field("proposal_id", .uuid, .required, .references(CoDesignProposal.schema, "id", onDelete: .cascade))
            .field("oblast_code", .string, .required)
            .field("municipality_code", .string, .required)
            .field("participant_id", .uuid)
            .field("text", .string, .required)
            .field("hidden_reason", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(CoDesignAmendment.schema)
            .id()
            .field("series_id", .uuid, .required, .references(CoDesignSeries.schema, "id", onDelete: .cascade))
            .field("proposal_id", .uuid, .required, .references(CoDesignProposal.schema, "id", onDelete: .cascade))
            .field("oblast_code", .string, .required)
            .field("municipality_code", .string, .required)
            .field("participant_id", .uuid)
            .field("text", .string, .required)
            .field("based_on", .string, .required)
            .field("state", .string, .required)
            .field("created_at", .datetime, .required)
            .field("decided_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CoDesignAmendment.schema).delete()
        try await database.schema(CoDesignComment.schema).delete()
    }
}

/// A participant's answer to a session's invitation: coming or not, and what they need to take
/// part. One per participant and session; a later answer replaces the earlier.
final class CoDesignRegistration: Model, @unchecked Sendable {
    static let schema = "codesign_registrations"

    @ID(key: .id) var id: UUID?
    @Field(key: "session_id") var sessionID: UUID
    @Field(key: "participant_id") var participantID: UUID
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "coming") var coming: Bool
    /// `SessionNeed` raw values, comma-separated.
    @Field(key: "needs") var needs: String
    @Field(key: "answered_at") var answeredAt: Date

    init() {}

    var sessionNeeds: [SessionNeed] { needs.split(separator: ",").compactMap { SessionNeed(rawValue: String($0)) } }
}

extension CoDesignRegistration: ScopedModel {
    static func restrict(
        _ query: QueryBuilder<CoDesignRegistration>,
        to scope: AccessScope
    ) -> QueryBuilder<CoDesignRegistration> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode)
    }
}

struct CreateCoDesignRegistrations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CoDesignRegistration.schema)
            .id()
            .field("session_id", .uuid, .required, .references(CoDesignSession.schema, "id", onDelete: .cascade))
            .field(
                "participant_id",
                .uuid,
                .required,
                .references(CoDesignParticipant.schema, "id", onDelete: .cascade)
            )
            .field("oblast_code", .string, .required)
            .field("municipality_code", .string, .required)
            .field("coming", .bool, .required)
            .field("needs", .string, .required)
            .field("answered_at", .datetime, .required)
            .unique(on: "session_id", "participant_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CoDesignRegistration.schema).delete()
    }
}
