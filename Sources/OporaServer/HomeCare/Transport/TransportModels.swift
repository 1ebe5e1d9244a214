import Fluent
import Foundation
import OporaCore

/// A vehicle of the centre's specialised transport: its seats, its places for wheelchairs, the
/// settlement it is kept in and the driver who usually drives it.
final class TransportVehicle: Model, Versioned, @unchecked Sendable {
    static let schema = "home_care_vehicles"

    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "name") var name: String
    @Field(key: "plate") var plate: String
    /// Passenger seats, the driver's not counted.
    @Field(key: "seats") var seats: Int
    @Field(key: "wheelchair_places") var wheelchairPlaces: Int
    @Field(key: "base_settlement") var baseSettlement: String
    /// The user of the driver; a vehicle without one is not planned.
    @OptionalField(key: "driver_id") var driverID: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension TransportVehicle: ScopedModel {
    static func restrict(
        _ query: QueryBuilder<TransportVehicle>,
        to scope: AccessScope
    ) -> QueryBuilder<
        TransportVehicle
    > {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}

/// A person's request for a trip on one day: from where to where, to arrive by when, and when
/// to be taken back; whether they travel in their wheelchair and with how many companions.
/// The addresses are sealed: with the day and the time they say where someone will be.
final class TripRequest: Model, Versioned, @unchecked Sendable {
    static let schema = "home_care_trips"

    enum State: String, Codable, Sendable {
        case requested, cancelled
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "person_id") var personID: UUID
    /// The calendar day, ISO.
    @Field(key: "day") var day: String
    @Field(key: "from_settlement") var fromSettlement: String
    @Field(key: "from_address_sealed") var fromAddressSealed: String
    @Field(key: "to_settlement") var toSettlement: String
    @Field(key: "to_address_sealed") var toAddressSealed: String
    /// Minutes after midnight in Sofia.
    @Field(key: "arrive_by") var arriveBy: Int
    @OptionalField(key: "return_at") var returnAt: Int?
    @Field(key: "wheelchair") var wheelchair: Bool
    @Field(key: "companions") var companions: Int
    @Field(key: "state") var state: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var isCancelled: Bool { state == State.cancelled.rawValue }
}

extension TripRequest: ScopedModel {
    static func restrict(_ query: QueryBuilder<TripRequest>, to scope: AccessScope) -> QueryBuilder<TripRequest> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}

/// One planning of a day's trips, numbered per provider and day; the latest is the one in force.
/// `plan` is the engine's `TripPlan` with the driver of each vehicle at the time, as JSON; it
/// names trips and vehicles by id only.
final class TripDayPlan: Model, @unchecked Sendable {
    static let schema = "home_care_trip_plans"

    @ID(key: .id) var id: UUID?
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "day") var day: String
    @Field(key: "number") var number: Int
    @Field(key: "plan") var plan: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension TripDayPlan: ScopedModel {
    static func restrict(_ query: QueryBuilder<TripDayPlan>, to scope: AccessScope) -> QueryBuilder<TripDayPlan> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}

/// A driver's check-in at one stop of a planned day, with the id the phone gave it so that a
/// form sent twice (or an outbox replayed) records once.
final class TripCheckIn: Model, @unchecked Sendable {
    static let schema = "home_care_trip_check_ins"

    @ID(key: .id) var id: UUID?
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "plan_id") var planID: UUID
    @Field(key: "trip_id") var tripID: UUID
    @Field(key: "back") var back: Bool
    /// `TripPlan.Stop.Kind` raw value.
    @Field(key: "kind") var kind: String
    @Field(key: "driver_id") var driverID: UUID
    @Field(key: "client_id") var clientID: String
    @Field(key: "at") var at: Date

    init() {}

    /// The stop it belongs to, as the manifest names it.
    var stopKey: String { TripCheckIn.stopKey(trip: tripID, back: back, kind: kind) }

    static func stopKey(trip: UUID, back: Bool, kind: String) -> String {
        "\(trip.uuidString)/\(back ? "back" : "out")/\(kind)"
    }
}

extension TripCheckIn: ScopedModel {
    static func restrict(_ query: QueryBuilder<TripCheckIn>, to scope: AccessScope) -> QueryBuilder<TripCheckIn> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}
