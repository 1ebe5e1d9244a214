import Fluent
import OporaCore
import Vapor

/// `/api/v1/outreach`: the neighbourhoods in reach with their blocks and entrances, the contacts
/// logged at the doors, and the worker's contact time, with the pages' reach and checks.
struct OutreachAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(APIGuard()).grouped("outreach")
        api.get("neighbourhoods", use: neighbourhoods)
        api.get("neighbourhoods", ":neighbourhoodID", use: neighbourhood)
        api.post("contacts", use: ContactEndpoint.submit)
        api.get("timesheet", use: timesheet)
    }

    struct NeighbourhoodDTO: Content, Sendable {
        var id: UUID
        var name: String
        var providerId: UUID
        var municipalityCode: String
        var settlementEkatte: String

        init(_ n: Neighbourhood) {
            id = n.id!
            name = n.name
            providerId = n.providerID
            municipalityCode = n.municipalityCode
            settlementEkatte = n.settlementEkatte
        }
    }

    struct EntranceDTO: Content, Sendable {
        var id: UUID
        var label: String
        var floors: Int
        var flatsPerFloor: Int
        var firstFlat: Int
        var lastFlat: Int
        var workers: [String]
        var lastVisit: String?
        var lastOutcome: String?
        /// Families by `EngagementStage`, one a flat where someone was met.
        var families: [String: Int]
    }

    struct BlockDTO: Content, Sendable {
        var id: UUID
        var number: String
        var entrances: [EntranceDTO]
    }

    struct MapDTO: Content, Sendable {
        var neighbourhood: NeighbourhoodDTO
        var blocks: [BlockDTO]
    }

    struct DayDTO: Content, Sendable {
        var day: String
        var contacts: Int
        var minutes: Int
    }

    struct TimesheetDTO: Content, Sendable {
        var month: String
        var days: [DayDTO]
        var totalMinutes: Int
        var trustMinutes: Int
    }

    func neighbourhoods(req: Request) async throws -> Response {
        let user = try req.require(.viewOutreach)
        let found = try await TerritoryOfWork.neighbourhoods(OutreachReach(user, .viewOutreach), on: req.db)
        return try req.json(found.map(NeighbourhoodDTO.init))
    }

    func neighbourhood(req: Request) async throws -> Response {
        let user = try req.require(.viewOutreach)
        let reach = OutreachReach(user, .viewOutreach)
        let found = try await reach.neighbourhood(try req.uuidParameter("neighbourhoodID"), on: req.db)
        let map = try await TerritoryOfWork.map(found, on: req.db)
        return try req.json(
            MapDTO(
                neighbourhood: NeighbourhoodDTO(found),
                blocks: map.blocks.map { block in
                    BlockDTO(
                        id: block.block.id!,
                        number: block.block.number,
                        entrances: block.entrances.map { row in
                            EntranceDTO(
                                id: row.entrance.id!,
                                label: row.entrance.label,
                                floors: row.layout.floors,
                                flatsPerFloor: row.layout.flatsPerFloor,
                                firstFlat: row.layout.firstFlat,
                                lastFlat: row.layout.lastFlat,
                                workers: row.workers.map(\.username),
                                lastVisit: row.lastContact?.day,
                                lastOutcome: row.lastContact?.outcome,
                                families: Dictionary(
                                    uniqueKeysWithValues: row.stages.map { ($0.key.rawValue, $0.value) }
                                )
                            )
                        }
                    )
                }
            )
        )
    }

    func timesheet(req: Request) async throws -> Response {
        let user = try req.require(.recordOutreachContacts)
        let month = try ContactTimeRoutes.month(req)
        let (days, total, trust) = try await ContactTimeRoutes.summary(user, month, on: req.db)
        return try req.json(
            TimesheetDTO(
                month: month.iso,
                days: days.map { DayDTO(day: $0.day.iso, contacts: $0.contacts, minutes: $0.minutes) },
                totalMinutes: total,
                trustMinutes: trust
            )
        )
    }
}
