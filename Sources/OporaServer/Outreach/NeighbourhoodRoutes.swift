import Fluent
import OporaCore
import Vapor

/// The territory of the work: the neighbourhoods in reach, each drawn and listed by entrance with
/// its workers and last visit, and the manager's assignment of workers to entrances.
struct OutreachTerritoryRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("outreach", use: list)
        routes.get("outreach", "neighbourhoods", ":neighbourhoodID", use: show)
        routes.post("outreach", "entrances", ":entranceID", "workers", use: assign)
    }

    struct NeighbourhoodRow: Encodable, Sendable {
        var href: String
        var name: String
        var settlement: String
        var blocks: Int
        var entrances: Int
        var flats: Int
    }

    struct ListContext: Encodable, Sendable {
        var rows: [NeighbourhoodRow]
        var canRecord: Bool
    }

    func list(req: Request) async throws -> View {
        let user = try req.require(.viewOutreach)
        let reach = OutreachReach(user, .viewOutreach)
        var rows: [NeighbourhoodRow] = []
        let neighbourhoods = try await TerritoryOfWork.neighbourhoods(reach, on: req.db)
        let names = try await TerritoryNames.shared.settlementNames(
            neighbourhoods.map(\.settlementEkatte),
            on: req.db
        )
        for neighbourhood in neighbourhoods {
            let map = try await TerritoryOfWork.map(neighbourhood, on: req.db)
            rows.append(
                NeighbourhoodRow(
                    href: "/outreach/neighbourhoods/\(neighbourhood.id!)",
                    name: neighbourhood.name,
                    settlement: names[neighbourhood.settlementEkatte] ?? "",
                    blocks: map.blocks.count,
                    entrances: map.entrances.count,
                    flats: map.entrances.map(\.layout.flatCount).reduce(0, +)
                )
            )
        }
        return try await req.view.render(
            "outreach/neighbourhoods",
            req.page(
                title: req.text(.outreachTitle),
                ListContext(rows: rows, canRecord: user.can(.recordOutreachContacts))
            )
        )
    }

    struct EntranceRow: Encodable, Sendable {
        var id: String
        var block: String
        var entrance: String
        var floors: Int
        var flats: String
        var workers: String
        var lastVisit: String
        var lastOutcome: String
        var families: String
        var assignChoices: [Choice]
        var unassignChoices: [Choice]
    }

    struct LegendItem: Encodable, Sendable {
        var fill: String
        var label: String
    }

    struct MapContext: Encodable, Sendable {
        var name: String
        var settlement: String
        var svg: String
        var legend: [LegendItem]
        var entrances: [EntranceRow]
        var canAssign: Bool
        var form: FormState
        var summary: ErrorSummary?
    }

    func show(req: Request) async throws -> View {
        try await render(req, form: FormState())
    }

    private func render(
        _ req: Request,
        form: FormState,
        summary: ErrorSummary? = nil,
        id: UUID? = nil
    ) async throws
        -> View
    {
        let user = try req.require(.viewOutreach)
        let reach = OutreachReach(user, .viewOutreach)
        let neighbourhood = try await reach.neighbourhood(try id ?? req.uuidParameter("neighbourhoodID"), on: req.db)
        let map = try await TerritoryOfWork.map(neighbourhood, on: req.db)
        let language = req.language
        let today = CalendarDay.today(at: req.application.clock.now())
        let settlement = try await TerritoryNames.shared.settlementNames([neighbourhood.settlementEkatte], on: req.db)
        let canAssign =
            user.can(.assignOutreachWorkers)
            && user.scope(for: .assignOutreachWorkers).providers.contains(neighbourhood.providerID)
        let blockShort = req.text(.outreachBlockShort)
        let never = req.text(.outreachNever)
        func lastVisit(_ row: NeighbourhoodMap.Entrance) -> String { row.lastContact?.calendarDay?.display ?? never }
        func outcome(_ row: NeighbourhoodMap.Entrance) -> String {
            guard let last = row.lastContact else { return "—" }
            let said = last.contactOutcome?.label(in: language) ?? last.outcome
            return "\(said) (\(last.contactPurpose?.label(in: language) ?? last.purpose), \(last.workerName))"
        }
        func families(_ row: NeighbourhoodMap.Entrance) -> String {
            let parts = EngagementStage.allCases.compactMap { stage in
                row.stages[stage].map { "\(stage.label(in: language)): \($0)" }
            }
            return parts.isEmpty ? "—" : parts.joined(separator: "; ")
        }
        let blockNumbers = Dictionary(uniqueKeysWithValues: map.blocks.map { ($0.block.id!, $0.block.number) })
        let rows = map.entrances.map { row in
            let assigned = Set(row.workers.map(\.id!))
            return EntranceRow(
                id: row.entrance.id!.uuidString,
                block: "\(blockShort) \(blockNumbers[row.entrance.blockID] ?? "")",
                entrance: row.entrance.label,
                floors: row.layout.floors,
                flats: "\(row.layout.firstFlat)–\(row.layout.lastFlat)",
                workers: row.workers.isEmpty ? "—" : row.workers.map(\.displayName).joined(separator: ", "),
                lastVisit: lastVisit(row),
                lastOutcome: outcome(row),
                families: families(row),
                assignChoices: map.team.filter { !assigned.contains($0.id!) }.map {
                    Choice(value: $0.id!.uuidString, label: $0.displayName, selected: false)
                },
                unassignChoices: row.workers.map {
                    Choice(value: $0.id!.uuidString, label: $0.displayName, selected: false)
                }
            )
        }
        let legendKeys: [(NeighbourhoodDrawing.Recency, CatalogueKey)] = [
            (.week, .outreachLegendWeek), (.month, .outreachLegendMonth), (.older, .outreachLegendOlder),
            (.never, .outreachNever),
        ]
        let title = req.text(.outreachSchematic) + ": " + neighbourhood.name
        let svg = NeighbourhoodDrawing.svg(
            map,
            today: today,
            title: title,
            blockLabel: { "\(blockShort) \($0.number)" },
            describe: { row in
                "\(blockShort) \(blockNumbers[row.entrance.blockID] ?? ""), \(row.entrance.label): \(lastVisit(row)) · \(outcome(row))"
            }
        )
        let context = MapContext(
            name: neighbourhood.name,
            settlement: settlement[neighbourhood.settlementEkatte] ?? "",
            svg: svg,
            legend: legendKeys.map { LegendItem(fill: $0.0.fill, label: req.text($0.1)) },
            entrances: rows,
            canAssign: canAssign,
            form: form,
            summary: summary
        )
        return try await req.view.render("outreach/neighbourhood", req.page(title: neighbourhood.name, context))
    }

    struct AssignInput: Content, Sendable {
        var worker: String?
        var assigned: String?
    }

    func assign(req: Request) async throws -> Response {
        let user = try req.require(.assignOutreachWorkers)
        let reach = OutreachReach(user, .assignOutreachWorkers)
        let (neighbourhood, entrance) = try await TerritoryOfWork.entrance(
            try req.uuidParameter("entranceID"),
            reach,
            on: req.db
        )
        let input = try req.content.decode(AssignInput.self)
        let team = try await TerritoryOfWork.team(of: neighbourhood.providerID, on: req.db)
        let worker = team.first { $0.id?.uuidString == input.worker }
        let back = "/outreach/neighbourhoods/\(neighbourhood.id!)"
        guard let worker, let assigned = ["yes": true, "no": false][input.assigned ?? ""] else {
            var checks = req.fieldChecks()
            checks.add("worker-\(entrance.id!)", key: .outreachWorkerNotInTeam)
            let failure = ValidationFailure(problems: checks.problems)
            return try await render(
                req,
                form: FormState(errors: failure.byField),
                summary: req.errorSummary(failure),
                id: neighbourhood.id
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        try await TerritoryOfWork.assign(worker, to: entrance, assigned: assigned, request: req)
        return req.redirect(to: back + "#entrance-\(entrance.id!)", flash: .saved)
    }
}
