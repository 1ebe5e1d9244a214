import Fluent
import OporaCore
import OporaScheduling
import Vapor

/// `/api/v1/home-care/transport`: vehicles, a day's trip requests and plan, planning the day,
/// a driver's manifest and check-ins, with the pages' scope rules and the same checks.
struct TransportAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(APIGuard()).grouped("home-care", "transport")
        api.get("vehicles", use: vehicles)
        api.post("vehicles", use: addVehicle)
        api.put("vehicles", ":vehicleID", use: saveVehicle)
        api.get("days", ":day", use: day)
        api.post("days", ":day", "trips", use: addTrip)
        api.post("days", ":day", "plan", use: plan)
        api.post("trips", ":tripID", "cancel", use: cancelTrip)
        api.get("manifest", use: manifest)
        api.post("check-ins", use: checkIn)
    }

    func vehicles(req: Request) async throws -> Response {
        let (centre, scope, _) = try await TransportRoutes.centre(req, .viewHomeCare)
        return try req.json(try await TransportStore.vehicles(provider: centre, scope, on: req.db).map(VehicleDTO.init))
    }

    func addVehicle(req: Request) async throws -> Response {
        let (centre, scope, _) = try await TransportRoutes.centre(req, .planHomeCare)
        let body = try req.decodeJSON(VehicleBody.self)
        let draft = try await TransportChecks.vehicle(body.input, centre: centre, scope, req)
        let id = try await TransportStore.saveVehicle(
            draft,
            existing: nil,
            version: nil,
            provider: centre,
            request: req
        )
        return try req.json(
            VehicleDTO(try await Scoped.find(TransportVehicle.self, id, scope, on: req.db)),
            status: .created
        )
    }

    func saveVehicle(req: Request) async throws -> Response {
        let user = try req.require(.planHomeCare)
        let scope = user.scope(for: .planHomeCare)
        let found = try await Scoped.find(TransportVehicle.self, try req.uuidParameter("vehicleID"), scope, on: req.db)
        let body = try req.decodeJSON(VehicleBody.self)
        let draft = try await TransportChecks.vehicle(body.input, centre: found.providerID, scope, req)
        try await TransportStore.saveVehicle(
            draft,
            existing: found,
            version: body.version,
            provider: found.providerID,
            request: req
        )
        return try req.json(VehicleDTO(try await Scoped.find(TransportVehicle.self, found.id!, scope, on: req.db)))
    }

    func day(req: Request) async throws -> Response {
        let (centre, scope, _) = try await TransportRoutes.centre(req, .viewHomeCare)
        let day = try TransportRoutes.day(req)
        let user = try req.currentUser()
        let trips = try await TransportStore.trips(provider: centre, day: day, scope, on: req.db)
        let names = try await PlansInForce.personNames(
            Set(trips.map(\.personID)),
            user.scope(for: .viewPeople),
            on: req.db
        )
        let key = req.application.dataKey
        let plan = try await TransportStore.latestPlan(provider: centre, day: day, scope, on: req.db)
        return try req.json(
            TripDayDTO(
                day: day.iso,
                trips: try trips.map { try TripDTO($0, name: names[$0.personID], key: key) },
                plan: plan.map { TripPlanDTO(number: $0.record.number, stored: $0.stored) }
            )
        )
    }

    func addTrip(req: Request) async throws -> Response {
        let (centre, scope, _) = try await TransportRoutes.centre(req, .planHomeCare)
        let day = try TransportRoutes.day(req)
        var input = try req.decodeJSON(TripBody.self).input
        if (input.day ?? "").isEmpty { input.day = day.iso }
        let draft = try await TransportChecks.trip(input, centre: centre, scope, req)
        let trip = try await TransportStore.addTrip(draft, provider: centre, request: req)
        return try req.json(
            try TripDTO(trip, name: draft.passenger.name, key: req.application.dataKey),
            status: .created
        )
    }

    func plan(req: Request) async throws -> Response {
        let (centre, scope, _) = try await TransportRoutes.centre(req, .planHomeCare)
        let day = try TransportRoutes.day(req)
        let record = try await TransportPlanning.plan(provider: centre, day: day, scope, request: req)
        let stored = try JSONDecoder().decode(TransportStore.StoredPlan.self, from: Data(record.plan.utf8))
        return try req.json(TripPlanDTO(number: record.number, stored: stored), status: .created)
    }

    func cancelTrip(req: Request) async throws -> Response {
        let user = try req.require(.planHomeCare)
        let scope = user.scope(for: .planHomeCare)
        let trip = try await Scoped.find(TripRequest.self, try req.uuidParameter("tripID"), scope, on: req.db)
        let body = try req.decodeJSON(TransportRoutes.CancelInput.self)
        if let version = body.version, !(0...1_000_000).contains(version) {
            throw ValidationFailure(problems: [
                FieldProblem(field: "version", message: req.text(.errorNumberOutOfRange))
            ])
        }
        try await TransportStore.cancelTrip(trip, version: body.version, request: req)
        let saved = try await Scoped.find(TripRequest.self, trip.id!, scope, on: req.db)
        let names = try await PlansInForce.personNames([saved.personID], user.scope(for: .viewPeople), on: req.db)
        return try req.json(try TripDTO(saved, name: names[saved.personID], key: req.application.dataKey))
    }

    func manifest(req: Request) async throws -> Response {
        let (user, provider, scope) = try ManifestRoutes.driver(req)
        let day = try ManifestRoutes.day(req)
        let manifest = try await ManifestStore.manifest(
            driver: user.id,
            provider: provider,
            day: day,
            scope,
            request: req
        )
        return try req.json(ManifestDTO(day: day.iso, manifest))
    }

    func checkIn(req: Request) async throws -> Response {
        let (user, _, scope) = try ManifestRoutes.driver(req)
        let body = try req.decodeJSON(CheckInBody.self)
        switch try await ManifestStore.checkIn(body.input, driver: user.id, scope, request: req) {
        case .recorded(let record): return try req.json(CheckInDTO(record, recorded: true), status: .created)
        case .already(let record): return try req.json(CheckInDTO(record, recorded: false))
        }
    }
}
