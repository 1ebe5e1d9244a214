import Fluent
import Foundation
import OporaCore

/// A series of workshops on one policy topic in one municipality; every record of the series
/// carries its place, so the scope reads each table alone.
final class CoDesignSeries: Model, @unchecked Sendable {
    static let schema = "codesign_series"

    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "title") var title: String
    @Field(key: "goal") var goal: String
    /// The goal in short sentences for the public page, beside the long text.
    @Field(key: "easy_read") var easyRead: String
    @Field(key: "schedule") var schedule: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// One working meeting of a series.
final class CoDesignSession: Model, @unchecked Sendable {
    static let schema = "codesign_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "series_id") var seriesID: UUID
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "day") var day: String
    @Field(key: "starts") var starts: String
    @Field(key: "place") var place: String
    @Field(key: "step_free") var stepFree: Bool
    @Field(key: "sign_language") var signLanguage: Bool
    @Field(key: "easy_read_material") var easyReadMaterial: Bool
    @Field(key: "agenda") var agenda: String
    @Field(key: "materials") var materials: String
    /// The minutes as the facilitator last saved them; `nil` until first saved, when the page
    /// offers a draft generated from the session.
    @OptionalField(key: "minutes") var minutes: String?
    @OptionalField(key: "minutes_version") var minutesVersion: Int?
    @OptionalField(key: "minutes_published_at") var minutesPublishedAt: Date?

    init() {}
}

/// Someone taking part in a series, with no account: the facilitator hands them a one-time code in
/// the session, which registers them on the public page once. Their name is sealed; public pages
/// show only their kind.
final class CoDesignParticipant: Model, @unchecked Sendable {
    static let schema = "codesign_participants"

    @ID(key: .id) var id: UUID?
    @Field(key: "series_id") var seriesID: UUID
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "name_sealed") var nameSealed: String
    @Field(key: "kind") var kind: CoDesignParticipantKind
    @Field(key: "code_digest") var codeDigest: String
    @OptionalField(key: "registered_at") var registeredAt: Date?
    /// The SHA-256 of the secret in the participant's cookie after registration.
    @OptionalField(key: "voice_digest") var voiceDigest: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// An invitation to a session, and whether the participant came.
final class CoDesignAttendance: Model, @unchecked Sendable {
    static let schema = "codesign_attendance"

    @ID(key: .id) var id: UUID?
    @Field(key: "session_id") var sessionID: UUID
    @Field(key: "participant_id") var participantID: UUID
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "attended") var attended: Bool

    init() {}
}

/// A proposal, made in a session (entered by the facilitator, perhaps for a participant who was
/// assisted) or on the public page by a registered participant.
final class CoDesignProposal: Model, @unchecked Sendable {
    static let schema = "codesign_proposals"

    @ID(key: .id) var id: UUID?
    @Field(key: "series_id") var seriesID: UUID
    @OptionalField(key: "session_id") var sessionID: UUID?
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "municipality_code") var municipalityCode: String
    @OptionalField(key: "participant_id") var participantID: UUID?
    @Field(key: "title") var title: String
    @Field(key: "text") var text: String
    /// Recorded by an assistant with the participant's consent: the participant's words, not the assistant's.
    @Field(key: "assisted") var assisted: Bool
    @Field(key: "from_public_page") var fromPublicPage: Bool
    /// A duplicate points at the proposal it was merged into and is counted there.
    @OptionalField(key: "merged_into") var mergedInto: UUID?
    @OptionalField(key: "hidden_reason") var hiddenReason: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var isOnBallot: Bool { mergedInto == nil && hiddenReason == nil }
}

/// A prioritisation round over the series' proposals on the ballot.
final class CoDesignRound: Model, @unchecked Sendable {
    static let schema = "codesign_rounds"

    enum State: String, Codable, Sendable { case open, closed }

    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "series_id") var seriesID: UUID
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "title") var title: String
    @Field(key: "method") var method: CoDesignMethod
    @Field(key: "dots") var dots: Int
    @Field(key: "state") var state: State
    @Field(key: "opened_at") var openedAt: Date
    @OptionalField(key: "closed_at") var closedAt: Date?

    init() {}
}

/// A participant's one ballot in a round; changing it rewrites this row (unique per round and participant).
final class CoDesignBallotRecord: Model, @unchecked Sendable {
    static let schema = "codesign_ballots"

    @ID(key: .id) var id: UUID?
    @Field(key: "round_id") var roundID: UUID
    @Field(key: "participant_id") var participantID: UUID
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "municipality_code") var municipalityCode: String
    /// Proposal id to mark, as JSON.
    @Field(key: "marks") var marks: String
    @Field(key: "assisted") var assisted: Bool
    @Field(key: "cast_at") var castAt: Date

    init() {}
}

/// What a facilitator hid from the public pages and why; the public page shows the reason in place.
final class CoDesignModeration: Model, @unchecked Sendable {
    static let schema = "codesign_moderation"

    @ID(key: .id) var id: UUID?
    @Field(key: "series_id") var seriesID: UUID
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "record_id") var recordID: UUID
    @Field(key: "action") var action: String
    @Field(key: "reason") var reason: String
    @Field(key: "actor") var actor: String
    @Field(key: "at") var at: Date

    init() {}
}

extension CoDesignSeries: ScopedModel {
    static func restrict(_ query: QueryBuilder<CoDesignSeries>, to scope: AccessScope) -> QueryBuilder<CoDesignSeries> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode)
    }
}

extension CoDesignSession: ScopedModel {
    static func restrict(_ query: QueryBuilder<CoDesignSession>, to scope: AccessScope) -> QueryBuilder<CoDesignSession>
    {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode)
    }
}

extension CoDesignParticipant: ScopedModel {
    static func restrict(
        _ query: QueryBuilder<CoDesignParticipant>,
        to scope: AccessScope
    ) -> QueryBuilder<CoDesignParticipant> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode)
    }
}

extension CoDesignAttendance: ScopedModel {
    static func restrict(
        _ query: QueryBuilder<CoDesignAttendance>,
        to scope: AccessScope
    ) -> QueryBuilder<CoDesignAttendance> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode)
    }
}

extension CoDesignProposal: ScopedModel {
    static func restrict(
        _ query: QueryBuilder<CoDesignProposal>,
        to scope: AccessScope
    ) -> QueryBuilder<CoDesignProposal> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode)
    }
}

extension CoDesignRound: ScopedModel {
    static func restrict(_ query: QueryBuilder<CoDesignRound>, to scope: AccessScope) -> QueryBuilder<CoDesignRound> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode)
    }
}

extension CoDesignBallotRecord: ScopedModel {
    static func restrict(
        _ query: QueryBuilder<CoDesignBallotRecord>,
        to scope: AccessScope
    ) -> QueryBuilder<CoDesignBallotRecord> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode)
    }
}

extension CoDesignModeration: ScopedModel {
    static func restrict(
        _ query: QueryBuilder<CoDesignModeration>,
        to scope: AccessScope
    ) -> QueryBuilder<CoDesignModeration> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode)
    }
}
