import Fluent
import Foundation
import OporaCore
import OporaScheduling
import Vapor

/// Plans a day's trips with the engine, synchronously: a centre's day is a few vehicles and a
/// few dozen trips, which the search settles in a second or two.
enum TransportPlanning {
    /// The search's budget for one day.
    static let options = SearchOptions(timeLimit: .seconds(5), iterationLimit: 3000, seed: 1)

    /// The engine's day: the requests not cancelled, the vehicles whose driver works that day
    /// (from the driver's working pattern and absences), places at the settlements' coordinates;
    /// `startedIn` names the vehicle of each trip already under way.
    static func day(
        provider: UUID,
        day: CalendarDay,
        trips: [TripRequest],
        vehicles: [TransportVehicle],
        drivers: [RosterEntry],
        startedIn: [UUID: String] = [:],
        key: DataKey,
        on db: any Database
    ) async throws -> (day: TripDay, drivers: [String: UUID]) {
        let working = trips.filter { !$0.isCancelled }
        let byDriver = Dictionary(drivers.map { ($0.userID, $0) }, uniquingKeysWith: { a, _ in a })
        var fleet: [TripDay.Vehicle] = []
        var driverOf: [String: UUID] = [:]
        var keys: [String: String] = [:]
        var placeSettlement: [(id: String, settlement: String)] = []
        /// One place per settlement and address as typed (case and spacing aside), so that two
        /// people going to the same hospital are dropped at one stop.
        func place(_ settlement: String, _ address: String) -> String {
            let normalised = address.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let key = settlement + "|" + normalised
            if let id = keys[key] { return id }
            let id = "p\(keys.count)"
            keys[key] = id
            placeSettlement.append((id, settlement))
            return id
        }
        for vehicle in vehicles {
            guard let driverID = vehicle.driverID, let driver = byDriver[driverID] else { continue }
            let shifts = driver.pattern.shifts(on: day)
            guard let start = shifts.map(\.startMinute).min(), let end = shifts.map(\.endMinute).max() else { continue }
            fleet.append(
                TripDay.Vehicle(
                    id: vehicle.id!.uuidString,
                    seats: vehicle.seats,
                    wheelchairPlaces: vehicle.wheelchairPlaces,
                    base: place(vehicle.baseSettlement, ""),
                    start: start,
                    end: end
                )
            )
            driverOf[vehicle.id!.uuidString] = driverID
        }
        var legs: [TripDay.Trip] = []
        for trip in working {
            legs.append(
                TripDay.Trip(
                    id: trip.id!.uuidString,
                    person: trip.personID.uuidString,
                    from: place(trip.fromSettlement, try key.open(trip.fromAddressSealed)),
                    to: place(trip.toSettlement, try key.open(trip.toAddressSealed)),
                    arriveBy: trip.arriveBy,
                    returnAt: trip.returnAt,
                    load: TripLoad(wheelchair: trip.wheelchair, companions: trip.companions),
                    // Unless the coordinator took that vehicle off the day: then it goes where it fits.
                    vehicle: startedIn[trip.id!].flatMap { driverOf[$0] == nil ? nil : $0 }
                )
            )
        }
        let settlements = try await TerritoryQueries.settlements(
            codes: Array(Set(placeSettlement.map(\.settlement))),
            on: db
        )
        let coordinates = Dictionary(settlements.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let places = placeSettlement.map { entry in
            let settlement = coordinates[entry.settlement]
            return CareProblem.Place(
                id: entry.id,
                latitude: settlement?.latitude ?? 0,
                longitude: settlement?.longitude ?? 0,
                kind: settlement.map(WeekDemandBuilder.placeKind) ?? "village"
            )
        }
        return (TripDay(places: places, vehicles: fleet, trips: legs), driverOf)
    }

    /// Plans the day and stores the plan as the day's next number.
    static func plan(
        provider: UUID,
        day: CalendarDay,
        _ scope: AccessScope,
        request req: Request
    ) async throws
        -> TripDayPlan
    {
        let db = req.db
        let trips = try await TransportStore.trips(provider: provider, day: day, scope, on: db)
        let vehicles = try await TransportStore.vehicles(provider: provider, scope, on: db)
        let drivers = try await TransportStore.drivers(provider: provider, scope, on: db)
        let (tripDay, driverOf) = try await Self.day(
            provider: provider,
            day: day,
            trips: trips,
            vehicles: vehicles,
            drivers: drivers,
            startedIn: try await underWay(trips, provider: provider, day: day, scope, on: db),
            key: req.application.dataKey,
            on: db
        )
        let plan: TripPlan
        do {
            plan = try await Task.detached { try tripDay.plan(options: Self.options) }.value
        } catch let invalid as CareSolver.InvalidProblem {
            throw Abort(.unprocessableEntity, reason: invalid.description)
        }
        let stored = String(
            decoding: try JSONEncoder().encode(TransportStore.StoredPlan(plan: plan, drivers: driverOf)),
            as: UTF8.self
        )
        let place = try await TransportStore.place(of: provider, req)
        do {
            return try await store(
                stored,
                provider: provider,
                day: day,
                place: place,
                unassigned: plan.unassigned.count,
                req
            )
        } catch {
            // Two coordinators planning the same day at once: the day's numbers are unique, so
            // the second is told someone else planned first.
            if (error as? any DatabaseError)?.isConstraintFailure == true {
                throw EditConflict(recordType: "trip_plan")
            }
            throw error
        }
    }

    /// Each trip with a stop checked in, and the vehicle it is in by the plan in force.
    private static func underWay(
        _ trips: [TripRequest],
        provider: UUID,
        day: CalendarDay,
        _ scope: AccessScope,
        on db: any Database
    ) async throws -> [UUID: String] {
        let checked = Set(
            try await TransportStore.checkIns(ofTrips: trips.compactMap(\.id), scope, on: db).values.map(\.tripID)
        )
        guard !checked.isEmpty,
            let (_, stored) = try await TransportStore.latestPlan(provider: provider, day: day, scope, on: db)
        else { return [:] }
        var vehicles: [UUID: String] = [:]
        for route in stored.plan.routes {
            for stop in route.stops {
                if let trip = UUID(uuidString: stop.trip), checked.contains(trip) { vehicles[trip] = route.vehicle }
            }
        }
        return vehicles
    }

    private static func store(
        _ stored: String,
        provider: UUID,
        day: CalendarDay,
        place: ScopePlace,
        unassigned: Int,
        _ req: Request
    ) async throws -> TripDayPlan {
        let actor = req.auditActor
        let now = req.application.clock.now()
        return try await req.write { db in
            let last = try await Scoped.unscoped(TripDayPlan.self, on: db, .reread).filter(\.$providerID == provider)
                .filter(\.$day == day.iso).sort(\.$number, .descending).first()
            let record = TripDayPlan()
            record.providerID = provider
            record.municipalityCode = place.municipality ?? ""
            record.oblastCode = place.oblast
            record.day = day.iso
            record.number = (last?.number ?? 0) + 1
            record.plan = stored
            record.createdBy = actor.name
            record.createdAt = now
            try await record.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "trips.planned",
                recordType: "trip_plan",
                recordID: record.id!.uuidString,
                changes: [
                    FieldChange(field: "day", old: nil, new: day.iso),
                    FieldChange(field: "number", old: nil, new: String(record.number)),
                    FieldChange(field: "unassigned", old: nil, new: String(unassigned)),
                ],
                at: now
            )
            return record
        }
    }
}
