import Fluent
import OporaCore
import Vapor

/// Oblast, municipality and settlement pages.
struct TerritoryRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let territory = routes.grouped("territory")
        territory.get(use: oblasts)
        territory.get("oblasts", ":code", use: oblast)
        territory.get("municipalities", ":code", use: municipality)
        territory.get("settlements", ":ekatte", use: settlement)
    }

    struct Row: Encodable, Sendable {
        var href: String
        var code: String
        var name: String
        var latin: String
        var detail: String
    }

    struct ListContext: Encodable, Sendable {
        var heading: String
        var parents: [Row]
        var rows: [Row]
        var columnDetail: String
    }

    func oblasts(req: Request) async throws -> View {
        let rows = try await TerritoryQueries.oblasts(on: req.db).map {
            Row(
                href: "/territory/oblasts/\($0.id!)",
                code: $0.id!,
                name: $0.nameBG,
                latin: $0.nameLatin,
                detail: $0.nuts3
            )
        }
        let context = ListContext(
            heading: req.text(.territoryOblasts),
            parents: [],
            rows: rows,
            columnDetail: "NUTS-3"
        )
        return try await req.view.render("territory/list", req.page(title: req.text(.territoryOblasts), context))
    }

    func oblast(req: Request) async throws -> View {
        let code = try req.parameters.require("code")
        guard let oblast = try await Oblast.find(code, on: req.db) else { throw Abort(.notFound) }
        let rows = try await TerritoryQueries.municipalities(oblast: code, on: req.db).map {
            Row(
                href: "/territory/municipalities/\($0.id!)",
                code: $0.id!,
                name: $0.nameBG,
                latin: $0.nameLatin,
                detail: $0.centreEkatte
            )
        }
        let heading = req.text(.territoryOblast) + " " + oblast.nameBG
        let context = ListContext(
            heading: heading,
            parents: [Row(href: "/territory", code: "", name: req.text(.territoryOblasts), latin: "", detail: "")],
            rows: rows,
            columnDetail: req.text(.territoryCentre)
        )
        return try await req.view.render("territory/list", req.page(title: heading, context))
    }

    func municipality(req: Request) async throws -> View {
        let code = try req.parameters.require("code")
        guard let municipality = try await Municipality.find(code, on: req.db),
            let oblast = try await Oblast.find(municipality.oblastCode, on: req.db)
        else { throw Abort(.notFound) }
        let rows = try await TerritoryQueries.settlements(municipality: code, q: nil, limit: 1000, on: req.db).map {
            Row(
                href: "/territory/settlements/\($0.id!)",
                code: $0.id!,
                name: "\($0.kind == "град" ? "гр." : "с.") \($0.nameBG)",
                latin: $0.nameLatin,
                detail: $0.population.map(String.init) ?? ""
            )
        }
        let heading = req.text(.territoryMunicipality) + " " + municipality.nameBG
        let context = ListContext(
            heading: heading,
            parents: [
                Row(href: "/territory", code: "", name: req.text(.territoryOblasts), latin: "", detail: ""),
                Row(href: "/territory/oblasts/\(oblast.id!)", code: "", name: oblast.nameBG, latin: "", detail: ""),
            ],
            rows: rows,
            columnDetail: req.text(.territoryPopulation)
        )
        return try await req.view.render("territory/list", req.page(title: heading, context))
    }

    struct SettlementContext: Encodable, Sendable {
        var ekatte: String
        var name: String
        var latin: String
        var kind: String
        var municipality: Row
        var oblast: Row
        var latitude: String
        var longitude: String
        var population: String
    }

    func settlement(req: Request) async throws -> View {
        let ekatte = try req.parameters.require("ekatte")
        guard let settlement = try await Settlement.find(ekatte, on: req.db),
            let municipality = try await Municipality.find(settlement.municipalityCode, on: req.db),
            let oblast = try await Oblast.find(settlement.oblastCode, on: req.db)
        else { throw Abort(.notFound) }
        let context = SettlementContext(
            ekatte: ekatte,
            name: settlement.nameBG,
            latin: settlement.nameLatin,
            kind: settlement.kind,
            municipality: Row(
                href: "/territory/municipalities/\(municipality.id!)",
                code: municipality.id!,
                name: municipality.nameBG,
                latin: municipality.nameLatin,
                detail: ""
            ),
            oblast: Row(
                href: "/territory/oblasts/\(oblast.id!)",
                code: oblast.id!,
                name: oblast.nameBG,
                latin: oblast.nameLatin,
                detail: ""
            ),
            latitude: settlement.latitude.map { String(format: "%.5f", $0) } ?? "",
            longitude: settlement.longitude.map { String(format: "%.5f", $0) } ?? "",
            population: settlement.population.map(String.init) ?? ""
        )
        return try await req.view.render("territory/settlement", req.page(title: settlement.nameBG, context))
    }
}
