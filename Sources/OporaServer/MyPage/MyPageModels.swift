import Fluent
import Foundation
import OporaCore

/// A one-time code given to a person, or to their legal representative, to open their own page.
/// Only the code's SHA-256 is kept, so a copy of the database lets no one in; the code itself is
/// shown once, on the letter or in the notice.
final class MyPageInvitation: Model, @unchecked Sendable {
    static let schema = "my_page_invitations"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    /// The household member who represents the person; `nil` when the code is for the person.
    @OptionalField(key: "member_id") var memberID: UUID?
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    /// The username printed on the letter; the account is made with it when the code is first used.
    @Field(key: "username") var username: String
    @Field(key: "code_digest") var codeDigest: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    /// Set when a newer code was issued for the same person and representative.
    @Field(key: "revoked") var revoked: Bool
    @Field(key: "issued_by") var issuedBy: UUID
    /// The last day of a representative's appointment, when the decision names one.
    @OptionalField(key: "appointment_ends") var appointmentEnds: String?

    init() {}
}

/// An account's way into one person's file: the person's own, or a representative's.
final class MyPageLink: Model, @unchecked Sendable {
    static let schema = "my_page_links"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "person_id") var personID: UUID
    @OptionalField(key: "member_id") var memberID: UUID?
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @OptionalField(key: "appointment_ends") var appointmentEnds: String?
    /// Whether the holder chose a password; otherwise they come in with a fresh code each time.
    @Field(key: "has_password") var hasPassword: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var isRepresentative: Bool { memberID != nil }
}

extension MyPageInvitation: ScopedModel {
    static func restrict(
        _ query: QueryBuilder<MyPageInvitation>,
        to scope: AccessScope
    ) -> QueryBuilder<
        MyPageInvitation
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

extension MyPageLink: ScopedModel {
    static func restrict(_ query: QueryBuilder<MyPageLink>, to scope: AccessScope) -> QueryBuilder<MyPageLink> {
        scope.restrict(
            query,
            oblast: \.$oblastCode,
            municipality: \.$municipalityCode,
            provider: \.$providerID,
            person: \.$personID
        )
    }
}
