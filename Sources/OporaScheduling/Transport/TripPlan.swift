/// A day's trips as the drivers do them: each vehicle's pick-ups and drop-offs in order with
/// their times and who is on board, and the trips no vehicle could make, each with the reason.
public struct TripPlan: Codable, Sendable, Equatable {
    public var routes: [Route]
    public var unassigned: [Unassigned]

    public struct Route: Codable, Sendable, Equatable {
        public var vehicle: String
        /// Minutes from midnight the vehicle leaves its base and is back.
        public var leave: Int
        public var back: Int
        public var stops: [Stop]
    }

    public struct Stop: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            case pickUp, dropOff
        }
        public var kind: Kind
        public var trip: String
        /// The back trip (home after the appointment) rather than the way there.
        public var back: Bool
        public var place: String
        /// Minutes from midnight: when the vehicle gets there and when boarding starts and ends.
        public var arrival: Int
        public var start: Int
        public var end: Int
        /// Seats and wheelchair places taken once the stop is done.
        public var seatsTaken: Int
        public var wheelchairPlacesTaken: Int
    }

    public struct Unassigned: Codable, Sendable, Equatable {
        public var trip: String
        public var back: Bool
        public var reason: UnassignedReason
    }

    public init(routes: [Route], unassigned: [Unassigned]) {
        self.routes = routes
        self.unassigned = unassigned
    }

    /// Reads the engine's plan of `day.problem()` back in the day's terms. Times are rounded to
    /// the minute, the drivers' unit.
    init(_ plan: CarePlan, day: TripDay) {
        let trips = Dictionary(day.trips.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func split(_ leg: String) -> (trip: String, back: Bool) {
            if leg.hasSuffix("/back") { return (String(leg.dropLast(5)), true) }
            return (leg.hasSuffix("/out") ? String(leg.dropLast(4)) : leg, false)
        }
        func minute(_ t: Double) -> Int { Int(t.rounded()) }
        routes = plan.routes.filter { !$0.stops.isEmpty }.map { route in
            var seats = 0
            var wheelchairs = 0
            let stops = route.stops.compactMap { stop -> Stop? in
                guard let visit = stop.visit, stop.kind == .pickUp || stop.kind == .dropOff else { return nil }
                let (id, back) = split(visit)
                let load = trips[id]?.load ?? TripLoad(wheelchair: false, companions: 0)
                let sign = stop.kind == .pickUp ? 1 : -1
                seats += sign * load.seats
                wheelchairs += sign * load.wheelchairPlaces
                return Stop(
                    kind: stop.kind == .pickUp ? .pickUp : .dropOff,
                    trip: id,
                    back: back,
                    place: stop.place ?? "",
                    arrival: minute(stop.arrival),
                    start: minute(stop.start),
                    end: minute(stop.end),
                    seatsTaken: seats,
                    wheelchairPlacesTaken: wheelchairs
                )
            }
            return Route(vehicle: route.worker, leave: minute(route.leave), back: minute(route.back), stops: stops)
        }
        unassigned = plan.unassigned.map { u in
            let (id, back) = split(u.visit)
            return Unassigned(trip: id, back: back, reason: u.reason)
        }
    }
}
