import Fluent
import OporaCore
import Vapor

/// The centre's staff development: each worker's hours of the year by kind, who is overdue for
/// supervision, the year's records, and the manager's form to record one.
struct DevelopmentRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("home-care", "development", use: list)
        routes.get("home-care", "development", "hours.csv") { req in try await export(req, xlsx: false) }
        routes.get("home-care", "development", "hours.xlsx") { req in try await export(req, xlsx: true) }
        routes.post("home-care", "development", use: create)
        routes.get("home-care", "development", "records", ":recordID", use: show)
        routes.post("home-care", "development", "records", ":recordID", use: update)
    }

    struct WorkerRow: Encodable, Sendable {
        var name: String
        var job: String
        var hours: [String]
        var total: String
        var last: String
        var due: String
        var overdue: Bool
    }

    struct RecordRow: Encodable, Sendable {
        var href: String
        var day: String
        var worker: String
        var kind: String
        var hours: String
        var topic: String
        var ledBy: String
    }

    struct ListContext: Encodable, Sendable {
        var centres: [Choice]
        var provider: String
        var years: [Choice]
        var year: Int
        var kinds: [String]
        var rows: [WorkerRow]
        var overdue: [WorkerRow]
        var months: Int
        var records: [RecordRow]
        var canRecord: Bool
        var form: FormState
        var summary: ErrorSummary?
        var workerChoices: [Choice]
        var kindChoices: [Choice]
        var formToken: String
        var today: String
    }

    /// The year asked for: this year or one of the `DevelopmentDayProblem.oldestYears` before it.
    static func year(_ req: Request, today: CalendarDay) throws -> Int {
        guard let text = req.query[String.self, at: "year"], !text.isEmpty else { return today.year }
        guard text.count == 4, let year = Int(text),
            (today.year - DevelopmentDayProblem.oldestYears...today.year)
                .contains(year)
        else { throw Abort(.badRequest, reason: req.text(.developmentYearRange)) }
        return year
    }

    func list(req: Request) async throws -> View {
        try await render(req, form: FormState())
    }

    private func render(
        _ req: Request,
        form: FormState,
        summary: ErrorSummary? = nil,
        centre asked: UUID? = nil
    ) async throws -> View {
        let user = try req.require(.viewStaffDevelopment)
        let scope = user.scope(for: .viewStaffDevelopment)
        var (centre, centres) = try await HomeCareCentre.chosen(req, scope)
        if let asked { centre = asked }
        let language = req.language
        let today = CalendarDay.today(at: req.application.clock.now())
        let year = try Self.year(req, today: today)
        let summaries =
            try await centre.asyncFlatMap {
                try await DevelopmentStore.summary(provider: $0, year: year, today: today, scope, on: req.db)
            } ?? []
        let rows = Self.rows(summaries, req)
        let names = Dictionary(
            summaries.map { ($0.entry.user.id!, $0.entry.user.displayName) },
            uniquingKeysWith: { a, _ in a }
        )
        let canRecord =
            user.can(.recordStaffDevelopment)
            && centre.map { user.scope(for: .recordStaffDevelopment).providers.contains($0) } ?? false
        let key = req.application.dataKey
        let records =
            try await centre.asyncFlatMap {
                try await DevelopmentStore.records(provider: $0, year: year, scope, on: req.db)
            } ?? []
        let recordRows = try records.map { record in
            RecordRow(
                href: "/home-care/development/records/\(record.id!)",
                day: record.calendarDay?.display ?? record.day,
                worker: names[record.userID] ?? "—",
                kind: record.developmentKind?.label(in: language) ?? record.kind,
                hours: DevelopmentHours.format(record.hundredths, in: language),
                topic: try key.open(record.topicSealed),
                ledBy: record.ledBy
            )
        }
        let chosenWorker = form.values["worker"] ?? ""
        let chosenKind = form.values["kind"] ?? ""
        let context = ListContext(
            centres: centres,
            provider: centre?.uuidString ?? "",
            years: (today.year - DevelopmentDayProblem.oldestYears...today.year).reversed().map {
                Choice(value: String($0), label: String($0), selected: $0 == year)
            },
            year: year,
            kinds: DevelopmentKind.allCases.map { $0.label(in: language) },
            rows: rows,
            overdue: rows.filter(\.overdue),
            months: SupervisionRule.months,
            records: recordRows,
            canRecord: canRecord,
            form: form,
            summary: summary,
            workerChoices: [Choice(value: "", label: "—", selected: chosenWorker.isEmpty)]
                + summaries.map {
                    Choice(
                        value: $0.entry.user.id!.uuidString,
                        label: $0.entry.user.displayName,
                        selected: $0.entry.user.id!.uuidString == chosenWorker
                    )
                },
            kindChoices: Self.kindChoices(chosenKind, language),
            formToken: FormOnce.token(),
            today: today.iso
        )
        return try await req.view.render("homecare/development", req.page(title: req.text(.developmentTitle), context))
    }

    /// Each worker's year as the page's table and its files show it.
    static func rows(_ summaries: [DevelopmentSummary], _ req: Request) -> [WorkerRow] {
        let language = req.language
        let never = req.text(.developmentNever)
        let dueNow = req.text(.developmentDueNow)
        return summaries.map { s in
            WorkerRow(
                name: s.entry.user.displayName,
                job: s.entry.user.jobTitle?.label(in: language) ?? "",
                hours: DevelopmentKind.allCases.map { DevelopmentHours.format(s.year.byKind[$0] ?? 0, in: language) },
                total: DevelopmentHours.format(s.year.total, in: language),
                last: s.lastSupervision?.display ?? (s.supervised ? never : "—"),
                due: s.supervised ? (s.due?.display ?? dueNow) : "—",
                overdue: s.overdue
            )
        }
    }

    /// The year's hours per worker as CSV or XLSX, with the same columns as the page's table.
    func export(_ req: Request, xlsx: Bool) async throws -> Response {
        let user = try req.require(.viewStaffDevelopment)
        let scope = user.scope(for: .viewStaffDevelopment)
        guard let centre = try await HomeCareCentre.chosen(req, scope).id else { throw Abort(.notFound) }
        let today = CalendarDay.today(at: req.application.clock.now())
        let year = try Self.year(req, today: today)
        let summaries = try await DevelopmentStore.summary(
            provider: centre,
            year: year,
            today: today,
            scope,
            on: req.db
        )
        let header =
            [req.text(.fieldDisplayName), req.text(.fieldJobTitle)]
            + DevelopmentKind.allCases.map { $0.label(in: req.language) }
            + [req.text(.developmentTotal), req.text(.developmentLastSupervision), req.text(.developmentDue)]
        let cells =
            [header]
            + Self.rows(summaries, req).map { row in
                [row.name, row.job] + row.hours + [row.total, row.last, row.due]
            }
        let name = "development-\(year)"
        if xlsx {
            let data = try SpreadsheetExport.xlsx(cells, sheetName: req.text(.developmentHours) + " \(year)")
            return SpreadsheetExport.download(data, type: SpreadsheetExport.xlsxType, name: name + ".xlsx")
        }
        return SpreadsheetExport.download(
            Data(SpreadsheetExport.csv(cells).utf8),
            type: SpreadsheetExport.csvType,
            name: name + ".csv"
        )
    }

    static func kindChoices(_ chosen: String, _ language: Language) -> [Choice] {
        [Choice(value: "", label: "—", selected: chosen.isEmpty)]
            + DevelopmentKind.allCases.map {
                Choice(value: $0.rawValue, label: $0.label(in: language), selected: $0.rawValue == chosen)
            }
    }

    func create(req: Request) async throws -> Response {
        let user = try req.require(.recordStaffDevelopment)
        let scope = user.scope(for: .recordStaffDevelopment)
        let input = try req.content.decode(DevelopmentInput.self)
        var checks = req.fieldChecks()
        // A worker named in the request must be staff in the scope: another centre's is not found.
        let workerID = UUID(uuidString: input.worker ?? "")
        let entry = try await workerID.asyncFlatMap { try await StaffStore.member($0, scope, on: req.db) }
        if entry == nil { checks.add("worker", key: .developmentWorkerRequired) }
        let today = CalendarDay.today(at: req.application.clock.now())
        let draft = DevelopmentDraft.validate(input, today: today, checks: &checks)
        do {
            try checks.finish()
            let year = draft!.day.year
            let back = "/home-care/development?provider=\(entry!.user.providerID!)&year=\(year)#records"
            guard
                try await FormOnce.claim(
                    try? req.content.get(String.self, at: FormOnce.field),
                    user: user.id,
                    request: req
                )
            else { return req.redirect(to: back) }
            _ = try await DevelopmentStore.create(draft!, for: entry!, request: req)
            return req.redirect(to: back, flash: .saved)
        } catch let failure as ValidationFailure {
            return try await render(
                req,
                form: FormState(values: input.values, errors: failure.byField),
                summary: req.errorSummary(failure),
                centre: entry?.user.providerID
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    struct RecordContext: Encodable, Sendable {
        var action: String
        var back: String
        var worker: String
        var version: Int
        var canEdit: Bool
        var form: FormState
        var summary: ErrorSummary?
        var kindChoices: [Choice]
        var today: String
    }

    func show(req: Request) async throws -> View {
        let user = try req.require(.viewStaffDevelopment)
        let record = try await DevelopmentStore.find(
            try req.uuidParameter("recordID"),
            user.scope(for: .viewStaffDevelopment),
            on: req.db
        )
        let values = [
            "kind": record.kind, "day": record.day,
            "hours": DevelopmentHours.format(record.hundredths, in: req.language),
            "topic": try req.application.dataKey.open(record.topicSealed), "ledBy": record.ledBy,
        ]
        return try await renderRecord(req, record, version: record.version, form: FormState(values: values))
    }

    private func renderRecord(
        _ req: Request,
        _ record: DevelopmentRecord,
        version: Int,
        form: FormState,
        summary: ErrorSummary? = nil
    ) async throws -> View {
        let user = try req.currentUser()
        let canEdit =
            user.can(.recordStaffDevelopment)
            && user.scope(for: .recordStaffDevelopment).providers.contains(record.providerID)
        let worker = try await StaffStore.member(record.userID, user.scope(for: .viewStaffDevelopment), on: req.db)
        let context = RecordContext(
            action: "/home-care/development/records/\(record.id!)",
            back: "/home-care/development?provider=\(record.providerID)&year=\(record.calendarDay?.year ?? 0)",
            worker: worker.user.displayName,
            version: version,
            canEdit: canEdit,
            form: form,
            summary: summary,
            kindChoices: Self.kindChoices(form.values["kind"] ?? "", req.language),
            today: CalendarDay.today(at: req.application.clock.now()).iso
        )
        return try await req.view.render(
            "homecare/development-record",
            req.page(title: req.text(.developmentRecordTitle), context)
        )
    }

    func update(req: Request) async throws -> Response {
        let user = try req.require(.recordStaffDevelopment)
        let record = try await DevelopmentStore.find(
            try req.uuidParameter("recordID"),
            user.scope(for: .recordStaffDevelopment),
            on: req.db
        )
        let input = try req.content.decode(DevelopmentInput.self)
        var checks = req.fieldChecks()
        let draft = DevelopmentDraft.validate(
            input,
            today: CalendarDay.today(at: req.application.clock.now()),
            checks: &checks
        )
        var values = input.values
        values["worker"] = nil
        do {
            try checks.finish()
            try await DevelopmentStore.update(record, draft!, version: input.version, request: req)
            return req.redirect(
                to: "/home-care/development?provider=\(record.providerID)&year=\(draft!.day.year)#records",
                flash: .saved
            )
        } catch let failure as ValidationFailure {
            return try await renderRecord(
                req,
                record,
                version: input.version ?? record.version,
                form: FormState(values: values, errors: failure.byField),
                summary: req.errorSummary(failure)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        } catch is EditConflict {
            return try await renderRecord(
                req,
                record,
                version: input.version ?? record.version,
                form: FormState(values: values),
                summary: req.errorSummary(message: req.text(.errorConflict))
            ).encodeResponse(status: .conflict, for: req)
        }
    }
}
