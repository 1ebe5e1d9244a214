import Fluent
import OporaCore
import Vapor

/// The outreach worker's own timesheet: contact time by day of a month. Every contact counts,
/// the ones that only built trust as much as any other.
struct ContactTimeRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("outreach", "my-time", use: page)
    }

    struct DayRow: Encodable, Sendable {
        var day: String
        var contacts: Int
        var time: String
    }

    struct TimeContext: Encodable, Sendable {
        var months: [Choice]
        var month: String
        var rows: [DayRow]
        var contacts: Int
        var total: String
        var trust: String
    }

    /// The month asked for: this one or one of the eleven before it.
    static func month(_ req: Request) throws -> CalendarMonth {
        let today = CalendarDay.today(at: req.application.clock.now())
        let current = CalendarMonth(containing: today)!
        // Absent means this month; present, it must be one of the twelve, never silently replaced.
        guard let text = req.query[String.self, at: "month"] else { return current }
        guard text.count == 7, let month = CalendarMonth(iso: text), recentMonths(current).contains(month) else {
            throw ValidationFailure(problems: [FieldProblem(field: "month", message: req.text(.outreachMonthRange))])
        }
        return month
    }

    static func recentMonths(_ current: CalendarMonth) -> [CalendarMonth] {
        Array(sequence(first: current) { $0.previous }.prefix(12))
    }

    /// The worker's month: days with their contacts and minutes, the total, and the part that
    /// only built trust.
    static func summary(
        _ user: CurrentUser,
        _ month: CalendarMonth,
        on db: any Database
    ) async throws
        -> (days: [(day: CalendarDay, minutes: Int, contacts: Int)], total: Int, trust: Int)
    {
        let reach = OutreachReach(user, .recordOutreachContacts)
        let contacts = try await ContactStore.month(of: user.id, month, reach.scope, on: db)
        let entries = contacts.compactMap { c in c.calendarDay.map { ContactTime.Entry(day: $0, minutes: c.minutes) } }
        let days = ContactTime.days(entries, month: month)
        let trust = contacts.filter { $0.contactPurpose == .trust || $0.contactPurpose == .practicalHelp }
            .map(\.minutes).reduce(0, +)
        return (days, days.map { $0.minutes }.reduce(0, +), trust)
    }

    func page(req: Request) async throws -> View {
        let user = try req.require(.recordOutreachContacts)
        let month = try Self.month(req)
        let language = req.language
        let (days, total, trust) = try await Self.summary(user, month, on: req.db)
        let current = CalendarMonth(containing: CalendarDay.today(at: req.application.clock.now()))!
        let context = TimeContext(
            months: Self.recentMonths(current).map {
                Choice(value: $0.iso, label: $0.label(in: language), selected: $0 == month)
            },
            month: month.iso,
            rows: days.map {
                DayRow(day: $0.day.display, contacts: $0.contacts, time: ContactTime.format($0.minutes, in: language))
            },
            contacts: days.map { $0.contacts }.reduce(0, +),
            total: ContactTime.format(total, in: language),
            trust: ContactTime.format(trust, in: language)
        )
        return try await req.view.render("outreach/my-time", req.page(title: req.text(.outreachTimeTitle), context))
    }
}
