import Fluent
import OporaCore
import OporaScheduling
import Vapor

/// A planning run: its progress while it searches, then its plan beside the by-hand plan,
/// drawn per worker and day, with the visits left undone and why; publishing it as the week's
/// next version.
struct RunRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("home-care", "runs", ":runID", use: show)
        routes.get("home-care", "runs", ":runID", "progress", use: progress)
        routes.post("home-care", "runs", ":runID", "cancel", use: cancel)
        routes.post("home-care", "runs", ":runID", "publish", use: publish)
        routes.get("home-care", "runs", ":runID", "plan.csv", use: csv)
        routes.get("home-care", "runs", ":runID", "plan.xlsx", use: xlsx)
        routes.post("home-care", "runs", ":runID", "moves", use: move)
    }

    struct MoveInput: Content, Sendable {
        var visit: String?
        var worker: String?
        /// Another visit to swap with, instead of a worker.
        var swapWith: String?
        /// "HH:MM"; empty keeps the visit's start.
        var start: String?
        var day: Int?
    }

    /// Moves one visit to another worker (and start) and pins it there, if every hard rule holds.
    func move(req: Request) async throws -> Response {
        let (user, run) = try await run(req, .planHomeCare)
        let input = try req.content.decode(MoveInput.self)
        let startText = (input.start ?? "").trimmingCharacters(in: .whitespaces)
        do {
            var checks = req.fieldChecks()
            let swap = (input.swapWith ?? "").isEmpty ? nil : input.swapWith
            if (input.visit ?? "").isEmpty { checks.add("visit", key: .errorRequired) }
            if swap == nil, (input.worker ?? "").isEmpty { checks.add("worker", key: .planningMoveWorkerOrSwap) }
            let start = startText.isEmpty ? nil : TimeWindow.minute(ofClock: startText)
            if !startText.isEmpty, start == nil { checks.add("start", key: .staffShiftTime) }
            try checks.finish()
            let adjustment: PlanningStore.Adjustment =
                swap.map { .swap(input.visit!, $0) }
                ?? .move(visit: input.visit!, worker: input.worker!, start: start.map(Double.init))
            let adjusted = try await PlanningStore.adjust(run, adjustment, request: req)
            return req.redirect(to: "/home-care/runs/\(adjusted.id!)?day=\(max(0, min(input.day ?? 0, 6)))")
        } catch let failure as ValidationFailure {
            return try await render(req, user, run, summary: req.errorSummary(failure))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    /// The finished run's plan as a spreadsheet file.
    func csv(req: Request) async throws -> Response {
        let (run, rows) = try await exportRows(req)
        return Self.download(
            Data(PlanExport.csv(rows, language: req.language).utf8),
            type: HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"]),
            name: "plan-\(run.week).csv"
        )
    }

    func xlsx(req: Request) async throws -> Response {
        let (run, rows) = try await exportRows(req)
        let data = try PlanExport.xlsx(
            rows,
            language: req.language,
            sheetName: req.text(.planningVersion) + " " + run.week
        )
        return Self.download(
            data,
            type: HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            name: "plan-\(run.week).xlsx"
        )
    }

    private static func download(_ data: Data, type: HTTPMediaType, name: String) -> Response {
        SpreadsheetExport.download(data, type: type, name: name)
    }

    private func exportRows(_ req: Request) async throws -> (PlanningRun, [PlanExport.Row]) {
        let (user, run) = try await run(req, .viewHomeCare)
        guard let sealed = run.planSealed else { throw Abort(.notFound) }
        let key = req.application.dataKey
        let plan = try key.openJSON(CarePlan.self, sealed)
        let problem = try key.openJSON(CareProblem.self, run.problemSealed)
        let language = req.language
        let monday = CalendarDay(iso: run.week)!
        let visits = Dictionary(problem.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let people = try await PlansInForce.personNames(
            Set(problem.visits.compactMap { UUID(uuidString: $0.person) }),
            user.scope(for: .viewPeople),
            on: req.db
        )
        let staff = try await StaffStore.list(provider: run.providerID, user.scope(for: .viewHomeCare), on: req.db)
        let workers = Dictionary(
            staff.map { ($0.user.id!.uuidString, $0.user.displayName) },
            uniquingKeysWith: { a, _ in a }
        )
        let settlements = try await settlementNames(problem.places.map(\.id), on: req.db)
        let rows = plan.routes.flatMap { route in
            route.stops.compactMap { stop -> PlanExport.Row? in
                guard let id = stop.visit, let visit = visits[id] else { return nil }
                return PlanExport.Row(
                    day: monday.adding(days: route.day),
                    start: stop.start,
                    end: stop.end,
                    worker: workers[route.worker] ?? route.worker,
                    person: UUID(uuidString: visit.person).flatMap { people[$0] } ?? "",
                    settlement: settlements[visit.place] ?? visit.place,
                    skill: visit.skill.flatMap(CareSkill.init(rawValue:))?.label(in: language) ?? ""
                )
            }
        }
        return (run, rows)
    }

    private func run(_ req: Request, _ permission: Permission) async throws -> (CurrentUser, PlanningRun) {
        let user = try req.require(permission)
        let run = try await Scoped.find(
            PlanningRun.self,
            try req.uuidParameter("runID"),
            user.scope(for: permission),
            on: req.db
        )
        return (user, run)
    }

    struct Figure: Content, Sendable {
        var label: String
        var plan: String
        var baseline: String
    }

    struct Progress: Content, Sendable {
        var state: String
        var stateLabel: String
        var figures: [Figure]
        var secondsLeft: Int?
    }

    func progress(req: Request) async throws -> Progress {
        let (_, run) = try await run(req, .viewHomeCare)
        return Self.progress(run, req)
    }

    static func progress(_ run: PlanningRun, _ req: Request) -> Progress {
        let decoder = JSONDecoder()
        let current = run.progress.flatMap { try? decoder.decode(PlanFigures.self, from: Data($0.utf8)) }
        let baseline = run.baseline.flatMap { try? decoder.decode(PlanFigures.self, from: Data($0.utf8)) }
        var left: Int?
        if run.runState == .running, let started = run.startedAt {
            left = max(0, run.seconds - Int(req.application.clock.now().timeIntervalSince(started)))
        }
        return Progress(
            state: run.state,
            stateLabel: req.text(run.runState.textKey),
            figures: figures(current, baseline, req.language),
            secondsLeft: left
        )
    }

    static func figures(_ plan: PlanFigures?, _ baseline: PlanFigures?, _ language: Language) -> [Figure] {
        func row(_ bg: String, _ en: String, _ value: (PlanFigures) -> String) -> Figure {
            Figure(label: language == .bg ? bg : en, plan: plan.map(value) ?? "—", baseline: baseline.map(value) ?? "—")
        }
        return [
            row("Посещения в плана", "Visits planned") { "\($0.assigned) / \($0.visits)" },
            row("Пътуване като дял от платеното време", "Travel as a share of paid time") {
                percent($0.travelShare, in: language)
            },
            row("С избрания асистент (когато е на работа)", "With the chosen assistant (when at work)") {
                "\($0.withChosen) / \($0.chosenRequired)"
            },
            row("Със заместника или друг предпочетен служител", "With the substitute or another preferred worker") {
                String($0.withPreferred)
            },
            row("Различни служители на човек за седмицата", "Distinct workers per person in the week") {
                decimal($0.meanDistinctWorkers, places: 2, in: language)
            },
            row("Извънреден труд", "Overtime") {
                decimalHours(Int($0.overtimeMinutes.rounded()), in: language) + (language == .bg ? " ч" : " h")
            },
            row("Непланирани: лична помощ / други", "Unassigned: personal assistance / other") {
                "\($0.unassignedByPriority[1] ?? 0) / \($0.unassigned - ($0.unassignedByPriority[1] ?? 0))"
            },
        ]
    }

    struct StopLine: Encodable, Sendable {
        var time: String
        var person: String
        var settlement: String
        var skill: String
        var chosen: Bool
    }

    struct WorkerDay: Encodable, Sendable {
        var worker: String
        var stops: [StopLine]
        var travel: String
    }

    struct UnassignedLine: Encodable, Sendable {
        var person: String
        var day: String
        var window: String
        var reason: String
    }

    struct DayLink: Encodable, Sendable {
        var href: String
        var label: String
        var current: Bool
    }

    struct Context: Encodable, Sendable {
        var weekHref: String
        var state: String
        var stateLabel: String
        var running: Bool
        var progressHref: String
        var csvHref: String
        var xlsxHref: String
        var moveAction: String
        var moveVisits: [Choice]
        var moveWorkers: [Choice]
        var cancelAction: String
        var publishAction: String
        var canPlan: Bool
        var canPublish: Bool
        var latestVersion: Int
        var version: Int?
        var error: String?
        var figures: [Figure]
        var secondsLeft: Int?
        var days: [DayLink]
        var day: Int
        var timeline: String
        var workerDays: [WorkerDay]
        var routeWorkers: [Choice]
        var route: String
        var routeAction: String
        var unassigned: [UnassignedLine]
        var summary: ErrorSummary?
        /// Against the latest published version, when this run is not it.
        var changesAgainst: Int?
        var changes: [ChangeSummary.Line]
    }

    func show(req: Request) async throws -> View {
        let (user, run) = try await run(req, .viewHomeCare)
        return try await render(req, user, run, summary: nil)
    }

    private func render(
        _ req: Request,
        _ user: CurrentUser,
        _ run: PlanningRun,
        summary: ErrorSummary?
    ) async throws
        -> View
    {
        let language = req.language
        let progress = Self.progress(run, req)
        let monday = CalendarDay(iso: run.week)!
        let query = "?provider=\(run.providerID)"
        let versions = try await PlanningStore.versions(
            provider: run.providerID,
            week: monday,
            user.scope(for: .viewHomeCare),
            on: req.db
        )
        let canPlan = user.can(.planHomeCare) && user.scope(for: .planHomeCare).providers.contains(run.providerID)
        let href = "/home-care/runs/\(run.id!)"
        var context = Context(
            weekHref: "/home-care/weeks/\(run.week)\(query)",
            state: run.state,
            stateLabel: progress.stateLabel,
            running: run.runState == .queued || run.runState == .running,
            progressHref: href + "/progress",
            csvHref: href + "/plan.csv",
            xlsxHref: href + "/plan.xlsx",
            moveAction: href + "/moves",
            moveVisits: [],
            moveWorkers: [],
            cancelAction: href + "/cancel",
            publishAction: href + "/publish",
            canPlan: canPlan,
            canPublish: canPlan && run.runState == .finished && !versions.contains { $0.runID == run.id },
            latestVersion: versions.first?.number ?? 0,
            version: versions.first { $0.runID == run.id }?.number,
            error: run.error,
            figures: progress.figures,
            secondsLeft: progress.secondsLeft,
            days: [],
            day: 0,
            timeline: "",
            workerDays: [],
            routeWorkers: [],
            route: "",
            routeAction: href,
            unassigned: [],
            summary: summary,
            changesAgainst: nil,
            changes: []
        )
        if run.runState == .finished, let sealed = run.planSealed {
            let key = req.application.dataKey
            let plan = try key.openJSON(CarePlan.self, sealed)
            let problem = try key.openJSON(CareProblem.self, run.problemSealed)
            try await describe(plan, problem, provider: run.providerID, monday: monday, href: href, into: &context, req)
            if let latest = versions.first, latest.runID != run.id,
                let summary = try await PlanningStore.changes(from: latest, to: run, in: language, request: req)
            {
                context.changesAgainst = latest.number
                context.changes = summary.lines
            }
        }
        let title = WeekRoutes.weekTitle(monday, language)
        return try await req.view.render("homecare/run", req.page(title: title, context))
    }

    private func describe(
        _ plan: CarePlan,
        _ problem: CareProblem,
        provider: UUID,
        monday: CalendarDay,
        href: String,
        into context: inout Context,
        _ req: Request
    ) async throws {
        let language = req.language
        let day = max(0, min(req.query[Int.self, at: "day"] ?? 0, 6))
        let visits = Dictionary(problem.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let user = try req.currentUser()
        let people = try await PlansInForce.personNames(
            Set(problem.visits.compactMap { UUID(uuidString: $0.person) }),
            user.scope(for: .viewPeople),
            on: req.db
        )
        let workerIDs = Set(problem.workers.compactMap { UUID(uuidString: $0.id) })
        let staff = try await StaffStore.list(provider: provider, user.scope(for: .viewHomeCare), on: req.db)
        let workerNames = Dictionary(
            staff.filter { workerIDs.contains($0.user.id!) }.map { ($0.user.id!.uuidString, $0.user.displayName) },
            uniquingKeysWith: { a, _ in a }
        )
        let settlements = try await settlementNames(problem.places.map(\.id), on: req.db)
        func person(_ visit: CareProblem.Visit?) -> String {
            visit.flatMap { UUID(uuidString: $0.person) }.flatMap { people[$0] } ?? "—"
        }
        context.day = day
        context.days = (0..<7).map { index in
            let date = monday.adding(days: index)
            return DayLink(
                href: href + "?day=\(index)",
                label: date.weekday.short(in: language) + " " + date.display,
                current: index == day
            )
        }
        // A worker on split shifts has two routes a day; the page shows one lane per worker.
        let routes = Dictionary(grouping: plan.routes.filter { $0.day == day }, by: \.worker)
            .map { worker, shifts in (worker, shifts.sorted { $0.leave < $1.leave }) }
            .filter { _, shifts in shifts.contains { $0.stops.contains { $0.visit != nil } } }
            .sorted {
                BulgarianCollation.sortKey(workerNames[$0.0] ?? "")
                    < BulgarianCollation.sortKey(workerNames[$1.0] ?? "")
            }
        var lanes: [PlanDrawing.Lane] = []
        for (worker, shifts) in routes {
            let name = workerNames[worker] ?? worker
            let stops = shifts.flatMap(\.stops).filter { $0.visit != nil }
            lanes.append(
                PlanDrawing.Lane(
                    name: name,
                    bars: stops.map { stop in
                        PlanDrawing.Bar(
                            start: stop.start,
                            end: stop.end,
                            travelBefore: stop.travelBefore,
                            label:
                                "\(TimeWindow.clock(Int(stop.start)))–\(TimeWindow.clock(Int(stop.end))) \(person(visits[stop.visit!]))"
                        )
                    }
                )
            )
            context.workerDays.append(
                WorkerDay(
                    worker: name,
                    stops: stops.map { stop in
                        let visit = visits[stop.visit!]
                        return StopLine(
                            time: "\(TimeWindow.clock(Int(stop.start)))–\(TimeWindow.clock(Int(stop.end)))",
                            person: person(visit),
                            settlement: visit.flatMap { settlements[$0.place] } ?? "",
                            skill: visit?.skill.flatMap(CareSkill.init(rawValue:))?.label(in: language) ?? "",
                            chosen: visit?.requiredWorker == worker
                        )
                    },
                    travel: hoursAndMinutes(Int(shifts.reduce(0) { $0 + $1.travelMinutes }.rounded()), in: language)
                )
            )
        }
        let date = monday.adding(days: day)
        context.timeline = PlanDrawing.timeline(
            lanes,
            title: (language == .bg ? "Разписание за " : "Timeline for ") + date.display
        )
        let asked = req.query[String.self, at: "worker"]
        context.routeWorkers = routes.map { worker, _ in
            Choice(value: worker, label: workerNames[worker] ?? worker, selected: worker == asked)
        }
        if let (worker, shifts) = routes.first(where: { $0.0 == asked }) ?? routes.first {
            let places = Dictionary(problem.places.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let points = shifts.flatMap(\.stops).compactMap { stop -> PlanDrawing.Point? in
                guard let id = stop.place ?? stop.visit.flatMap({ visits[$0]?.place }), let place = places[id],
                    let lat = place.latitude, let lon = place.longitude
                else { return nil }
                return PlanDrawing.Point(latitude: lat, longitude: lon, name: settlements[id] ?? id)
            }
            context.route = PlanDrawing.route(
                points,
                title: (language == .bg ? "Маршрут на " : "Route of ") + (workerNames[worker] ?? "")
            )
            if context.routeWorkers.allSatisfy({ !$0.selected }), !context.routeWorkers.isEmpty {
                context.routeWorkers[0].selected = true
            }
        }
        // The move form offers the day's visits, planned or not, and every worker at work that day.
        var dayVisits: [Choice] = []
        for (worker, shifts) in routes {
            for stop in shifts.flatMap(\.stops) {
                guard let id = stop.visit else { continue }
                let time = "\(TimeWindow.clock(Int(stop.start)))–\(TimeWindow.clock(Int(stop.end)))"
                dayVisits.append(
                    Choice(
                        value: id,
                        label: "\(time) \(person(visits[id])) (\(workerNames[worker] ?? ""))",
                        selected: false
                    )
                )
            }
        }
        for item in plan.unassigned {
            guard let visit = visits[item.visit], visit.day == day else { continue }
            let unplanned = language == .bg ? "непланирано" : "unassigned"
            dayVisits.append(Choice(value: item.visit, label: "\(person(visit)) (\(unplanned))", selected: false))
        }
        context.moveVisits = dayVisits
        context.moveWorkers = problem.workers.filter { worker in worker.shifts.contains { $0.day == day } }
            .map { Choice(value: $0.id, label: workerNames[$0.id] ?? $0.id, selected: false) }
            .sorted { BulgarianCollation.sortKey($0.label) < BulgarianCollation.sortKey($1.label) }
        context.unassigned = plan.unassigned.compactMap { item in
            guard let visit = visits[item.visit] else { return nil }
            let date = monday.adding(days: visit.day)
            let window = visit.windows.first.map {
                "\(TimeWindow.clock(Int($0[0])))–\(TimeWindow.clock(Int($0[1] + visit.duration)))"
            }
            return UnassignedLine(
                person: person(visit),
                day: date.weekday.short(in: language) + " " + date.display,
                window: window ?? "",
                reason: language == .bg ? item.messageBG : item.messageEN
            )
        }
    }

    func cancel(req: Request) async throws -> Response {
        let (_, run) = try await run(req, .planHomeCare)
        try await PlanningStore.cancel(run, request: req)
        return req.redirect(to: "/home-care/runs/\(run.id!)")
    }

    struct PublishInput: Content, Sendable {
        var basedOn: Int?
    }

    func publish(req: Request) async throws -> Response {
        let (user, run) = try await run(req, .planHomeCare)
        let input = try req.content.decode(PublishInput.self)
        guard let basedOn = input.basedOn, (0...100_000).contains(basedOn) else { throw Abort(.badRequest) }
        do {
            let version = try await PlanningStore.publish(run, basedOn: basedOn, request: req)
            return req.redirect(
                to: "/home-care/runs/\(run.id!)",
                message: req.text(.planningPublished).replacingOccurrences(of: "{n}", with: String(version.number))
            )
        } catch is EditConflict {
            return try await render(
                req,
                user,
                run,
                summary: req.errorSummary(message: req.text(.planningPublishConflict))
            )
            .encodeResponse(status: .conflict, for: req)
        }
    }
}
