import Fluent
import OporaCore
import Vapor

/// `/api/v1` routes of the territory: public reference data every signed-in role reads.
struct TerritoryAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(APIGuard())
        signedIn.get("oblasts", use: oblasts)
        signedIn.get("oblasts", ":code", use: oblast)
        signedIn.get("municipalities", use: municipalities)
        signedIn.get("municipalities", ":code", use: municipality)
        signedIn.get("settlements", use: settlements)
        signedIn.get("settlements", ":ekatte", use: settlement)
    }

    func oblasts(req: Request) async throws -> Response {
        try req.json(try await TerritoryQueries.oblasts(on: req.db).map(\.dto))
    }

    func oblast(req: Request) async throws -> Response {
        guard let oblast = try await Oblast.find(try req.parameters.require("code"), on: req.db) else {
            throw Abort(.notFound)
        }
        return try req.json(oblast.dto)
    }

    func municipalities(req: Request) async throws -> Response {
        let oblast = req.query[String.self, at: "oblast"]
        if let oblast, oblast.count != 3 || !oblast.allSatisfy({ ("A"..."Z").contains($0) }) {
            throw MalformedRequest(problems: [FieldProblem(field: "oblast", message: req.text(.oblastCodeInvalid))])
        }
        return try req.json(try await TerritoryQueries.municipalities(oblast: oblast, on: req.db).map(\.dto))
    }

    func municipality(req: Request) async throws -> Response {
        guard let municipality = try await Municipality.find(try req.parameters.require("code"), on: req.db) else {
            throw Abort(.notFound)
        }
        return try req.json(municipality.dto)
    }

    func settlements(req: Request) async throws -> Response {
        let municipality = req.query[String.self, at: "municipality"]
        if municipality?.isEmpty == true {
            throw MalformedRequest(problems: [
                FieldProblem(field: "municipality", message: req.text(.settlementsFilterRequired))
            ])
        }
        let q: String? = try SearchText.from(req)
        guard municipality != nil || !(q ?? "").isEmpty else {
            throw ValidationFailure(problems: [
                FieldProblem(field: "municipality", message: req.text(.settlementsFilterRequired))
            ])
        }
        return try req.json(
            try await TerritoryQueries.settlements(municipality: municipality, q: q, limit: 1000, on: req.db).map(\.dto)
        )
    }

    func settlement(req: Request) async throws -> Response {
        guard let settlement = try await Settlement.find(try req.parameters.require("ekatte"), on: req.db) else {
            throw Abort(.notFound)
        }
        return try req.json(settlement.dto)
    }
}
