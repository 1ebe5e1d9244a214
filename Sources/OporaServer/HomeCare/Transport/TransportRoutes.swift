import Fluent
import OporaCore
import OporaScheduling
import Vapor

/// The coordinator's day of specialised transport: the trips asked for, the vehicles and their
/// drivers, planning the day with the engine, and the plan each driver will follow.
struct TransportRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("home-care", "transport", use: start)
        routes.get("home-care", "transport", "days", ":day", use: show)
        routes.post("home-care", "transport", "days", ":day", "trips", use: addTrip)
        routes.post("home-care", "transport", "days", ":day", "plan", use: plan)
        routes.post("home-care", "transport", "trips", ":tripID", "cancel", use: cancelTrip)
        routes.get("home-care", "transport", "vehicles", "new", use: newVehicle)
        routes.post("home-care", "transport", "vehicles", use: addVehicle)
        routes.get("home-care", "transport", "vehicles", ":vehicleID", use: vehicle)
        routes.post("home-care", "transport", "vehicles", ":vehicleID", use: saveVehicle)
    }

    /// Tomorrow: trips are booked ahead, so the day to plan is usually the next.
    func start(req: Request) async throws -> Response {
        _ = try req.require(.viewHomeCare)
        let tomorrow = CalendarDay.today(at: req.application.clock.now()).adding(days: 1)
        return req.redirect(to: "/home-care/transport/days/\(tomorrow.iso)" + WeekRoutes.providerQuery(req))
    }

    /// The day named in the path; anything that is not a date of this century is not found.
    static func day(_ req: Request) throws -> CalendarDay {
        guard let day = CalendarDay(iso: req.parameters.get("day") ?? ""), (2000...2100).contains(day.year) else {
            throw Abort(.notFound)
        }
        return day
    }

    /// The centre the request is about and the caller's scope for `permission`; planning needs
    /// the centre itself in the scope, not only its municipality.
    static func centre(_ req: Request, _ permission: Permission) async throws -> (UUID, AccessScope, [Choice]) {
        let user = try req.require(permission)
        let scope = user.scope(for: permission)
        let (centre, choices) = try await HomeCareCentre.chosen(req, scope)
        guard let centre else { throw Abort(.notFound) }
        if permission == .planHomeCare, !scope.providers.contains(centre) { throw Abort(.notFound) }
        return (centre, scope, choices)
    }

    func show(req: Request) async throws -> View {
        let (centre, _, choices) = try await Self.centre(req, .viewHomeCare)
        let day = try Self.day(req)
        return try await TransportPage.render(req, centre: centre, day: day, centres: choices)
    }

    func addTrip(req: Request) async throws -> Response {
        let (centre, scope, choices) = try await Self.centre(req, .planHomeCare)
        let day = try Self.day(req)
        var input = try req.content.decode(TripInput.self)
        if (input.day ?? "").isEmpty { input.day = day.iso }
        do {
            let draft = try await TransportChecks.trip(input, centre: centre, scope, req)
            try await TransportStore.addTrip(draft, provider: centre, request: req)
            return req.redirect(
                to: "/home-care/transport/days/\(draft.day.iso)?provider=\(centre)#trips",
                flash: .saved
            )
        } catch let failure as ValidationFailure {
            return try await TransportPage.render(
                req,
                centre: centre,
                day: day,
                centres: choices,
                trip: input,
                tripForm: req.refused(input.values, failure),
                summary: req.errorSummary(failure)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func plan(req: Request) async throws -> Response {
        let (centre, scope, _) = try await Self.centre(req, .planHomeCare)
        let day = try Self.day(req)
        let record = try await TransportPlanning.plan(provider: centre, day: day, scope, request: req)
        let message = req.text(.transportPlanned).replacingOccurrences(of: "{number}", with: String(record.number))
        return req.redirect(to: "/home-care/transport/days/\(day.iso)?provider=\(centre)#plan", message: message)
    }

    struct CancelInput: Content, Sendable {
        var version: Int?
    }

    func cancelTrip(req: Request) async throws -> Response {
        let user = try req.require(.planHomeCare)
        let scope = user.scope(for: .planHomeCare)
        let trip = try await Scoped.find(TripRequest.self, try req.uuidParameter("tripID"), scope, on: req.db)
        let input = try req.content.decode(CancelInput.self)
        do {
            try await TransportStore.cancelTrip(trip, version: input.version, request: req)
            return req.redirect(
                to: "/home-care/transport/days/\(trip.day)?provider=\(trip.providerID)#trips",
                flash: .saved
            )
        } catch is EditConflict {
            return try await TransportPage.render(
                req,
                centre: trip.providerID,
                day: CalendarDay(iso: trip.day) ?? CalendarDay.today(at: req.application.clock.now()),
                centres: [],
                summary: req.errorSummary(message: req.text(.errorConflict))
            ).encodeResponse(status: .conflict, for: req)
        }
    }

    func addVehicle(req: Request) async throws -> Response {
        let (centre, scope, _) = try await Self.centre(req, .planHomeCare)
        let input = try req.content.decode(VehicleInput.self)
        do {
            let draft = try await TransportChecks.vehicle(input, centre: centre, scope, req)
            try await TransportStore.saveVehicle(draft, existing: nil, version: nil, provider: centre, request: req)
            let tomorrow = CalendarDay.today(at: req.application.clock.now()).adding(days: 1)
            return req.redirect(
                to: "/home-care/transport/days/\(tomorrow.iso)?provider=\(centre)#vehicles",
                flash: .saved
            )
        } catch let failure as ValidationFailure {
            return try await VehiclePage.render(
                req,
                vehicle: nil,
                centre: centre,
                input: input,
                form: req.refused(input.values, failure),
                summary: req.errorSummary(failure)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func newVehicle(req: Request) async throws -> View {
        let (centre, _, _) = try await Self.centre(req, .planHomeCare)
        let input = VehicleInput(seats: "4", wheelchairPlaces: "0")
        return try await VehiclePage.render(
            req,
            vehicle: nil,
            centre: centre,
            input: input,
            form: FormState(values: input.values)
        )
    }

    func vehicle(req: Request) async throws -> View {
        let user = try req.require(.viewHomeCare)
        let found = try await Scoped.find(
            TransportVehicle.self,
            try req.uuidParameter("vehicleID"),
            user.scope(for: .viewHomeCare),
            on: req.db
        )
        let input = VehiclePage.input(of: found)
        return try await VehiclePage.render(
            req,
            vehicle: found,
            centre: found.providerID,
            input: input,
            form: FormState(values: input.values)
        )
    }

    func saveVehicle(req: Request) async throws -> Response {
        let user = try req.require(.planHomeCare)
        let scope = user.scope(for: .planHomeCare)
        let found = try await Scoped.find(TransportVehicle.self, try req.uuidParameter("vehicleID"), scope, on: req.db)
        let input = try req.content.decode(VehicleInput.self)
        do {
            let draft = try await TransportChecks.vehicle(input, centre: found.providerID, scope, req)
            try await TransportStore.saveVehicle(
                draft,
                existing: found,
                version: input.version,
                provider: found.providerID,
                request: req
            )
            return req.redirect(to: "/home-care/transport/vehicles/\(found.id!)", flash: .saved)
        } catch let failure as ValidationFailure {
            return try await VehiclePage.render(
                req,
                vehicle: found,
                centre: found.providerID,
                input: input,
                form: req.refused(input.values, failure),
                summary: req.errorSummary(failure)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        } catch is EditConflict {
            return try await VehiclePage.render(
                req,
                vehicle: found,
                centre: found.providerID,
                input: input,
                form: FormState(values: input.values),
                summary: req.errorSummary(message: req.text(.errorConflict))
            ).encodeResponse(status: .conflict, for: req)
        }
    }
}

/// The checks both the pages and the API run, with what they need loaded from the stores.
enum TransportChecks {
    static func trip(_ input: TripInput, centre: UUID, _ scope: AccessScope, _ req: Request) async throws -> TripDraft {
        let passengers = try await TransportStore.passengers(
            provider: centre,
            scope,
            key: req.application.dataKey,
            on: req.db
        )
        let fleet = try await TransportStore.vehicles(provider: centre, scope, on: req.db)
            .map { (seats: $0.seats, wheelchairPlaces: $0.wheelchairPlaces) }
        let known = try await TerritoryNames.shared.settlementNames(
            [input.fromSettlement ?? "", input.toSettlement ?? ""],
            on: req.db
        )
        var checks = req.fieldChecks()
        let draft = try TripDraft.validate(
            input,
            passengers: passengers,
            fleet: fleet,
            settlementExists: { known[$0] != nil },
            now: req.application.clock.now(),
            checks: &checks
        )
        try checks.finish()
        return draft!
    }

    static func vehicle(
        _ input: VehicleInput,
        centre: UUID,
        _ scope: AccessScope,
        _ req: Request
    ) async throws
        -> VehicleDraft
    {
        let drivers = try await TransportStore.drivers(provider: centre, scope, on: req.db)
        let known = try await TerritoryNames.shared.settlementNames([input.baseSettlement ?? ""], on: req.db)
        var checks = req.fieldChecks()
        let draft = try VehicleDraft.validate(
            input,
            settlementExists: { known[$0] != nil },
            drivers: Set(drivers.map(\.userID)),
            checks: &checks
        )
        try checks.finish()
        return draft!
    }
}

extension TripInput {
    /// The form's fields as typed, to draw it again after a refusal.
    var values: [String: String] {
        [
            "caseId": caseId ?? "", "day": day ?? "", "fromSettlement": fromSettlement ?? "",
            "fromAddress": fromAddress ?? "", "toSettlement": toSettlement ?? "", "toAddress": toAddress ?? "",
            "arriveBy": arriveBy ?? "", "returnAt": returnAt ?? "", "wheelchair": wheelchair ?? "",
            "companions": companions ?? "",
        ]
    }
}

extension VehicleInput {
    var values: [String: String] {
        [
            "name": name ?? "", "plate": plate ?? "", "seats": seats ?? "", "wheelchairPlaces": wheelchairPlaces ?? "",
            "baseSettlement": baseSettlement ?? "", "driverId": driverId ?? "",
        ]
    }
}
