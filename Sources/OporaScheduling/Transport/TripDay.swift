/// A day of specialised transport (специализиран транспорт): the trips people asked for and the
/// vehicles with their drivers, as the engine's pick-up-and-delivery problem.
///
/// The mapping is onto `CareProblem`, whose transports (a visit with a load and a drop-off) are
/// already pick-up/drop-off pairs on one vehicle with loads against its capacity, so the rule
/// that a vehicle carries no more than it holds lives once, in the engine. Here live only what
/// transport adds: what a passenger takes up, the windows an arrive-by time gives, back trips as
/// their own pair, and the boarding minutes of the ramp. Times are minutes from midnight.
public struct TripDay: Sendable {
    /// The places trips start and end at; several addresses may share a settlement's coordinates.
    public var places: [CareProblem.Place]
    public var vehicles: [Vehicle]
    public var trips: [Trip]
    public var travel: TravelSettings?

    public init(places: [CareProblem.Place], vehicles: [Vehicle], trips: [Trip], travel: TravelSettings? = nil) {
        self.places = places
        self.vehicles = vehicles
        self.trips = trips
        self.travel = travel
    }

    /// A vehicle for the day with its driver's hours: it leaves from and returns to `base`.
    public struct Vehicle: Sendable {
        public var id: String
        /// Passenger seats, the driver's not counted.
        public var seats: Int
        /// Places for a person who travels in their wheelchair (with a ramp or lift).
        public var wheelchairPlaces: Int
        public var base: String
        public var start: Int
        public var end: Int

        public init(id: String, seats: Int, wheelchairPlaces: Int, base: String, start: Int, end: Int) {
            self.id = id
            self.seats = seats
            self.wheelchairPlaces = wheelchairPlaces
            self.base = base
            self.start = start
            self.end = end
        }
    }

    /// One request: a person taken from `from` to arrive at `to` by `arriveBy`, and, if
    /// `returnAt` is set, taken back home from `to` once they are ready at that time.
    public struct Trip: Sendable {
        public var id: String
        public var person: String
        public var from: String
        public var to: String
        public var arriveBy: Int
        public var returnAt: Int?
        public var load: TripLoad
        /// A trip under way when the day is planned again (a stop already checked in) stays with
        /// the vehicle that started it: a passenger is not moved between vehicles.
        public var vehicle: String?

        public init(
            id: String,
            person: String,
            from: String,
            to: String,
            arriveBy: Int,
            returnAt: Int?,
            load: TripLoad,
            vehicle: String? = nil
        ) {
            self.id = id
            self.person = person
            self.from = from
            self.to = to
            self.arriveBy = arriveBy
            self.returnAt = returnAt
            self.load = load
            self.vehicle = vehicle
        }
    }

    /// Within one settlement there are no street coordinates: a leg between two of its
    /// addresses counts this many minutes (a few streets, parking, finding the door).
    public static let localLegMinutes = 10.0
    /// A passenger arrives at most this long before the time they asked for.
    public static let earliestArrivalMinutes = 30
    /// Beyond the direct drive, the longest a passenger may spend on board for others' stops:
    /// with the windows it bounds the ride, so nobody tours the municipality for an appointment.
    public static let detourMinutes = 30
    /// How long after `returnAt` the vehicle may come for the back trip.
    public static let returnWaitMinutes = 45

    /// The id of the outbound leg and of the back trip in the engine's problem and its plan.
    public static func legID(_ trip: String, back: Bool) -> String { trip + (back ? "/back" : "/out") }

    /// Travel minutes between two places, as the problem's matrix has them.
    func minutes(_ a: CareProblem.Place, _ b: CareProblem.Place) -> Double {
        if a.id == b.id { return 0 }
        let t = (travel ?? TravelSettings()).minutes(from: a, to: b)
        return t > 0 ? t : Self.localLegMinutes
    }

    /// The engine's problem: every vehicle a worker with one shift and the vehicle's capacity,
    /// every leg of a trip a visit with its load on board until its drop-off.
    public func problem() -> CareProblem {
        let index = Dictionary(places.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let matrix = places.map { a in places.map { b in minutes(a, b) } }
        func direct(_ a: String, _ b: String) -> Double {
            guard let i = index[a], let j = index[b] else { return 0 }
            return matrix[i][j]
        }
        let workers = vehicles.map { v in
            CareProblem.Worker(
                id: v.id,
                skills: ["transport"],
                shifts: [
                    CareProblem.Shift(
                        day: 0,
                        start: Double(v.start),
                        end: Double(v.end),
                        startPlace: v.base,
                        endPlace: v.base
                    )
                ],
                capacity: [Double(v.seats), Double(v.wheelchairPlaces)]
            )
        }
        var visits: [CareProblem.Visit] = []
        for trip in trips {
            let board = Double(trip.load.boardingMinutes)
            let ride = direct(trip.from, trip.to)
            let arrive = Double(trip.arriveBy)
            let early = Double(Self.earliestArrivalMinutes)
            let detour = Double(Self.detourMinutes)
            // Outbound: the drop-off ends by the time asked for and starts no earlier than
            // `early` before it; the pick-up leaves room for the drive and at most `detour` more.
            let dropFrom = arrive - early
            let dropUntil = arrive - board
            let pickFrom = dropFrom - ride - detour - board
            let pickUntil = dropUntil - ride - board
            visits.append(
                leg(
                    trip,
                    back: false,
                    from: trip.from,
                    to: trip.to,
                    pick: [pickFrom, pickUntil],
                    drop: [dropFrom, dropUntil]
                )
            )
            if let ready = trip.returnAt.map(Double.init) {
                let wait = Double(Self.returnWaitMinutes)
                visits.append(
                    leg(
                        trip,
                        back: true,
                        from: trip.to,
                        to: trip.from,
                        pick: [ready, ready + wait],
                        drop: [ready + board + ride, ready + wait + board + ride + detour]
                    )
                )
            }
        }
        return CareProblem(
            skills: ["transport"],
            places: places,
            travelMatrix: matrix,
            workers: workers,
            visits: visits,
            // Workload balance and continuity are for care workers; a trip has no main driver.
            weights: CareProblem.Weights(distinctWorker: 0, workloadBalance: 0)
        )
    }

    private func leg(
        _ trip: Trip,
        back: Bool,
        from: String,
        to: String,
        pick: [Double],
        drop: [Double]
    ) -> CareProblem.Visit {
        let board = Double(trip.load.boardingMinutes)
        return CareProblem.Visit(
            id: Self.legID(trip.id, back: back),
            person: trip.person,
            place: from,
            day: 0,
            duration: board,
            windows: [[max(0, pick[0]), max(max(0, pick[0]), pick[1])]],
            skill: "transport",
            requiredWorker: trip.vehicle,
            load: [Double(trip.load.seats), Double(trip.load.wheelchairPlaces)],
            dropOff: CareProblem.DropOff(
                place: to,
                duration: board,
                windows: [[max(0, drop[0]), max(max(0, drop[0]), drop[1])]]
            )
        )
    }

    /// Plans the day: the engine's plan read back as each vehicle's ordered stops.
    public func plan(options: SearchOptions) throws(CareSolver.InvalidProblem) -> TripPlan {
        let problem = problem()
        return TripPlan(try CareSolver.solve(problem, options: options), day: self)
    }
}

/// What one passenger takes up in a vehicle: someone in a wheelchair travels in a wheelchair
/// place, anyone else in a seat, and each companion in a seat.
public struct TripLoad: Sendable, Equatable {
    public var wheelchair: Bool
    public var companions: Int

    /// The most companions a request may bring: one person's carers, not a group outing.
    public static let companionRange = 0...3

    public init(wheelchair: Bool, companions: Int) {
        self.wheelchair = wheelchair
        self.companions = companions
    }

    public var seats: Int { (wheelchair ? 0 : 1) + companions }
    public var wheelchairPlaces: Int { wheelchair ? 1 : 0 }
    /// Minutes at a stop to get on or off: the ramp and the straps take longer.
    public var boardingMinutes: Int { wheelchair ? 10 : 5 }

    /// Why no vehicle of the fleet could ever take this load, or nil when one can.
    public func misfit(in fleet: [(seats: Int, wheelchairPlaces: Int)]) -> Misfit? {
        if fleet.contains(where: { $0.seats >= seats && $0.wheelchairPlaces >= wheelchairPlaces }) { return nil }
        let places = fleet.map(\.wheelchairPlaces).max() ?? 0
        if wheelchairPlaces > places { return .wheelchairPlaces(needed: wheelchairPlaces, largest: places) }
        let fitting = fleet.filter { $0.wheelchairPlaces >= wheelchairPlaces }.map(\.seats).max() ?? 0
        return .seats(needed: seats, largest: fitting)
    }

    public enum Misfit: Sendable, Equatable {
        case wheelchairPlaces(needed: Int, largest: Int)
        case seats(needed: Int, largest: Int)
    }
}
