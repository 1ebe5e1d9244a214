import Fluent
import OporaCore
import Vapor

/// Доставчик на социални услуги — a municipal, NGO or private provider placed in a municipality.
final class Provider: Model, Versioned, @unchecked Sendable {
    static let schema = "providers"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int

    @Field(key: "name") var name: String
    @Field(key: "sort_key") var sortKey: String
    @Enum(key: "kind") var kind: ProviderKind
    @Field(key: "eik") var eik: String
    @Field(key: "municipality_code") var municipalityCode: String
    /// Copied from the municipality so that oblast-scoped queries need no join.
    @Field(key: "oblast_code") var oblastCode: String
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "email") var email: String?

    init() {}
}

/// A social service a provider delivers: its type under the Social Services Act, place, capacity and licence.
final class ProvidedService: Model, Versioned, @unchecked Sendable {
    static let schema = "services"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int

    @Parent(key: "provider_id") var provider: Provider
    @Field(key: "name") var name: String
    @Enum(key: "service_type") var serviceType: SocialServiceType
    @Enum(key: "setting") var setting: DeliverySetting
    @Field(key: "settlement_ekatte") var settlementEkatte: String
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @OptionalField(key: "capacity_places") var capacityPlaces: Int?
    @OptionalField(key: "capacity_hours_per_week") var capacityHoursPerWeek: Int?
    /// Comma-separated `TargetGroup` raw values; a short closed list that is never queried by element.
    @Field(key: "target_groups") var targetGroups: String
    @OptionalField(key: "licence_number") var licenceNumber: String?
    @OptionalField(key: "licence_expiry") var licenceExpiry: String?

    init() {}

    var targetGroupList: [TargetGroup] {
        targetGroups.split(separator: ",").compactMap { TargetGroup(rawValue: String($0)) }
    }
}

extension Provider: ScopedModel {
    static func restrict(_ query: QueryBuilder<Provider>, to scope: AccessScope) -> QueryBuilder<Provider> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$id)
    }
}

extension ProvidedService: ScopedModel {
    static func restrict(_ query: QueryBuilder<ProvidedService>, to scope: AccessScope) -> QueryBuilder<ProvidedService>
    {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$provider.$id)
    }
}
