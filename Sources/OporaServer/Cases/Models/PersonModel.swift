import Fluent
import OporaCore
import Vapor

/// A person served (потребител). The identifier and health details are sealed with the data key;
/// the identifier is found through its keyed hash.
final class Person: Model, Versioned, @unchecked Sendable {
    static let schema = "people"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int

    @Field(key: "given_name") var givenName: String
    @Field(key: "middle_name") var middleName: String
    @Field(key: "family_name") var familyName: String
    @Field(key: "name_latin") var nameLatin: String
    /// Folded to Latin lowercase, so that a Cyrillic or a Latin fragment finds the person.
    @Field(key: "search_text") var searchText: String
    @Field(key: "sort_key") var sortKey: String
    @Enum(key: "identifier_type") var identifierType: IdentifierType
    @OptionalField(key: "identifier_sealed") var identifierSealed: String?
    @OptionalField(key: "identifier_hash") var identifierHash: String?
    /// The keyed hash of the identifier's last four digits (`DataKey.identifierTailHash`).
    @OptionalField(key: "identifier_tail_hash") var identifierTailHash: String?
    @OptionalField(key: "birth_date") var birthDate: String?
    @OptionalField(key: "sex") var sex: String?
    @Field(key: "settlement_ekatte") var settlementEkatte: String
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @OptionalField(key: "address_sealed") var addressSealed: String?
    /// Sealed like the address: contact data. The column kept its name from before sealing.
    @OptionalField(key: "phone") var phoneSealed: String?
    /// Sealed comma-separated `TargetGroup` raw values: belonging to a group (people with
    /// disabilities, children at risk) is special-category data. The column kept its name.
    @Field(key: "target_groups") var targetGroupsSealed: String
    /// Sealed JSON list of `TargetGroupEvidence`: since when and on what evidence each group applies.
    @OptionalField(key: "target_group_evidence_sealed") var targetGroupEvidenceSealed: String?
    /// Sealed JSON of the disability decision (ТЕЛК/НЕЛК): percentage, expiry, need of another's help.
    @OptionalField(key: "health_sealed") var healthSealed: String?
    /// The provider that registered the person; its staff see the person's file.
    @Parent(key: "provider_id") var provider: Provider
    @Field(key: "anonymised") var anonymised: Bool

    init() {}

    var name: PersonName { PersonName(given: givenName, middle: middleName, family: familyName) }

    func phone(key: DataKey) throws -> String? { try phoneSealed.map { try key.open($0) } }

    func targetGroups(key: DataKey) throws -> [String] {
        try key.open(targetGroupsSealed).split(separator: ",").map(String.init)
    }
}

/// The disability decision and other health facts kept with a person, sealed at rest.
struct HealthDetails: Codable, Sendable, Equatable {
    var disabilityPercent: Int?
    /// What erasure leaves of the percentage: its band ("70-89.99"), as reports count it.
    var disabilityBand: String?
    var decisionExpiry: String?
    var needsAnotherPersonsHelp: Bool?
    var notes: String?
}

/// Why and since when a person belongs to a target group (a social-assistance decision for low
/// income, a child-protection decision for a child at risk, …); 65+ is derived from the birth date.
struct TargetGroupEvidence: Codable, Sendable, Equatable {
    var group: String
    var since: String
    var evidence: String
}

struct AddTargetGroupEvidence: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Person.schema).field("target_group_evidence_sealed", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Person.schema).deleteField("target_group_evidence_sealed").update()
    }
}

extension Person: ScopedModel {
    static func restrict(_ query: QueryBuilder<Person>, to scope: AccessScope) -> QueryBuilder<Person> {
        scope.restrict(
            query,
            oblast: \.$oblastCode,
            municipality: \.$municipalityCode,
            provider: \.$provider.$id,
            person: \.$id
        )
    }
}
