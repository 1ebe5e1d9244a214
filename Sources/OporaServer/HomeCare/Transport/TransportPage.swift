import Fluent
import OporaCore
import OporaScheduling
import Vapor

/// The coordinator's transport page for one day, drawn the same after a refusal (with what was
/// typed and the messages beside the fields) as on a first visit.
enum TransportPage {
    struct VehicleLine: Encodable, Sendable {
        var href: String
        var name: String
        var plate: String
        var seats: Int
        var wheelchairPlaces: Int
        var base: String
        var driver: String
    }

    struct TripLine: Encodable, Sendable {
        var passenger: String
        var from: String
        var to: String
        var arriveBy: String
        var returnAt: String
        var wheelchair: Bool
        var companions: Int
        var cancelled: Bool
        var cancelAction: String?
        var version: Int
    }

    struct StopLine: Encodable, Sendable {
        var time: String
        var action: String
        var passenger: String
        var place: String
        var wheelchair: Bool
        var onBoard: String
        var checkedIn: String?
    }

    struct RouteLine: Encodable, Sendable {
        var vehicle: String
        var driver: String
        var hours: String
        var stops: [StopLine]
    }

    struct UndoneLine: Encodable, Sendable {
        var passenger: String
        var leg: String
        var reason: String
    }

    struct PlanSection: Encodable, Sendable {
        var number: Int
        var created: String
        var routes: [RouteLine]
        var undone: [UndoneLine]
    }

    struct Context: Encodable, Sendable {
        var centres: [Choice]
        var day: String
        var dayLabel: String
        var previous: String
        var next: String
        var canPlan: Bool
        var tripAction: String
        var planAction: String
        var vehicles: [VehicleLine]
        var trips: [TripLine]
        var plan: PlanSection?
        var form: FormState
        var summary: ErrorSummary?
        var passengers: [Choice]
        var fromSettlements: [Choice]
        var toSettlements: [Choice]
        var wheelchair: Bool
        var newVehicle: String
    }

    static func render(
        _ req: Request,
        centre: UUID,
        day: CalendarDay,
        centres: [Choice],
        trip: TripInput? = nil,
        tripForm: FormState = FormState(),
        summary: ErrorSummary? = nil
    ) async throws -> View {
        let user = try req.currentUser()
        let language = req.language
        let scope = user.scope(for: .viewHomeCare)
        let db = req.db
        let key = req.application.dataKey
        let canPlan = user.can(.planHomeCare) && user.scope(for: .planHomeCare).providers.contains(centre)
        let vehicles = try await TransportStore.vehicles(provider: centre, scope, on: db)
        let drivers = try await TransportStore.drivers(provider: centre, scope, on: db)
        let driverNames = Dictionary(drivers.map { ($0.userID, $0.name) }, uniquingKeysWith: { a, _ in a })
        let trips = try await TransportStore.trips(provider: centre, day: day, scope, on: db)
        let passengers = try await TransportStore.passengers(provider: centre, scope, key: key, on: db)
        let names = try await PlansInForce.personNames(Set(trips.map(\.personID)), user.scope(for: .viewPeople), on: db)
        let municipality = try await TransportStore.place(of: centre, req).municipality
        let settlements = try await TerritoryNames.shared.settlements(of: municipality, on: db)
        let settlementNames = try await TerritoryNames.shared.settlementNames(
            trips.flatMap { [$0.fromSettlement, $0.toSettlement] } + vehicles.map(\.baseSettlement),
            on: db
        )
        let query = "?provider=\(centre)"
        let tripByID = Dictionary(trips.map { ($0.id!.uuidString, $0) }, uniquingKeysWith: { a, _ in a })
        func passenger(_ trip: TripRequest?) -> String { trip.flatMap { names[$0.personID] } ?? "—" }
        var planSection: PlanSection?
        if let (record, stored) = try await TransportStore.latestPlan(provider: centre, day: day, scope, on: db) {
            let vehicleNames = Dictionary(
                vehicles.map { ($0.id!.uuidString, "\($0.name) (\($0.plate))") },
                uniquingKeysWith: { a, _ in a }
            )
            let checked = try await TransportStore.checkIns(ofTrips: trips.compactMap(\.id), scope, on: db)
                .mapValues(\.at)
            planSection = PlanSection(
                number: record.number,
                created: SofiaTime.dateTime(record.createdAt),
                routes: try stored.plan.routes.map { route in
                    RouteLine(
                        vehicle: vehicleNames[route.vehicle] ?? "—",
                        driver: stored.drivers[route.vehicle].flatMap { driverNames[$0] } ?? "—",
                        hours: TimeWindow.clock(route.leave) + "–" + TimeWindow.clock(route.back),
                        stops: try route.stops.map { stop in
                            let trip = tripByID[stop.trip]
                            let atHome = (stop.kind == .pickUp) != stop.back
                            let address = try trip.map {
                                try key.open(atHome ? $0.fromAddressSealed : $0.toAddressSealed)
                            }
                            let settlement = trip.flatMap {
                                settlementNames[atHome ? $0.fromSettlement : $0.toSettlement]
                            }
                            return StopLine(
                                time: TimeWindow.clock(stop.start),
                                action: req.text(stop.kind == .pickUp ? .transportPickUp : .transportDropOff),
                                passenger: passenger(trip),
                                place: [address, settlement].compactMap { $0 }.joined(separator: ", "),
                                wheelchair: trip?.wheelchair ?? false,
                                onBoard: "\(stop.seatsTaken) + \(stop.wheelchairPlacesTaken)",
                                checkedIn: UUID(uuidString: stop.trip).flatMap {
                                    checked[TripCheckIn.stopKey(trip: $0, back: stop.back, kind: stop.kind.rawValue)]
                                }.map(SofiaTime.time)
                            )
                        }
                    )
                },
                undone: stored.plan.unassigned.map { undone in
                    UndoneLine(
                        passenger: passenger(tripByID[undone.trip]),
                        leg: req.text(undone.back ? .transportBackTrip : .transportOutbound),
                        reason: language == .bg ? undone.reason.messageBG : undone.reason.messageEN
                    )
                }
            )
        }
        let typed = trip ?? TripInput(day: day.iso, companions: "0")
        var values = tripForm.values
        if trip == nil { values = typed.values }
        func choices(_ selected: String?) -> [Choice] {
            [Choice(value: "", label: "—", selected: (selected ?? "").isEmpty)]
                + settlements.map { Choice(value: $0.code, label: $0.name, selected: $0.code == selected) }
        }
        let context = Context(
            centres: centres,
            day: day.iso,
            dayLabel: day.display,
            previous: "/home-care/transport/days/\(day.adding(days: -1).iso)\(query)",
            next: "/home-care/transport/days/\(day.adding(days: 1).iso)\(query)",
            canPlan: canPlan,
            tripAction: "/home-care/transport/days/\(day.iso)/trips\(query)",
            planAction: "/home-care/transport/days/\(day.iso)/plan\(query)",
            vehicles: vehicles.map { vehicle in
                VehicleLine(
                    href: "/home-care/transport/vehicles/\(vehicle.id!)",
                    name: vehicle.name,
                    plate: vehicle.plate,
                    seats: vehicle.seats,
                    wheelchairPlaces: vehicle.wheelchairPlaces,
                    base: settlementNames[vehicle.baseSettlement] ?? vehicle.baseSettlement,
                    driver: vehicle.driverID.flatMap { driverNames[$0] } ?? "—"
                )
            },
            trips: try trips.map { trip in
                TripLine(
                    passenger: passenger(trip),
                    from: try key.open(trip.fromAddressSealed) + ", " + (settlementNames[trip.fromSettlement] ?? ""),
                    to: try key.open(trip.toAddressSealed) + ", " + (settlementNames[trip.toSettlement] ?? ""),
                    arriveBy: TimeWindow.clock(trip.arriveBy),
                    returnAt: trip.returnAt.map(TimeWindow.clock) ?? "—",
                    wheelchair: trip.wheelchair,
                    companions: trip.companions,
                    cancelled: trip.isCancelled,
                    cancelAction: canPlan && !trip.isCancelled ? "/home-care/transport/trips/\(trip.id!)/cancel" : nil,
                    version: trip.version
                )
            },
            plan: planSection,
            form: FormState(values: values, errors: tripForm.errors),
            summary: summary,
            passengers: [Choice(value: "", label: "—", selected: (typed.caseId ?? "").isEmpty)]
                + passengers.map {
                    Choice(value: $0.caseID.uuidString, label: $0.name, selected: $0.caseID.uuidString == typed.caseId)
                },
            fromSettlements: choices(typed.fromSettlement),
            toSettlements: choices(typed.toSettlement),
            wheelchair: ["on", "true", "1"].contains(typed.wheelchair ?? ""),
            newVehicle: "/home-care/transport/vehicles/new\(query)"
        )
        return try await req.view.render("homecare/transport", req.page(title: req.text(.transportTitle), context))
    }
}
