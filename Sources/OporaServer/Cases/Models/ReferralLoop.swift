import Fluent
import Foundation
import OporaCore
import SQLKit

/// A notice to a provider's staff that something arrived for them or came back: a referral
/// received, accepted or declined. It names the service and the referral, never the person, so
/// erasure has nothing to find in it.
final class CaseNotification: Model, @unchecked Sendable {
    static let schema = "notifications"

    enum Kind: String, Codable, Sendable {
        case referralReceived = "referral.received"
        case referralAccepted = "referral.accepted"
        case referralDeclined = "referral.declined"

        /// The catalogue key of the notice's text.
        var textKey: CatalogueKey {
            switch self {
            case .referralReceived: .notificationReferralReceived
            case .referralAccepted: .notificationReferralAccepted
            case .referralDeclined: .notificationReferralDeclined
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Parent(key: "provider_id") var provider: Provider
    /// Copied from the provider so that a director's or planner's scope finds it without a join.
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @Enum(key: "kind") var kind: Kind
    @Field(key: "referral_id") var referralID: UUID
    /// The service the referral is addressed to, or the outside service's name.
    @Field(key: "service_name") var serviceName: String
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}
}

extension CaseNotification: ScopedModel {
    static func restrict(
        _ query: QueryBuilder<CaseNotification>,
        to scope: AccessScope
    ) -> QueryBuilder<CaseNotification> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$provider.$id)
    }
}

/// The referral that arrives (issue 10): why and how urgently the person is referred, whom to
/// call at the sender, the case it became at the receiver; how a consent was given and before
/// whom; the providers' notifications.
struct AddReferralLoop: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        let referralColumns: [(FieldKey, DatabaseSchema.DataType)] = [
            ("reason_sealed", .string), ("urgency", .string), ("contact_name", .string), ("contact_phone", .string),
            ("accepted_case_id", .uuid),
        ]
        for (name, type) in referralColumns {
            try await database.schema(Referral.schema).field(name, type).update()
        }
        for name: FieldKey in ["form", "witness_name"] {
            try await database.schema(SharingConsent.schema).field(name, .string).update()
        }
        try await database.schema(CaseNotification.schema)
            .id()
            .field("created_at", .datetime, .required)
            .field("provider_id", .uuid, .required, .references(Provider.schema, "id", onDelete: .cascade))
            .field("municipality_code", .string, .required)
            .field("oblast_code", .string, .required)
            .field("kind", .string, .required)
            .field("referral_id", .uuid, .required, .references(Referral.schema, "id", onDelete: .cascade))
            .field("service_name", .string, .required)
            .field("read_at", .datetime)
            .create()
        try await database.sql().raw("CREATE INDEX notifications_provider ON notifications (provider_id, created_at)")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseNotification.schema).delete()
        for name: FieldKey in ["form", "witness_name"] {
            try await database.schema(SharingConsent.schema).deleteField(name).update()
        }
        for name: FieldKey in ["reason_sealed", "urgency", "contact_name", "contact_phone", "accepted_case_id"] {
            try await database.schema(Referral.schema).deleteField(name).update()
        }
    }
}

/// Folds every stored name again after `SearchNormalizer` learnt the alternative spellings
/// (Tsvetana/Cvetana): a query is folded the new way, so the stored text must be too.
///
/// Rewrites `search_text` of every person; the trigram index follows through its triggers.
struct RefoldPeopleSearchText: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            var last: UUID?
            while true {
                var query = Scoped.unscoped(Person.self, on: db, .administration).sort(\.$id).limit(1000)
                if let last { query = query.filter(\.$id > last) }
                let batch = try await query.all()
                guard let tail = batch.last else { break }
                for person in batch where !person.anonymised && person.searchText != person.name.searchText {
                    person.searchText = person.name.searchText
                    try await person.update(on: db)
                }
                last = tail.id
            }
        }
    }

    func revert(on database: any Database) async throws {}
}

/// The list shows an identifier's last four digits; this makes them searchable within scope by a
/// keyed hash per provider (`DataKey.identifierTailHash`), never in the clear.
///
/// Registered before `SealPersonalColumns`, which reads people through the model and so needs every
/// column the model names; `FillIdentifierTailHash` fills it once the hashes are salted.
struct AddIdentifierTailHash: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Person.schema).field("identifier_tail_hash", .string).update()
        try await database.sql().raw("CREATE INDEX people_identifier_tail ON people (identifier_tail_hash)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP INDEX people_identifier_tail").run()
        try await database.schema(Person.schema).deleteField("identifier_tail_hash").update()
    }
}

/// Writes the tail hash of every person with an identifier.
struct FillIdentifierTailHash: AsyncMigration {
    let key: DataKey

    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            var last: UUID?
            while true {
                var query = Scoped.unscoped(Person.self, on: db, .administration).sort(\.$id).limit(1000)
                if let last { query = query.filter(\.$id > last) }
                let batch = try await query.all()
                guard let tail = batch.last else { break }
                for person in batch {
                    guard let sealed = person.identifierSealed else { continue }
                    person.identifierTailHash = key.identifierTailHash(
                        try key.open(sealed),
                        provider: person.$provider.id
                    )
                    try await person.update(on: db)
                }
                last = tail.id
            }
        }
    }

    func revert(on database: any Database) async throws {}
}
