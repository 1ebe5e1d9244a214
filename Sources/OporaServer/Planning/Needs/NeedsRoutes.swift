import Fluent
import OporaCore
import Vapor

/// `/planning/needs`: needs against capacity for the oblast and each municipality, a map coloured
/// by coverage with the table beside it, each figure's definition beside its column.
struct NeedsRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("planning", "needs", use: page)
    }

    struct PlaceLine: Encodable, Sendable {
        var code: String
        var name: String
        var population: Int
        var cells: NeedsCells
    }

    struct DetailLine: Encodable, Sendable {
        var municipality: String
        var serviceType: String
        var targetGroups: String
        var cells: NeedsCells
    }

    struct Definition: Encodable, Sendable {
        var name: String
        var text: String
    }

    struct Context: Encodable, Sendable {
        var years: [Choice]
        var types: [Choice]
        var map: String
        var places: [PlaceLine]
        var oblast: NeedsCells
        var details: [DetailLine]
        var definitions: [Definition]
        var notice: String?
        var asOf: String
    }

    static func serviceType(_ req: Request) throws -> SocialServiceType? {
        guard let raw = req.query[String.self, at: "type"], !raw.isEmpty else { return nil }
        guard let type = SocialServiceType(rawValue: raw) else {
            throw Abort(.badRequest, reason: req.text(.errorChooseFromList))
        }
        return type
    }

    func page(req: Request) async throws -> View {
        let user = try req.require(.viewPlanning)
        let year = try PlanningYear.from(req)
        let type = try Self.serviceType(req)
        let scope = user.scope(for: .viewPlanning)
        let table = try await NeedsTable.build(scope, year: year, serviceType: type, request: req)
        let language = req.language
        let noData = req.text(.planningNoData)
        let names = Dictionary(table.places.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let settlements = try await TerritoryQueries.settlements(municipalities: table.places.map(\.code), on: req.db)
        let points = settlements.compactMap { settlement -> NeedsMap.Point? in
            guard let latitude = settlement.latitude, let longitude = settlement.longitude else { return nil }
            return NeedsMap.Point(
                municipality: settlement.municipalityCode,
                latitude: latitude,
                longitude: longitude,
                population: settlement.population ?? 0
            )
        }
        var types = [Choice(value: "", label: req.text(.planningAllServices), selected: type == nil)]
        types += SocialServiceType.allCases.map {
            Choice(value: $0.rawValue, label: $0.label(in: language), selected: $0 == type)
        }
        let context = Context(
            years: PlanningYear.choices(around: req, selected: year),
            types: types,
            map: NeedsMap.svg(
                points: points,
                places: table.places,
                title: req.text(.planningMapTitle),
                legend: (noData, req.text(.planningPerThousand)),
                language: language
            ),
            places: table.places.map {
                PlaceLine(
                    code: $0.code,
                    name: $0.name,
                    population: $0.population,
                    cells: NeedsCells($0.total, noData: noData, language: language)
                )
            },
            oblast: NeedsCells(table.oblast, noData: noData, language: language),
            details: table.rows.map { row in
                DetailLine(
                    municipality: names[row.key.municipality] ?? row.key.municipality,
                    serviceType: row.key.serviceType.label(in: language),
                    targetGroups: row.key.targetGroups.map { $0.label(in: language) }.joined(separator: ", "),
                    cells: NeedsCells(row.line, noData: noData, language: language)
                )
            },
            definitions: PlanningIndicator.all.map {
                Definition(name: req.text(.planningIndicatorName($0)), text: $0.definition(in: language))
            },
            notice: table.countsCasework ? nil : req.text(.planningOtherYear),
            asOf: table.asOf.display
        )
        return try await req.view.render("planning/needs", req.page(title: req.text(.planningNeedsTitle), context))
    }
}

/// `/api/v1/planning/needs`: the same table as numbers, null where there is no data.
struct NeedsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(APIGuard()).grouped("planning", "needs").get(use: needs)
    }

    struct NeedsDTO: Content {
        var year: Int
        var asOf: String
        var countsCasework: Bool
        var oblast: NeedsLineDTO
        var municipalities: [NeedsLineDTO]
        var lines: [NeedsLineDTO]
        var definitions: [String: String]
    }

    func needs(req: Request) async throws -> Response {
        let user = try req.require(.viewPlanning)
        let year = try PlanningYear.from(req)
        let table = try await NeedsTable.build(
            user.scope(for: .viewPlanning),
            year: year,
            serviceType: try NeedsRoutes.serviceType(req),
            request: req
        )
        return try req.json(
            NeedsDTO(
                year: table.year,
                asOf: table.asOf.iso,
                countsCasework: table.countsCasework,
                oblast: NeedsLineDTO(table.oblast),
                municipalities: table.places.map { NeedsLineDTO($0.total, municipality: $0.code) },
                lines: table.rows.map { NeedsLineDTO($0.line, key: $0.key) },
                definitions: Dictionary(
                    PlanningIndicator.all.map { ($0.id, $0.definition(in: req.language)) },
                    uniquingKeysWith: { a, _ in a }
                )
            )
        )
    }
}
