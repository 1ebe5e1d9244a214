import Fluent
import Foundation
import OporaCore
import SQLKit

/// Someone on a centre's list of assistant candidates (DOMAIN §2.1 item 4: when a person names no
/// assistant, the provider proposes one from its list), often a registered unemployed person the
/// centre may employ under the national programmes (§2.4).
///
/// The name, the phone and the labour-office registration are the candidate's personal data and
/// are sealed; they are not persons served, so the subject-access export and erasure of people's
/// files (`PersonalDataHolder`) do not cover them: a candidate who withdraws is marked so and the
/// sealed fields are overwritten (`PoolStore.withdraw`). The settlement, availability and skills
/// stay in clear because the proposal ranks by them.
final class PoolCandidate: Model, Versioned, @unchecked Sendable {
    static let schema = "home_care_candidates"

    enum Status: String, Codable, Sendable, CaseIterable {
        case available, hired, withdrawn
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "name_sealed") var nameSealed: String
    @OptionalField(key: "phone_sealed") var phoneSealed: String?
    /// `CandidateRegistration` as JSON, sealed.
    @Field(key: "registration_sealed") var registrationSealed: String
    @Field(key: "settlement_ekatte") var settlementEkatte: String
    /// `[Shift]` as JSON: the weekly hours the candidate can work.
    @Field(key: "availability") var availability: String
    /// `CareSkill` raw values, comma-separated.
    @Field(key: "skills") var skills: String
    @Field(key: "status") var status: String
    @OptionalField(key: "hired_user_id") var hiredUserID: UUID?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var candidateStatus: Status { Status(rawValue: status) ?? .withdrawn }
    var skillSet: Set<CareSkill> { Set(skills.split(separator: ",").compactMap { CareSkill(rawValue: String($0)) }) }
    var shiftList: [Shift] { (try? JSONDecoder().decode([Shift].self, from: Data(availability.utf8))) ?? [] }
}

extension PoolCandidate: ScopedModel {
    static func restrict(_ query: QueryBuilder<PoolCandidate>, to scope: AccessScope) -> QueryBuilder<PoolCandidate> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}

/// Whether a candidate is registered as unemployed at the labour office (Бюро по труда), and where.
struct CandidateRegistration: Codable, Sendable, Equatable {
    var registeredUnemployed: Bool
    /// The labour office and registration number, as the candidate gave them.
    var office: String
}

/// A candidate hired as staff: which account they became and whether they came as registered
/// unemployed, which the centre's indicator of jobs held by formerly unemployed assistants counts.
/// That one fact is in clear so the indicator can count it; the registration itself stays sealed
/// on the candidate. One hire per candidate and per account, enforced by the table.
final class AssistantHire: Model, @unchecked Sendable {
    static let schema = "home_care_hires"

    @ID(key: .id) var id: UUID?
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "candidate_id") var candidateID: UUID
    @Field(key: "user_id") var userID: UUID
    /// The calendar day of the hire, ISO.
    @Field(key: "hired_on") var hiredOn: String
    @Field(key: "formerly_unemployed") var formerlyUnemployed: Bool
    @Field(key: "hired_by") var hiredBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension AssistantHire: ScopedModel {
    static func restrict(_ query: QueryBuilder<AssistantHire>, to scope: AccessScope) -> QueryBuilder<AssistantHire> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}

/// The assistant pool's tables: candidates, and the hires that made some of them staff.
struct CreateAssistantPool: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PoolCandidate.schema)
            .id()
            .field("version", .int, .required)
            .field("provider_id", .uuid, .required, .references(Provider.schema, "id"))
            .field("municipality_code", .string, .required)
            .field("oblast_code", .string, .required)
            .field("name_sealed", .string, .required)
            .field("phone_sealed", .string)
            .field("registration_sealed", .string, .required)
            .field("settlement_ekatte", .string, .required)
            .field("availability", .string, .required)
            .field("skills", .string, .required)
            .field("status", .string, .required)
            .field("hired_user_id", .uuid, .references(User.schema, "id", onDelete: .setNull))
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(AssistantHire.schema)
            .id()
            .field("provider_id", .uuid, .required, .references(Provider.schema, "id"))
            .field("municipality_code", .string, .required)
            .field("oblast_code", .string, .required)
            .field("candidate_id", .uuid, .required, .references(PoolCandidate.schema, "id"))
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("hired_on", .string, .required)
            .field("formerly_unemployed", .bool, .required)
            .field("hired_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "candidate_id")
            .unique(on: "user_id")
            .create()
        try await database.sql().raw("CREATE INDEX home_care_candidates_provider ON home_care_candidates (provider_id)")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AssistantHire.schema).delete()
        try await database.schema(PoolCandidate.schema).delete()
    }
}
