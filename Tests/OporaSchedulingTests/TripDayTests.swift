import Testing

@testable import OporaScheduling

@Suite("Specialised transport on the pick-up-and-delivery engine")
struct TripDayTests {
    static let options = SearchOptions(timeLimit: .seconds(30), iterationLimit: 800, seed: 3)

    /// The town's hospital, the centre's garage in town, and homes in town and in three villages.
    static let places = [
        CareProblem.Place(id: "garage", latitude: 42.2839, longitude: 22.6911, kind: "town"),
        CareProblem.Place(id: "hospital", latitude: 42.2839, longitude: 22.6911, kind: "town"),
        CareProblem.Place(id: "home-town", latitude: 42.2839, longitude: 22.6911, kind: "town"),
        CareProblem.Place(id: "home-a", latitude: 42.3390, longitude: 22.6400, kind: "village"),
        CareProblem.Place(id: "home-b", latitude: 42.2500, longitude: 22.6000, kind: "village"),
        CareProblem.Place(id: "home-c", latitude: 42.3100, longitude: 22.7500, kind: "village"),
    ]

    static func trip(
        _ id: String,
        from: String,
        arriveBy: Int,
        returnAt: Int? = nil,
        wheelchair: Bool = false,
        companions: Int = 0
    ) -> TripDay.Trip {
        TripDay.Trip(
            id: id,
            person: "p-" + id,
            from: from,
            to: "hospital",
            arriveBy: arriveBy,
            returnAt: returnAt,
            load: TripLoad(wheelchair: wheelchair, companions: companions)
        )
    }

    static func van(_ id: String, seats: Int, wheelchairPlaces: Int) -> TripDay.Vehicle {
        TripDay.Vehicle(id: id, seats: seats, wheelchairPlaces: wheelchairPlaces, base: "garage", start: 420, end: 960)
    }

    @Test("What a passenger takes up: a wheelchair place instead of a seat, a seat for each companion")
    func loads() {
        #expect(TripLoad(wheelchair: false, companions: 0).seats == 1)
        #expect(TripLoad(wheelchair: true, companions: 0).seats == 0)
        #expect(TripLoad(wheelchair: true, companions: 1).seats == 1)
        #expect(TripLoad(wheelchair: true, companions: 1).wheelchairPlaces == 1)
        #expect(TripLoad(wheelchair: false, companions: 2).wheelchairPlaces == 0)
    }

    @Test("A load no vehicle of the fleet can hold is named: wheelchair places first, then seats")
    func misfits() {
        let fleet = [(seats: 8, wheelchairPlaces: 0), (seats: 3, wheelchairPlaces: 1)]
        #expect(TripLoad(wheelchair: true, companions: 1).misfit(in: fleet) == nil)
        #expect(TripLoad(wheelchair: false, companions: 3).misfit(in: fleet) == nil)
        #expect(
            TripLoad(wheelchair: true, companions: 0).misfit(in: [(seats: 8, wheelchairPlaces: 0)])
                == .wheelchairPlaces(needed: 1, largest: 0)
        )
        // Only the van with the wheelchair place can take a wheelchair, and it has three seats.
        #expect(
            TripLoad(wheelchair: true, companions: 3).misfit(in: fleet.map { ($0.seats, $0.wheelchairPlaces) }) == nil
        )
        #expect(
            TripLoad(wheelchair: true, companions: 3).misfit(in: [(seats: 8, wheelchairPlaces: 0), (2, 1)])
                == .seats(needed: 3, largest: 2)
        )
        #expect(TripLoad(wheelchair: false, companions: 0).misfit(in: []) == .seats(needed: 1, largest: 0))
    }

    @Test("Every passenger arrives by the time asked for and no earlier than half an hour before it")
    func arriveBy() throws {
        let day = TripDay(
            places: Self.places,
            vehicles: [Self.van("van", seats: 6, wheelchairPlaces: 1)],
            trips: [
                Self.trip("a", from: "home-a", arriveBy: 540),
                Self.trip("b", from: "home-b", arriveBy: 570, wheelchair: true),
                Self.trip("c", from: "home-c", arriveBy: 600, companions: 1),
                Self.trip("t", from: "home-town", arriveBy: 540),
            ]
        )
        let problem = day.problem()
        #expect(problem.validate().isEmpty)
        let care = try CareSolver.solve(problem, options: Self.options)
        #expect(PlanChecker(problem: problem).violations(care).isEmpty)
        let plan = try day.plan(options: Self.options)
        #expect(plan.unassigned.isEmpty)
        let drops = plan.routes.flatMap(\.stops).filter { $0.kind == .dropOff }
        #expect(drops.count == 4)
        for trip in day.trips {
            let drop = try #require(drops.first { $0.trip == trip.id })
            #expect(drop.end <= trip.arriveBy, "\(trip.id) arrives at \(drop.end), asked by \(trip.arriveBy)")
            #expect(drop.start >= trip.arriveBy - TripDay.earliestArrivalMinutes)
            let pick = try #require(plan.routes.flatMap(\.stops).first { $0.trip == trip.id && $0.kind == .pickUp })
            #expect(pick.start < drop.start)
        }
    }

    /// Five seats and one wheelchair place among two vehicles, and five seats and one wheelchair
    /// place asked for by people in three villages for the same hour.
    static let fleet = [Self.van("car", seats: 3, wheelchairPlaces: 0), Self.van("van", seats: 2, wheelchairPlaces: 1)]
    static let morning = [
        Self.trip("a", from: "home-a", arriveBy: 540),
        Self.trip("a2", from: "home-a", arriveBy: 540),
        Self.trip("b", from: "home-b", arriveBy: 540, companions: 1),
        Self.trip("w", from: "home-c", arriveBy: 540, wheelchair: true, companions: 1),
    ]

    static func checkLoads(_ plan: TripPlan) throws {
        let capacity = ["car": (3, 0), "van": (2, 1)]
        for route in plan.routes {
            let (seats, places) = try #require(capacity[route.vehicle])
            for stop in route.stops {
                #expect(stop.seatsTaken <= seats && stop.wheelchairPlacesTaken <= places, "\(route.vehicle) overfull")
                #expect(stop.seatsTaken >= 0 && stop.wheelchairPlacesTaken >= 0)
            }
            #expect(route.stops.last?.seatsTaken == 0)
        }
    }

    @Test("Seats and wheelchair places on board never exceed the vehicle's; a wheelchair goes in the van with a ramp")
    func capacity() throws {
        let day = TripDay(places: Self.places, vehicles: Self.fleet, trips: Self.morning)
        let problem = day.problem()
        #expect(PlanChecker(problem: problem).violations(try CareSolver.solve(problem, options: Self.options)).isEmpty)
        let plan = try day.plan(options: Self.options)
        try Self.checkLoads(plan)
        #expect(plan.unassigned.isEmpty)
        #expect(plan.routes.first { $0.stops.contains { $0.trip == "w" } }?.vehicle == "van")
    }

    @Test("Planned again, a trip under way stays with the vehicle that started it, the others go where they fit")
    func tripsUnderWayKeepTheirVehicle() throws {
        var trips = [
            Self.trip("a", from: "home-a", arriveBy: 540),
            Self.trip("t", from: "home-town", arriveBy: 600),
            Self.trip("b", from: "home-b", arriveBy: 660),
        ]
        // Both started in the van; either vehicle could have taken them.
        trips[0].vehicle = "van"
        trips[2].vehicle = "van"
        let vehicles = [Self.van("car", seats: 3, wheelchairPlaces: 0), Self.van("van", seats: 3, wheelchairPlaces: 0)]
        let plan = try TripDay(places: Self.places, vehicles: vehicles, trips: trips).plan(options: Self.options)
        #expect(plan.unassigned.isEmpty)
        let van = try #require(plan.routes.first { $0.vehicle == "van" })
        #expect(van.stops.contains { $0.trip == "a" } && van.stops.contains { $0.trip == "b" })
        #expect(!plan.routes.contains { $0.vehicle == "car" && $0.stops.contains { ["a", "b"].contains($0.trip) } })
    }

    @Test("Six seats asked for the same hour from villages, five in the fleet: one trip is left with the reason")
    func overbooked() throws {
        let day = TripDay(
            places: Self.places,
            vehicles: Self.fleet,
            trips: Self.morning + [Self.trip("c", from: "home-c", arriveBy: 540)]
        )
        let plan = try day.plan(options: Self.options)
        try Self.checkLoads(plan)
        #expect(plan.unassigned.count == 1)
        #expect(plan.unassigned.first?.reason == .noTimeLeft)
    }

    @Test("A wheelchair trip with no wheelchair place in the fleet is left undone for capacity")
    func noRamp() throws {
        let day = TripDay(
            places: Self.places,
            vehicles: [Self.van("car", seats: 4, wheelchairPlaces: 0)],
            trips: [Self.trip("w", from: "home-a", arriveBy: 600, wheelchair: true)]
        )
        let plan = try day.plan(options: Self.options)
        #expect(plan.routes.isEmpty)
        #expect(plan.unassigned == [TripPlan.Unassigned(trip: "w", back: false, reason: .capacity)])
    }

    @Test("A back trip is its own pair: picked up at the hospital once the person is ready, dropped at home")
    func backTrip() throws {
        let day = TripDay(
            places: Self.places,
            vehicles: [Self.van("van", seats: 4, wheelchairPlaces: 1)],
            trips: [Self.trip("a", from: "home-a", arriveBy: 540, returnAt: 660, wheelchair: true)]
        )
        let plan = try day.plan(options: Self.options)
        #expect(plan.unassigned.isEmpty)
        let stops = try #require(plan.routes.first?.stops)
        #expect(stops.map(\.kind) == [.pickUp, .dropOff, .pickUp, .dropOff])
        #expect(stops.map(\.back) == [false, false, true, true])
        #expect(stops.map(\.place) == ["home-a", "hospital", "hospital", "home-a"])
        #expect(stops[2].start >= 660 && stops[2].start <= 660 + TripDay.returnWaitMinutes)
        #expect(stops.map(\.wheelchairPlacesTaken) == [1, 0, 1, 0])
    }

    @Test("Two addresses in one settlement are a short drive apart, not the same place")
    func localLegs() {
        let day = TripDay(places: Self.places, vehicles: [], trips: [])
        let matrix = day.problem().travelMatrix!
        #expect(matrix[1][2] == TripDay.localLegMinutes)
        #expect(matrix[1][1] == 0)
        #expect(matrix[1][3] > TripDay.localLegMinutes)
    }
}
