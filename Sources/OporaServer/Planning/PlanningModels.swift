import Fluent
import OporaCore
import Vapor

/// What planning adds to a service of the register: how it is funded. One row per service; the
/// service itself (type, places, licence) stays with Organisations.
final class RegisterEntry: Model, Versioned, @unchecked Sendable {
    static let schema = "planning_register"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int

    @Field(key: "service_id") var serviceID: UUID
    /// Copied from the service so that scoped queries need no join.
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @Enum(key: "funding_regime") var fundingRegime: FundingRegime

    init() {}
}

/// The National Map's maximum number of users of a service for one year (DOMAIN §1.5): data
/// taken from the Map, not a formula.
final class MapCapacity: Model, @unchecked Sendable {
    static let schema = "planning_map_capacities"

    @ID(key: .id) var id: UUID?
    @Field(key: "service_id") var serviceID: UUID
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "year") var year: Int
    @Field(key: "max_users") var maxUsers: Int

    init() {}
}

/// A quality monitoring visit to a service, with its checklist scores and findings.
final class MonitoringVisit: Model, Versioned, @unchecked Sendable {
    static let schema = "planning_visits"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "version") var version: Int

    @Field(key: "service_id") var serviceID: UUID
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "visited_on") var visitedOn: String
    @Field(key: "inspector_name") var inspectorName: String
    /// JSON of `[TeamMember]`: the intersectoral team, staff of public bodies, not people served.
    @Field(key: "team") var team: String
    /// JSON of criterion id → `CriterionScore` raw value.
    @Field(key: "scores") var scores: String
    @Field(key: "findings") var findings: String
    @Enum(key: "status") var status: VisitStatus
    @OptionalField(key: "closed_on") var closedOn: String?

    init() {}
}

/// A member of a visit's intersectoral team.
struct TeamMember: Codable, Sendable, Equatable {
    var name: String
    var sector: TeamSector
}

/// The bodies an intersectoral monitoring team is drawn from (issue 16, step 4).
enum TeamSector: String, Codable, CaseIterable, Sendable {
    case socialAssistance, health, education, police

    func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .socialAssistance: ("социално подпомагане", "social assistance")
            case .health: ("здравеопазване", "health")
            case .education: ("образование", "education")
            case .police: ("полиция", "police")
            }
        return language == .bg ? bg : en
    }
}

/// A recommendation made on a visit: who does it, by when, and whether it is done.
final class Recommendation: Model, Versioned, @unchecked Sendable {
    static let schema = "planning_recommendations"

    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "visit_id") var visit: MonitoringVisit
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "text") var text: String
    @Field(key: "owner") var owner: String
    @Field(key: "deadline") var deadline: String
    @Enum(key: "status") var status: RecommendationStatus
    @OptionalField(key: "closed_on") var closedOn: String?
    @OptionalField(key: "closing_note") var closingNote: String?

    init() {}
}

/// A good practice of the public catalogue, read without an account.
final class GoodPractice: Model, Versioned, @unchecked Sendable {
    static let schema = "planning_practices"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "version") var version: Int

    @Field(key: "title") var title: String
    @Field(key: "problem") var problem: String
    @Field(key: "description") var practiceDescription: String
    @Field(key: "evidence") var evidence: String
    @Field(key: "contact") var contact: String
    @Field(key: "provider_name") var providerName: String
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    /// `SearchNormalizer.fold` of the texts, so that a search in Cyrillic or Latin finds it.
    @Field(key: "search_text") var searchText: String
    @Field(key: "sort_key") var sortKey: String

    init() {}
}

/// Another municipality took the practice up, and with what result.
final class PracticeTransfer: Model, @unchecked Sendable {
    static let schema = "planning_practice_transfers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "practice_id") var practice: GoodPractice
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "adopted_on") var adoptedOn: String
    @Field(key: "result") var result: String

    init() {}
}

extension RegisterEntry: ScopedModel {
    static func restrict(_ query: QueryBuilder<RegisterEntry>, to scope: AccessScope) -> QueryBuilder<RegisterEntry> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}

extension MapCapacity: ScopedModel {
    static func restrict(_ query: QueryBuilder<MapCapacity>, to scope: AccessScope) -> QueryBuilder<MapCapacity> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}

extension MonitoringVisit: ScopedModel {
    static func restrict(_ query: QueryBuilder<MonitoringVisit>, to scope: AccessScope) -> QueryBuilder<MonitoringVisit>
    {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}

extension Recommendation: ScopedModel {
    static func restrict(_ query: QueryBuilder<Recommendation>, to scope: AccessScope) -> QueryBuilder<Recommendation> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}

extension GoodPractice: ScopedModel {
    /// Everyone reads the catalogue (`Scoped.Reason.publicRecord`); only its place edits it.
    static func restrict(_ query: QueryBuilder<GoodPractice>, to scope: AccessScope) -> QueryBuilder<GoodPractice> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode)
    }
}
