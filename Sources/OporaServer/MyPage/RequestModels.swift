import Fluent
import Foundation
import OporaCore

/// A person's request to change something (another time, a cancelled visit, another assistant,
/// a new need), with the day it must be answered by and, once answered, the answer.
final class ChangeRequestRecord: Model, @unchecked Sendable {
    static let schema = "my_page_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "person_id") var personID: UUID
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    /// The account that asked: the person or a representative.
    @Field(key: "asked_by") var askedBy: UUID
    @Field(key: "kind") var kind: String
    @OptionalField(key: "visit_id") var visitID: UUID?
    /// The visit's day and time as the person saw it, so the request still reads after re-planning.
    @Field(key: "visit_label") var visitLabel: String
    /// The person's own words: sealed, like case notes.
    @Field(key: "text_sealed") var textSealed: String
    @Field(key: "submitted_at") var submittedAt: Date
    @Field(key: "due_on") var dueOn: String
    @Field(key: "state") var state: String
    @OptionalField(key: "answer_sealed") var answerSealed: String?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "answered_by") var answeredBy: String?

    init() {}

    var requestKind: ChangeRequestKind? { ChangeRequestKind(rawValue: kind) }
    var requestState: ChangeRequestState { ChangeRequestState(rawValue: state) ?? .open }
}

/// How one visit went, in three faces and an optional word; one per visit.
final class VisitRatingRecord: Model, @unchecked Sendable {
    static let schema = "my_page_ratings"

    @ID(key: .id) var id: UUID?
    @Field(key: "visit_id") var visitID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "worker_id") var workerID: UUID
    @Field(key: "face") var face: String
    @OptionalField(key: "word_sealed") var wordSealed: String?
    @Field(key: "rated_at") var ratedAt: Date
    @Field(key: "rated_by") var ratedBy: UUID

    init() {}
}

extension ChangeRequestRecord: ScopedModel {
    static func restrict(
        _ query: QueryBuilder<ChangeRequestRecord>,
        to scope: AccessScope
    ) -> QueryBuilder<
        ChangeRequestRecord
    > {
        scope.restrict(
            query,
            oblast: \.$oblastCode,
            municipality: \.$municipalityCode,
            provider: \.$providerID,
            person: \.$personID
        )
    }
}

extension VisitRatingRecord: ScopedModel {
    static func restrict(
        _ query: QueryBuilder<VisitRatingRecord>,
        to scope: AccessScope
    ) -> QueryBuilder<
        VisitRatingRecord
    > {
        scope.restrict(
            query,
            oblast: \.$oblastCode,
            municipality: \.$municipalityCode,
            provider: \.$providerID,
            person: \.$personID
        )
    }
}
