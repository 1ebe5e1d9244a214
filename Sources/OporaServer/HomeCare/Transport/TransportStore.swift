import Fluent
import Foundation
import OporaCore
import OporaScheduling
import Vapor

/// The centre's vehicles, trip requests and planned days, always within the caller's scope.
enum TransportStore {
    /// Someone who may travel: a person with a plan in force at the centre, as Cases tells it.
    struct Passenger: Sendable {
        var caseID: UUID
        var personID: UUID
        var name: String
        var settlement: String
    }

    /// A day's plan as stored: the engine's plan and who drove each vehicle then.
    struct StoredPlan: Codable, Sendable {
        var plan: TripPlan
        /// Vehicle id → the driver's user id.
        var drivers: [String: UUID]
    }

    static func passengers(
        provider: UUID,
        _ scope: AccessScope,
        key: DataKey,
        on db: any Database
    ) async throws
        -> [Passenger]
    {
        try await PlansInForce.at(provider: provider, scope, key: key, on: db)
            .map {
                Passenger(
                    caseID: $0.caseID,
                    personID: $0.personID,
                    name: $0.personName,
                    settlement: $0.settlementEkatte
                )
            }
            .sorted { BulgarianCollation.sortKey($0.name) < BulgarianCollation.sortKey($1.name) }
    }

    static func vehicles(provider: UUID, _ scope: AccessScope, on db: any Database) async throws -> [TransportVehicle] {
        try await Scoped.query(TransportVehicle.self, scope, on: db).filter(\.$providerID == provider)
            .sort(\.$name).all()
    }

    /// The centre's staff who drive: a profile with the transport skill.
    static func drivers(provider: UUID, _ scope: AccessScope, on db: any Database) async throws -> [RosterEntry] {
        try await StaffStore.roster(provider: provider, scope, on: db).filter { $0.skills.contains(.transport) }
    }

    /// The stops checked in on these trips, by the manifest's stop key. A check-in belongs to the
    /// trip, not to the plan it was made under, so planning the day again keeps it.
    static func checkIns(
        ofTrips trips: some Collection<UUID>,
        _ scope: AccessScope,
        on db: any Database
    ) async throws
        -> [String: TripCheckIn]
    {
        guard !trips.isEmpty else { return [:] }
        let found = try await Scoped.query(TripCheckIn.self, scope, on: db).filter(\.$tripID ~~ Array(trips)).all()
        return Dictionary(found.map { ($0.stopKey, $0) }, uniquingKeysWith: { a, b in a.at <= b.at ? a : b })
    }

    static func trips(
        provider: UUID,
        day: CalendarDay,
        _ scope: AccessScope,
        on db: any Database
    ) async throws
        -> [TripRequest]
    {
        try await Scoped.query(TripRequest.self, scope, on: db).filter(\.$providerID == provider)
            .filter(\.$day == day.iso).sort(\.$arriveBy).sort(\.$createdAt).all()
    }

    static func latestPlan(
        provider: UUID,
        day: CalendarDay,
        _ scope: AccessScope,
        on db: any Database
    ) async throws
        -> (record: TripDayPlan, stored: StoredPlan)?
    {
        guard
            let record = try await Scoped.query(TripDayPlan.self, scope, on: db).filter(\.$providerID == provider)
                .filter(\.$day == day.iso).sort(\.$number, .descending).first()
        else { return nil }
        return (record, try JSONDecoder().decode(StoredPlan.self, from: Data(record.plan.utf8)))
    }

    /// Where a provider lies, for the records it holds.
    static func place(of provider: UUID, _ req: Request) async throws -> ScopePlace {
        guard let place = try await req.application.scopeDirectory.place(of: .provider, provider.uuidString, on: req.db)
        else { throw Abort(.notFound) }
        return place
    }

    /// Adds a vehicle, or changes it if `version` is still the stored one (409 otherwise).
    @discardableResult
    static func saveVehicle(
        _ draft: VehicleDraft,
        existing: TransportVehicle?,
        version: Int?,
        provider: UUID,
        request req: Request
    ) async throws -> UUID {
        @Sendable func changes(_ old: TransportVehicle?) -> [FieldChange] {
            [
                FieldChange(field: "name", old: old?.name, new: draft.name),
                FieldChange(field: "plate", old: old?.plate, new: draft.plate),
                FieldChange(field: "seats", old: old.map { String($0.seats) }, new: String(draft.seats)),
                FieldChange(
                    field: "wheelchairPlaces",
                    old: old.map { String($0.wheelchairPlaces) },
                    new: String(draft.wheelchairPlaces)
                ),
                FieldChange(field: "baseSettlement", old: old?.baseSettlement, new: draft.baseSettlement),
                FieldChange(field: "driver", old: old?.driverID?.uuidString, new: draft.driverID?.uuidString),
            ].filter { $0.old != $0.new }
        }
        if let existing {
            _ = try await req.updateVersioned(
                TransportVehicle.self,
                id: existing.id!,
                expected: version,
                recordType: "vehicle"
            ) { vehicle, _ in
                let changed = changes(vehicle)
                vehicle.name = draft.name
                vehicle.plate = draft.plate
                vehicle.seats = draft.seats
                vehicle.wheelchairPlaces = draft.wheelchairPlaces
                vehicle.baseSettlement = draft.baseSettlement
                vehicle.driverID = draft.driverID
                return changed.isEmpty ? nil : AuditedChange(action: "vehicle.updated", changes: changed)
            }
            return existing.id!
        }
        let place = try await place(of: provider, req)
        let actor = req.auditActor
        let now = req.application.clock.now()
        return try await req.write { db in
            let vehicle = TransportVehicle()
            vehicle.version = 1
            vehicle.providerID = provider
            vehicle.municipalityCode = place.municipality ?? ""
            vehicle.oblastCode = place.oblast
            vehicle.name = draft.name
            vehicle.plate = draft.plate
            vehicle.seats = draft.seats
            vehicle.wheelchairPlaces = draft.wheelchairPlaces
            vehicle.baseSettlement = draft.baseSettlement
            vehicle.driverID = draft.driverID
            vehicle.createdAt = now
            try await vehicle.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "vehicle.created",
                recordType: "vehicle",
                recordID: vehicle.id!.uuidString,
                changes: changes(nil),
                at: now
            )
            return vehicle.id!
        }
    }

    @discardableResult
    static func addTrip(_ draft: TripDraft, provider: UUID, request req: Request) async throws -> TripRequest {
        let place = try await place(of: provider, req)
        let actor = req.auditActor
        let now = req.application.clock.now()
        let key = req.application.dataKey
        return try await req.write { db in
            let trip = TripRequest()
            trip.version = 1
            trip.providerID = provider
            trip.municipalityCode = place.municipality ?? ""
            trip.oblastCode = place.oblast
            trip.caseID = draft.passenger.caseID
            trip.personID = draft.passenger.personID
            trip.day = draft.day.iso
            trip.fromSettlement = draft.fromSettlement
            trip.fromAddressSealed = try key.seal(draft.fromAddress)
            trip.toSettlement = draft.toSettlement
            trip.toAddressSealed = try key.seal(draft.toAddress)
            trip.arriveBy = draft.arriveBy
            trip.returnAt = draft.returnAt
            trip.wheelchair = draft.load.wheelchair
            trip.companions = draft.load.companions
            trip.state = TripRequest.State.requested.rawValue
            trip.createdBy = actor.name
            trip.createdAt = now
            try await trip.create(on: db)
            // The addresses stay out of the audit values: they are sealed on the record.
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "trip.requested",
                recordType: "trip",
                recordID: trip.id!.uuidString,
                changes: [
                    FieldChange(field: "day", old: nil, new: draft.day.iso),
                    FieldChange(field: "arriveBy", old: nil, new: TimeWindow.clock(draft.arriveBy)),
                    FieldChange(field: "returnAt", old: nil, new: draft.returnAt.map(TimeWindow.clock)),
                    FieldChange(field: "wheelchair", old: nil, new: String(draft.load.wheelchair)),
                    FieldChange(field: "companions", old: nil, new: String(draft.load.companions)),
                ].filter { $0.new != nil },
                at: now
            )
            return trip
        }
    }

    static func cancelTrip(_ trip: TripRequest, version: Int?, request req: Request) async throws {
        _ = try await req.updateVersioned(TripRequest.self, id: trip.id!, expected: version, recordType: "trip") {
            record,
            _ in
            guard !record.isCancelled else { return nil }
            record.state = TripRequest.State.cancelled.rawValue
            return AuditedChange(
                action: "trip.cancelled",
                changes: [FieldChange(field: "state", old: TripRequest.State.requested.rawValue, new: record.state)]
            )
        }
    }
}
