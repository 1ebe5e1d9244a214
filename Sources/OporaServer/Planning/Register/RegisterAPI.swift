import Fluent
import OporaCore
import Vapor

/// `/api/v1/planning/register`: the completed register of the scope, and a service's planning data.
struct RegisterAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(APIGuard()).grouped("planning", "register")
        api.get(use: list)
        api.put(":serviceID", use: save)
    }

    func list(req: Request) async throws -> Response {
        let user = try req.require(.viewPlanning)
        let year = try PlanningYear.from(req)
        let rows = try await RegisterStore.rows(user.scope(for: .viewPlanning), year: year, request: req)
        return try req.json(rows.map { RegisterLine($0, year: year, language: req.language) })
    }

    struct Body: Content {
        var fundingRegime: String?
        var year: Int?
        var mapMaximum: Int?
        var version: Int?
    }

    func save(req: Request) async throws -> Response {
        let user = try req.require(.editRegister)
        let scope = user.scope(for: .editRegister)
        let service = try await ServiceStore.find(try req.uuidParameter("serviceID"), scope, on: req.db)
        let body = try req.decodeJSON(Body.self)
        let draft = try RegisterStore.validate(
            fundingRegime: body.fundingRegime,
            year: body.year.map(String.init),
            mapMaximum: body.mapMaximum.map(String.init),
            request: req
        )
        try await RegisterStore.save(draft, service: service, version: body.version, request: req)
        let rows = try await RegisterStore.rows(
            scope,
            year: draft.year,
            municipality: service.municipalityCode,
            request: req
        )
        guard let row = rows.first(where: { $0.service.id == service.id }) else { throw Abort(.notFound) }
        return try req.json(RegisterLine(row, year: draft.year, language: req.language))
    }
}
