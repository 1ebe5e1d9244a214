import Fluent
import Foundation
import OporaCore
import Vapor

/// The manager's month: delivered against planned hours per person, service and worker,
/// personal assistance against each grant, the workers' timesheets, every list as CSV and XLSX,
/// and a printable report per person.
struct HoursRoutes: RouteCollection {
    static let lists = ["people", "services", "workers", "entitlements", "timesheets"]

    func boot(routes: any RoutesBuilder) throws {
        routes.get("home-care", "hours", use: overview)
        routes.get("home-care", "hours", "timesheets", use: timesheets)
        routes.get("home-care", "hours", "people", ":personID", use: PersonMonthReport.show)
        for list in Self.lists {
            routes.get("home-care", "hours", "\(list).csv") { req in try await export(req, list: list, xlsx: false) }
            routes.get("home-care", "hours", "\(list).xlsx") { req in try await export(req, list: list, xlsx: true) }
        }
    }

    struct HoursPage: Encodable, Sendable {
        var month: String
        var monthLabel: String
        var months: [Choice]
        var centres: [Choice]
        var centreName: String
        var query: String
        var notice: String?
        var weeksWithoutPlan: [String]
        var tables: [HoursTable]
        var timesheetsHref: String
        var formAction: String
        var backHref: String?
        var note: String?
    }

    func overview(req: Request) async throws -> View {
        let context = try await HoursContext.resolve(req)
        let tables = try await Self.monthTables(req, context)
        return try await render(req, context, title: req.text(.hoursTitle), tables: tables.tables, weeks: tables.weeks)
    }

    func timesheets(req: Request) async throws -> View {
        let context = try await HoursContext.resolve(req)
        let (table, weeks) = try await Self.timesheetTable(req, context)
        return try await render(
            req,
            context,
            title: req.text(.hoursTimesheets),
            tables: table.map { [$0] } ?? [],
            weeks: weeks,
            timesheet: true
        )
    }

    private func render(
        _ req: Request,
        _ context: HoursContext,
        title: String,
        tables: [HoursTable],
        weeks: [CalendarDay],
        timesheet: Bool = false
    ) async throws -> View {
        let noPlan = weeks.count == context.month.weekMondays.count
        let notice: String? = noPlan ? req.text(timesheet ? .hoursNoPlanTimesheet : .hoursNoPlan) : nil
        return try await req.view.render(
            "homecare/hours",
            req.page(
                title: "\(title) · \(context.month.label(in: req.language))",
                HoursPage(
                    month: context.month.iso,
                    monthLabel: context.month.label(in: req.language),
                    months: context.monthChoices(req.language),
                    centres: context.centres,
                    centreName: context.centreName,
                    query: context.query,
                    notice: notice,
                    weeksWithoutPlan: noPlan ? [] : weeks.map(\.display),
                    tables: noPlan ? [] : tables,
                    timesheetsHref: "/home-care/hours/timesheets?\(context.query)",
                    formAction: timesheet ? "/home-care/hours/timesheets" : "/home-care/hours",
                    backHref: timesheet ? "/home-care/hours?\(context.query)" : nil,
                    note: noPlan ? nil : req.text(timesheet ? .hoursTimesheetsNote : .hoursEntitlementsNote)
                )
            )
        )
    }

    /// The month's four lists, and the weeks without a published plan.
    static func monthTables(
        _ req: Request,
        _ context: HoursContext
    ) async throws -> (
        tables: [HoursTable], weeks: [CalendarDay]
    ) {
        let reading = try await MonthReading.read(context, request: req)
        let (hours, uses, people) = (reading.hours, reading.uses, reading.people)
        let (workers, services) = (reading.workers, reading.services)
        let builder = HoursTables(language: req.language, text: req.text)
        func report(_ person: UUID) -> String { "/home-care/hours/people/\(person)?\(context.query)" }
        let tables = [
            builder.tallies(
                id: "people",
                title: req.text(.hoursByPerson),
                nameHeader: req.text(.hoursColPerson),
                hours.byPerson.compactMap { id, tally in
                    people[id].map { HoursItem(name: $0, value: tally, href: report(id)) }
                },
                total: hours.total
            ),
            builder.tallies(
                id: "services",
                title: req.text(.hoursByService),
                nameHeader: req.text(.hoursColService),
                hours.bySource.map { HoursItem(name: context.serviceLabel($0, names: services, req), value: $1) },
                total: hours.total
            ),
            builder.tallies(
                id: "workers",
                title: req.text(.hoursByWorker),
                nameHeader: req.text(.hoursColWorker),
                hours.byWorker.map { HoursItem(name: workers[$0] ?? "—", value: $1) },
                total: hours.total
            ),
            builder.entitlements(
                uses.compactMap { id, use in people[id].map { HoursItem(name: $0, value: use, href: report(id)) } }
            ),
        ]
        return (tables, hours.weeksWithoutPlan)
    }

    /// The timesheets, or nil when no week of the month has a published plan to take travel from.
    static func timesheetTable(_ req: Request, _ context: HoursContext) async throws -> (HoursTable?, [CalendarDay]) {
        let month = try await MonthTimesheets.load(
            provider: context.centre,
            month: context.month,
            now: context.now,
            context.scope,
            on: req.db
        )
        guard month.hasPublishedPlan else { return (nil, month.weeksWithoutPlan) }
        let workers = try await context.workerNames(Set(month.sheets.keys), on: req.db)
        let builder = HoursTables(language: req.language, text: req.text)
        return (
            builder.timesheets(month.sheets.map { HoursItem(name: workers[$0] ?? "—", value: $1) }),
            month.weeksWithoutPlan
        )
    }

    /// A list as a file; a month without a published plan is refused with the page's message
    /// rather than handed over as an empty sheet.
    func export(_ req: Request, list: String, xlsx: Bool) async throws -> Response {
        let context = try await HoursContext.resolve(req)
        let table: HoursTable
        if list == "timesheets" {
            let (sheet, _) = try await Self.timesheetTable(req, context)
            guard let sheet else { throw Abort(.unprocessableEntity, reason: req.text(.hoursNoPlanTimesheet)) }
            table = sheet
        } else {
            let (tables, weeks) = try await Self.monthTables(req, context)
            guard weeks.count < context.month.weekMondays.count else {
                throw Abort(.unprocessableEntity, reason: req.text(.hoursNoPlan))
            }
            table = tables.first { $0.id == list }!
        }
        let name = "\(list)-\(context.month.iso)"
        if xlsx {
            let data = try SpreadsheetExport.xlsx(table.cells, sheetName: "\(table.title) \(context.month.iso)")
            return SpreadsheetExport.download(data, type: SpreadsheetExport.xlsxType, name: name + ".xlsx")
        }
        return SpreadsheetExport.download(
            Data(SpreadsheetExport.csv(table.cells).utf8),
            type: SpreadsheetExport.csvType,
            name: name + ".csv"
        )
    }
}
