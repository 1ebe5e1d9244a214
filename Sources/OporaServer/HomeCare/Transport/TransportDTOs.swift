import Foundation
import OporaCore
import OporaScheduling
import Vapor

struct VehicleDTO: Content, Sendable {
    var id: UUID
    var version: Int
    var name: String
    var plate: String
    var seats: Int
    var wheelchairPlaces: Int
    var baseSettlement: String
    var driverId: UUID?

    init(_ vehicle: TransportVehicle) {
        id = vehicle.id!
        version = vehicle.version
        name = vehicle.name
        plate = vehicle.plate
        seats = vehicle.seats
        wheelchairPlaces = vehicle.wheelchairPlaces
        baseSettlement = vehicle.baseSettlement
        driverId = vehicle.driverID
    }
}

/// A vehicle as the API takes it; checked by the same rules as the page's form.
struct VehicleBody: Content, Sendable {
    var version: Int?
    var name: String
    var plate: String
    var seats: Int
    var wheelchairPlaces: Int
    var baseSettlement: String
    var driverId: String?

    var input: VehicleInput {
        VehicleInput(
            version: version,
            name: name,
            plate: plate,
            seats: String(seats),
            wheelchairPlaces: String(wheelchairPlaces),
            baseSettlement: baseSettlement,
            driverId: driverId
        )
    }
}

struct TripDTO: Content, Sendable {
    var id: UUID
    var version: Int
    var caseId: UUID
    var passenger: String?
    var day: String
    var fromSettlement: String
    var fromAddress: String
    var toSettlement: String
    var toAddress: String
    var arriveBy: String
    var returnAt: String?
    var wheelchair: Bool
    var companions: Int
    var state: String

    init(_ trip: TripRequest, name: String?, key: DataKey) throws {
        id = trip.id!
        version = trip.version
        caseId = trip.caseID
        passenger = name
        day = trip.day
        fromSettlement = trip.fromSettlement
        fromAddress = try key.open(trip.fromAddressSealed)
        toSettlement = trip.toSettlement
        toAddress = try key.open(trip.toAddressSealed)
        arriveBy = TimeWindow.clock(trip.arriveBy)
        returnAt = trip.returnAt.map(TimeWindow.clock)
        wheelchair = trip.wheelchair
        companions = trip.companions
        state = trip.state
    }
}

/// A trip request as the API takes it: times as "08:30", the same checks as the page's form.
struct TripBody: Content, Sendable {
    var caseId: String
    var day: String?
    var fromSettlement: String
    var fromAddress: String
    var toSettlement: String
    var toAddress: String
    var arriveBy: String
    var returnAt: String?
    var wheelchair: Bool?
    var companions: Int?

    var input: TripInput {
        TripInput(
            caseId: caseId,
            day: day,
            fromSettlement: fromSettlement,
            fromAddress: fromAddress,
            toSettlement: toSettlement,
            toAddress: toAddress,
            arriveBy: arriveBy,
            returnAt: returnAt,
            wheelchair: (wheelchair ?? false) ? "true" : "",
            companions: companions.map { String($0) } ?? "0"
        )
    }
}

struct TripStopDTO: Content, Sendable {
    var kind: String
    var tripId: String
    var back: Bool
    var arrival: String
    var start: String
    var end: String
    var seatsTaken: Int
    var wheelchairPlacesTaken: Int
}

struct TripRouteDTO: Content, Sendable {
    var vehicleId: String
    var driverId: UUID?
    var leave: String
    var back: String
    var stops: [TripStopDTO]
}

struct UnassignedTripDTO: Content, Sendable {
    var tripId: String
    var back: Bool
    var reason: String
    var messageBG: String
    var messageEN: String
}

struct TripPlanDTO: Content, Sendable {
    var number: Int
    var routes: [TripRouteDTO]
    var unassigned: [UnassignedTripDTO]

    init(number: Int, stored: TransportStore.StoredPlan) {
        self.number = number
        routes = stored.plan.routes.map { route in
            TripRouteDTO(
                vehicleId: route.vehicle,
                driverId: stored.drivers[route.vehicle],
                leave: TimeWindow.clock(route.leave),
                back: TimeWindow.clock(route.back),
                stops: route.stops.map {
                    TripStopDTO(
                        kind: $0.kind.rawValue,
                        tripId: $0.trip,
                        back: $0.back,
                        arrival: TimeWindow.clock($0.arrival),
                        start: TimeWindow.clock($0.start),
                        end: TimeWindow.clock($0.end),
                        seatsTaken: $0.seatsTaken,
                        wheelchairPlacesTaken: $0.wheelchairPlacesTaken
                    )
                }
            )
        }
        unassigned = stored.plan.unassigned.map {
            UnassignedTripDTO(
                tripId: $0.trip,
                back: $0.back,
                reason: $0.reason.rawValue,
                messageBG: $0.reason.messageBG,
                messageEN: $0.reason.messageEN
            )
        }
    }
}

struct TripDayDTO: Content, Sendable {
    var day: String
    var trips: [TripDTO]
    var plan: TripPlanDTO?
}

struct ManifestStopDTO: Content, Sendable {
    var kind: String
    var tripId: UUID
    var back: Bool
    var start: String
    var end: String
    var passenger: String
    var address: String
    var settlement: String
    var ramp: Bool
    var companions: Int
    var checkedInAt: Date?
}

struct ManifestDTO: Content, Sendable {
    struct Run: Content, Sendable {
        var vehicleId: UUID?
        var vehicle: String?
        var leave: String
        var back: String
        var stops: [ManifestStopDTO]
    }

    var day: String
    var planId: UUID?
    var runs: [Run]

    init(day: String, _ manifest: Manifest) {
        self.day = day
        planId = manifest.planID
        runs = manifest.runs.map { run in
            Run(
                vehicleId: run.vehicle?.id,
                vehicle: run.vehicle.map { "\($0.name) · \($0.plate)" },
                leave: TimeWindow.clock(run.leave),
                back: TimeWindow.clock(run.back),
                stops: run.stops.map {
                    ManifestStopDTO(
                        kind: $0.kind.rawValue,
                        tripId: $0.tripID,
                        back: $0.back,
                        start: TimeWindow.clock($0.start),
                        end: TimeWindow.clock($0.end),
                        passenger: $0.passenger,
                        address: $0.address,
                        settlement: $0.settlement,
                        ramp: $0.wheelchair,
                        companions: $0.companions,
                        checkedInAt: $0.checkedIn
                    )
                }
            )
        }
    }
}

struct CheckInBody: Content, Sendable {
    var planId: String
    var tripId: String
    var back: Bool?
    var kind: String
    var clientId: String
    var at: String?

    var input: CheckInInput {
        CheckInInput(
            planId: planId,
            tripId: tripId,
            back: (back ?? false) ? "true" : "false",
            kind: kind,
            clientId: clientId,
            at: at
        )
    }
}

struct CheckInDTO: Content, Sendable {
    var id: UUID
    var tripId: UUID
    var back: Bool
    var kind: String
    var clientId: String
    var at: Date
    /// False when this id, or this stop from another phone, was already checked in: nothing new was recorded.
    var recorded: Bool

    init(_ record: TripCheckIn, recorded: Bool) {
        id = record.id!
        tripId = record.tripID
        back = record.back
        kind = record.kind
        clientId = record.clientID
        at = record.at
        self.recorded = recorded
    }
}
