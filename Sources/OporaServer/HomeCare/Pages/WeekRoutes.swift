import Fluent
import OporaCore
import Vapor

/// A week of a centre: the visits its plans in force ask for, the people's hours against their
/// plans and entitlements, the plannings asked for and the versions published.
struct WeekRoutes: RouteCollection {
    static let rowsPerPage = 200

    func boot(routes: any RoutesBuilder) throws {
        routes.get("home-care", use: start)
        routes.get("home-care", "weeks", ":monday", use: show)
        routes.post("home-care", "weeks", ":monday", "runs", use: plan)
        routes.post("home-care", "weeks", ":monday", "visits", use: addVisit)
        routes.get("home-care", "weeks", ":monday", "cancel", use: cancelForm)
        routes.post("home-care", "weeks", ":monday", "cancel", use: cancelVisit)
    }

    /// The week to plan next: the coming Monday's.
    func start(req: Request) async throws -> Response {
        _ = try req.require(.viewHomeCare)
        let today = CalendarDay.today(at: req.application.clock.now())
        let offset = (7 - Weekday.allCases.firstIndex(of: today.weekday)!) % 7
        let monday = today.adding(days: offset == 0 ? 7 : offset)
        return req.redirect(to: "/home-care/weeks/\(monday.iso)" + Self.providerQuery(req))
    }

    static func providerQuery(_ req: Request) -> String {
        req.query[String.self, at: "provider"].flatMap(UUID.init(uuidString:)).map { "?provider=\($0)" } ?? ""
    }

    /// The Monday named in the path; any other day, or no date, is refused.
    static func monday(_ req: Request) throws -> CalendarDay {
        guard let day = CalendarDay(iso: req.parameters.get("monday") ?? ""), day.weekday == .monday,
            (2000...2100).contains(day.year)
        else { throw Abort(.notFound) }
        return day
    }

    struct DemandLine: Encodable, Sendable {
        var person: String
        var caseHref: String
        var settlement: String
        var service: String
        var day: String
        var window: String
        var minutes: String
        var chosen: String
        var substitute: String
        var notes: String
        var cancelled: Bool
        var extra: Bool
        var cancelHref: String?
    }

    struct PersonLine: Encodable, Sendable {
        var person: String
        var caseHref: String
        var planned: String
        var generated: String
        var beyond: String?
    }

    struct RunLine: Encodable, Sendable {
        var href: String
        var state: String
        var requested: String
        var by: String
    }

    struct VersionLine: Encodable, Sendable {
        var href: String
        var number: Int
        var published: String
        var by: String
    }

    struct Context: Encodable, Sendable {
        var centres: [Choice]
        var hasCentre: Bool
        var week: String
        var action: String
        var previous: String
        var next: String
        var visits: Int
        var hours: String
        var people: Int
        var staffAtWork: Int
        var canPlan: Bool
        var latestVersion: Int
        var lines: [DemandLine]
        var personLines: [PersonLine]
        var runs: [RunLine]
        var versions: [VersionLine]
        var pager: [Link]
        var summary: ErrorSummary?
        var visitAction: String
        var extraForm: FormState
        var extraPeople: [Choice]
        var extraDays: [Choice]
        var extraSkills: [Choice]
    }

    struct Link: Encodable, Sendable {
        var href: String
        var label: String
        var current: Bool
    }

    func show(req: Request) async throws -> View {
        try await render(req, summary: nil)
    }

    private func render(
        _ req: Request,
        summary: ErrorSummary?,
        extraForm: FormState = FormState()
    ) async throws
        -> View
    {
        let user = try req.require(.viewHomeCare)
        let scope = user.scope(for: .viewHomeCare)
        let monday = try Self.monday(req)
        let language = req.language
        let (centre, centres) = try await HomeCareCentre.chosen(req, scope)
        let query = centre.map { "?provider=\($0)" } ?? ""
        let base = "/home-care/weeks/"
        var context = Context(
            centres: centres,
            hasCentre: centre != nil,
            week: Self.weekTitle(monday, language),
            action: base + monday.iso + "/runs" + query,
            previous: base + monday.adding(days: -7).iso + query,
            next: base + monday.adding(days: 7).iso + query,
            visits: 0,
            hours: "0",
            people: 0,
            staffAtWork: 0,
            canPlan: false,
            latestVersion: 0,
            lines: [],
            personLines: [],
            runs: [],
            versions: [],
            pager: [],
            summary: summary,
            visitAction: base + monday.iso + "/visits" + query,
            extraForm: extraForm,
            extraPeople: [],
            extraDays: [],
            extraSkills: []
        )
        guard let centre else {
            return try await req.view.render("homecare/week", req.page(title: req.text(.homeCareTitle), context))
        }
        let week = try await WeekDemandBuilder.week(
            provider: centre,
            monday: monday,
            scope: user.scope(for: .viewPeople),
            language: language,
            key: req.application.dataKey,
            on: req.db
        )
        let names = Dictionary(week.roster.map { ($0.userID, $0.name) }, uniquingKeysWith: { a, _ in a })
        let settlements = try await settlementNames(Array(Set(week.rows.map(\.settlement))), on: req.db)
        let page = max(1, min(req.query[Int.self, at: "page"] ?? 1, 10_000))
        let pages = max(1, (week.rows.count + Self.rowsPerPage - 1) / Self.rowsPerPage)
        let shown = week.rows.dropFirst((min(page, pages) - 1) * Self.rowsPerPage).prefix(Self.rowsPerPage)
        context.lines = shown.map { row in
            DemandLine(
                person: row.personName,
                caseHref: "/cases/\(row.caseID)",
                settlement: settlements[row.settlement] ?? row.settlement,
                service: row.skill.label(in: language),
                day: row.visit.day.weekday.short(in: language) + " " + row.visit.day.display,
                window: row.visit.window.display,
                minutes: String(row.visit.minutes),
                chosen: row.visit.chosenWorkerID.flatMap { names[$0] } ?? "—",
                substitute: row.visit.substituteWorkerID.flatMap { names[$0] } ?? "—",
                notes: row.notes.joined(separator: "; "),
                cancelled: row.cancelled,
                extra: row.visit.source == .oneOff,
                cancelHref: row.cancelled
                    ? nil
                    : base + monday.iso + "/cancel?visit="
                        + (row.visitID.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                        + (query.isEmpty ? "" : "&provider=\(centre)")
            )
        }
        context.pager =
            pages > 1
            ? (1...pages).map {
                Link(
                    href: base + monday.iso + (query.isEmpty ? "?" : query + "&") + "page=\($0)",
                    label: String($0),
                    current: $0 == page
                )
            } : []
        context.personLines = week.people.map { person in
            PersonLine(
                person: person.personName,
                caseHref: "/cases/\(person.caseID)",
                planned: decimalHours(person.demand.plannedWeeklyMinutes, in: language),
                generated: decimalHours(person.demand.generatedMinutes, in: language),
                beyond: person.demand.minutesBeyondEntitlement > 0
                    ? decimalHours(person.demand.minutesBeyondEntitlement, in: language) : nil
            )
        }
        let values = extraForm.values
        context.extraPeople =
            [Choice(value: "", label: "—", selected: (values["person"] ?? "").isEmpty)]
            + week.people.map {
                Choice(
                    value: $0.caseID.uuidString,
                    label: $0.personName,
                    selected: values["person"] == $0.caseID.uuidString
                )
            }
        context.extraDays = week.days.map {
            Choice(
                value: $0.iso,
                label: $0.weekday.label(in: language) + " " + $0.display,
                selected: values["day"] == $0.iso
            )
        }
        context.extraSkills = CareSkill.allCases.map {
            Choice(
                value: $0.rawValue,
                label: $0.label(in: language),
                selected: (values["skill"] ?? "personalCare") == $0.rawValue
            )
        }
        let planned = week.rows.filter { !$0.cancelled }
        context.visits = planned.count
        context.hours = decimalHours(planned.reduce(0) { $0 + $1.visit.minutes }, in: language)
        context.people = week.people.filter { !$0.demand.visits.isEmpty }.count
        context.staffAtWork = week.problem().workers.count
        context.canPlan = user.can(.planHomeCare) && user.scope(for: .planHomeCare).providers.contains(centre)
        if !context.canPlan {
            context.lines = context.lines.map {
                var line = $0
                line.cancelHref = nil
                return line
            }
        }
        let runs = try await PlanningStore.runs(provider: centre, week: monday, scope, on: req.db)
        context.runs = runs.map { run in
            RunLine(
                href: "/home-care/runs/\(run.id!)",
                state: req.text(run.runState.textKey),
                requested: SofiaTime.dateTime(run.createdAt),
                by: run.requestedBy
            )
        }
        let versions = try await PlanningStore.versions(provider: centre, week: monday, scope, on: req.db)
        context.latestVersion = versions.first?.number ?? 0
        context.versions = versions.map { version in
            VersionLine(
                href: "/home-care/runs/\(version.runID)",
                number: version.number,
                published: SofiaTime.dateTime(version.publishedAt),
                by: version.publishedBy
            )
        }
        return try await req.view.render("homecare/week", req.page(title: context.week, context))
    }

    static func weekTitle(_ monday: CalendarDay, _ language: Language) -> String {
        let sunday = monday.adding(days: 6)
        return language == .bg
            ? "Седмица \(monday.display) – \(sunday.display)" : "Week \(monday.display) – \(sunday.display)"
    }

    struct PlanInput: Content, Sendable {
        /// "replan" to start from the latest published version.
        var mode: String?
    }

    func plan(req: Request) async throws -> Response {
        let user = try req.require(.planHomeCare)
        let scope = user.scope(for: .planHomeCare)
        let monday = try Self.monday(req)
        let (centre, _) = try await HomeCareCentre.chosen(req, scope)
        guard let centre, scope.providers.contains(centre) else { throw Abort(.notFound) }
        let input = try req.content.decode(PlanInput.self)
        let week = try await WeekDemandBuilder.week(
            provider: centre,
            monday: monday,
            scope: user.scope(for: .viewPeople),
            language: req.language,
            key: req.application.dataKey,
            on: req.db
        )
        let latest = try await PlanningStore.versions(provider: centre, week: monday, scope, on: req.db).first
        do {
            let run = try await PlanningStore.request(
                week: week,
                provider: centre,
                replanning: input.mode == "replan" ? latest : nil,
                scope: scope,
                request: req
            )
            return req.redirect(to: "/home-care/runs/\(run.id!)")
        } catch let failure as ValidationFailure {
            return try await render(req, summary: req.errorSummary(failure)).encodeResponse(
                status: .unprocessableEntity,
                for: req
            )
        }
    }

    /// The centre a coordinator plans and its week as planning sees it.
    private func plannable(_ req: Request) async throws -> (UUID, PlanningWeek) {
        let user = try req.require(.planHomeCare)
        let scope = user.scope(for: .planHomeCare)
        let monday = try Self.monday(req)
        let (centre, _) = try await HomeCareCentre.chosen(req, scope)
        guard let centre, scope.providers.contains(centre) else { throw Abort(.notFound) }
        let week = try await WeekDemandBuilder.week(
            provider: centre,
            monday: monday,
            scope: user.scope(for: .viewPeople),
            language: req.language,
            key: req.application.dataKey,
            on: req.db
        )
        return (centre, week)
    }

    func addVisit(req: Request) async throws -> Response {
        let (centre, week) = try await plannable(req)
        let input = try req.content.decode(ExtraVisitInput.self)
        var checks = req.fieldChecks()
        let visit = ExtraVisit.validate(input, week: week, checks: &checks)
        do {
            try checks.finish()
            try await DemandStore.addExtra(visit!, provider: centre, week: week.monday, request: req)
            return req.redirect(to: "/home-care/weeks/\(week.monday.iso)?provider=\(centre)#demand", flash: .saved)
        } catch let failure as ValidationFailure {
            let values = [
                "person": input.person ?? "", "day": input.day ?? "", "from": input.from ?? "",
                "until": input.until ?? "", "minutes": input.minutes ?? "", "skill": input.skill ?? "",
                "reason": input.reason ?? "",
            ]
            return try await render(
                req,
                summary: req.errorSummary(failure),
                extraForm: FormState(values: values, errors: failure.byField)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    struct CancelContext: Encodable, Sendable {
        var action: String
        var back: String
        var visitID: String
        var person: String
        var day: String
        var window: String
        var form: FormState
        var summary: ErrorSummary?
    }

    func cancelForm(req: Request) async throws -> View {
        let (centre, week) = try await plannable(req)
        return try await renderCancel(
            req,
            centre,
            week,
            visitID: req.query[String.self, at: "visit"] ?? "",
            form: FormState()
        )
    }

    private func renderCancel(
        _ req: Request,
        _ centre: UUID,
        _ week: PlanningWeek,
        visitID: String,
        form: FormState,
        summary: ErrorSummary? = nil
    ) async throws -> View {
        guard let row = week.rows.first(where: { $0.visitID == visitID && !$0.cancelled }) else {
            throw Abort(.notFound)
        }
        let language = req.language
        let context = CancelContext(
            action: "/home-care/weeks/\(week.monday.iso)/cancel?provider=\(centre)",
            back: "/home-care/weeks/\(week.monday.iso)?provider=\(centre)",
            visitID: visitID,
            person: row.personName,
            day: row.visit.day.weekday.label(in: language) + " " + row.visit.day.display,
            window: row.visit.window.display,
            form: form,
            summary: summary
        )
        return try await req.view.render(
            "homecare/cancel-visit",
            req.page(title: req.text(.planningCancelVisit), context)
        )
    }

    func cancelVisit(req: Request) async throws -> Response {
        let (centre, week) = try await plannable(req)
        let input = try req.content.decode(CancelVisitInput.self)
        let visitID = input.visitID ?? ""
        guard week.rows.contains(where: { $0.visitID == visitID && !$0.cancelled }) else { throw Abort(.notFound) }
        var checks = req.fieldChecks()
        let reason = checks.text("reason", input.reason, maximum: 500)
        do {
            try checks.finish()
            try await DemandStore.cancel(visitID, reason: reason, provider: centre, week: week.monday, request: req)
            return req.redirect(to: "/home-care/weeks/\(week.monday.iso)?provider=\(centre)#demand", flash: .saved)
        } catch let failure as ValidationFailure {
            return try await renderCancel(
                req,
                centre,
                week,
                visitID: visitID,
                form: FormState(values: ["reason": input.reason ?? ""], errors: failure.byField),
                summary: req.errorSummary(failure)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }
}
