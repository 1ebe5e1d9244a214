import Fluent
import Foundation
import OporaCore
import OporaScheduling
import Vapor

/// A driver's day: the stops of the vehicles they drive in the day's plan in force, with who
/// gets on or off, where, and what is already checked in.
struct Manifest: Sendable {
    struct Stop: Sendable {
        var kind: TripPlan.Stop.Kind
        var back: Bool
        var tripID: UUID
        var start: Int
        var end: Int
        var passenger: String
        var address: String
        var settlement: String
        var wheelchair: Bool
        var companions: Int
        var checkedIn: Date?
    }

    struct Run: Sendable {
        var vehicle: TransportVehicle?
        var leave: Int
        var back: Int
        var stops: [Stop]
    }

    var planID: UUID?
    var runs: [Run]
}

/// What the phone sent to check in at a stop.
struct CheckInInput: Content, Sendable {
    var planId: String?
    var tripId: String?
    var back: String?
    var kind: String?
    /// Generated where the form was drawn (or by the phone's script): the same id twice records once.
    var clientId: String?
    /// When the stop was made, by the phone's clock (ISO 8601), for a check-in sent later from an
    /// outbox; the server's time when left out.
    var at: String?
}

enum ManifestStore {
    static func manifest(
        driver: UUID,
        provider: UUID,
        day: CalendarDay,
        _ scope: AccessScope,
        request req: Request
    )
        async throws -> Manifest
    {
        let db = req.db
        guard let (record, stored) = try await TransportStore.latestPlan(provider: provider, day: day, scope, on: db)
        else { return Manifest(planID: nil, runs: []) }
        let mine = stored.plan.routes.filter { stored.drivers[$0.vehicle] == driver }
        let tripIDs = Set(mine.flatMap(\.stops).compactMap { UUID(uuidString: $0.trip) })
        let trips = try await Scoped.query(TripRequest.self, scope, on: db).filter(\.$id ~~ Array(tripIDs)).all()
        let byID = Dictionary(trips.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let names = try await PlansInForce.personNames(Set(trips.map(\.personID)), scope, on: db)
        let settlements = try await TerritoryNames.shared.settlementNames(
            trips.flatMap { [$0.fromSettlement, $0.toSettlement] },
            on: db
        )
        let vehicleIDs = mine.compactMap { UUID(uuidString: $0.vehicle) }
        let vehicles = try await Scoped.query(TransportVehicle.self, scope, on: db).filter(\.$id ~~ vehicleIDs).all()
        let checked = try await TransportStore.checkIns(ofTrips: tripIDs, scope, on: db).mapValues(\.at)
        let key = req.application.dataKey
        let runs = try mine.map { route in
            Manifest.Run(
                vehicle: vehicles.first { $0.id?.uuidString == route.vehicle },
                leave: route.leave,
                back: route.back,
                stops: try route.stops.compactMap { stop -> Manifest.Stop? in
                    // A trip cancelled since the planning is not driven to; the coordinator plans the day again.
                    guard let id = UUID(uuidString: stop.trip), let trip = byID[id], !trip.isCancelled else {
                        return nil
                    }
                    // Picked up where the leg starts: home on the way there, the destination on the way back.
                    let atHome = (stop.kind == .pickUp) != stop.back
                    return Manifest.Stop(
                        kind: stop.kind,
                        back: stop.back,
                        tripID: id,
                        start: stop.start,
                        end: stop.end,
                        passenger: names[trip.personID] ?? "—",
                        address: try key.open(atHome ? trip.fromAddressSealed : trip.toAddressSealed),
                        settlement: settlements[atHome ? trip.fromSettlement : trip.toSettlement] ?? "",
                        wheelchair: trip.wheelchair,
                        companions: trip.companions,
                        checkedIn: checked[TripCheckIn.stopKey(trip: id, back: stop.back, kind: stop.kind.rawValue)]
                    )
                }
            )
        }
        return Manifest(planID: record.id, runs: runs)
    }

    /// How a check-in went: recorded now, or recorded before (by this form or another phone).
    enum Outcome: Sendable {
        case recorded(TripCheckIn)
        case already(TripCheckIn)
    }

    /// Records the check-in once. The stop must be on one of the driver's own routes in the plan
    /// (404 otherwise, as for any record outside one's reach); the same client id, or the same
    /// stop from another phone, answers with the first check-in and records nothing.
    static func checkIn(
        _ input: CheckInInput,
        driver: UUID,
        _ scope: AccessScope,
        request req: Request
    ) async throws
        -> Outcome
    {
        var checks = req.fieldChecks()
        let planID = UUID(uuidString: input.planId ?? "")
        if planID == nil { checks.add("planId", key: .errorChooseFromList) }
        let tripID = UUID(uuidString: input.tripId ?? "")
        if tripID == nil { checks.add("tripId", key: .errorChooseFromList) }
        let kind = TripPlan.Stop.Kind(rawValue: input.kind ?? "")
        if kind == nil { checks.add("kind", key: .errorChooseFromList) }
        let back = ["true", "1", "on"].contains(input.back ?? "")
        let clientID = checks.text("clientId", input.clientId, maximum: 64)
        let now = req.application.clock.now()
        var at = now
        if let raw = input.at, !raw.isEmpty {
            if let parsed = VisitSubmission.instant(raw) {
                if parsed > now.addingTimeInterval(VisitRecord.clockTolerance) {
                    checks.add("at", VisitRecordProblem.inTheFuture)
                } else if parsed < now.addingTimeInterval(-VisitRecord.replayWindow) {
                    checks.add("at", VisitRecordProblem.tooOld)
                } else {
                    at = parsed
                }
            } else {
                checks.add("at", key: .visitTimeInvalid)
            }
        }
        try checks.finish()
        let named = try await Scoped.find(TripDayPlan.self, planID!, scope, on: req.db)
        func onMyRoute(_ stored: TransportStore.StoredPlan) -> Bool {
            stored.plan.routes.contains { route in
                stored.drivers[route.vehicle] == driver
                    && route.stops.contains { $0.trip == tripID!.uuidString && $0.back == back && $0.kind == kind! }
            }
        }
        guard onMyRoute(try JSONDecoder().decode(TransportStore.StoredPlan.self, from: Data(named.plan.utf8))) else {
            throw Abort(.notFound)
        }
        // The phone may hold an older plan of the day (an outbox sent late): the stop is checked
        // against the plan in force, on the day it belongs to.
        guard let day = CalendarDay(iso: named.day),
            let (plan, inForce) = try await TransportStore.latestPlan(
                provider: named.providerID,
                day: day,
                scope,
                on: req.db
            )
        else { throw Abort(.notFound) }
        if CalendarDay.today(at: at) != day { checks.add("at", key: .transportStopOtherDay) }
        if !onMyRoute(inForce) { checks.add("tripId", key: .transportStopMoved) }
        try checks.finish()
        let actor = req.auditActor
        let madeAt = at
        let stopKey = TripCheckIn.stopKey(trip: tripID!, back: back, kind: kind!.rawValue)
        @Sendable func earlier(_ db: any Database) async throws -> TripCheckIn? {
            let sameClient = try await Scoped.query(TripCheckIn.self, scope, on: db).filter(\.$clientID == clientID)
                .first()
            if let sameClient { return sameClient }
            return try await TransportStore.checkIns(ofTrips: [tripID!], scope, on: db)[stopKey]
        }
        do {
            return try await req.write { db in
                if let found = try await earlier(db) { return .already(found) }
                let record = TripCheckIn()
                record.providerID = plan.providerID
                record.municipalityCode = plan.municipalityCode
                record.oblastCode = plan.oblastCode
                record.planID = plan.id!
                record.tripID = tripID!
                record.back = back
                record.kind = kind!.rawValue
                record.driverID = driver
                record.clientID = clientID
                record.at = madeAt
                try await record.create(on: db)
                try await AuditTrail.append(
                    on: db,
                    actor: actor,
                    action: "trip.checked_in",
                    recordType: "trip",
                    recordID: tripID!.uuidString,
                    changes: [FieldChange(field: back ? "back.\(kind!.rawValue)" : kind!.rawValue, old: nil, new: "✓")],
                    at: now
                )
                return .recorded(record)
            }
        } catch {
            // Two phones at the same instant: the unique keys kept one; answer with it.
            guard (error as? any DatabaseError)?.isConstraintFailure == true, let found = try await earlier(req.db)
            else { throw error }
            return .already(found)
        }
    }
}
