import Fluent
import Foundation
import OporaCore
import Vapor

/// What every hours and indicators request starts from: the user, the centre (one named in the
/// request must lie in the scope, else 404) and the month, refused with a clear message when it
/// is not a month Opora keeps.
struct HoursContext: Sendable {
    var user: CurrentUser
    var scope: AccessScope
    var centre: UUID
    var centreName: String
    var centres: [Choice]
    var month: CalendarMonth
    var today: CalendarDay
    var now: Date

    static func resolve(_ req: Request, month raw: String? = nil) async throws -> HoursContext {
        let user = try req.require(.viewHours)
        let scope = user.scope(for: .viewHours)
        let month = try Self.month(req, raw ?? req.query[String.self, at: "month"])
        let (centre, centres) = try await HomeCareCentre.chosen(req, scope)
        guard let centre else { throw Abort(.notFound) }
        let names = try await req.application.scopeDirectory.providerNames([centre], on: req.db)
        return HoursContext(
            user: user,
            scope: scope,
            centre: centre,
            centreName: names[centre] ?? "",
            centres: centres,
            month: month,
            today: CalendarDay.today(at: req.application.clock.now()),
            now: req.application.clock.now()
        )
    }

    /// The month asked for, or the current one; anything but `YYYY-MM` in 2017–2100 is a 400
    /// with the rule in the user's language, checked before any query runs.
    static func month(_ req: Request, _ raw: String?) throws -> CalendarMonth {
        guard let raw, !raw.isEmpty else {
            return CalendarMonth(containing: CalendarDay.today(at: req.application.clock.now()))!
        }
        guard raw.count <= 7, let month = CalendarMonth(iso: raw) else {
            throw Abort(.badRequest, reason: req.text(.hoursMonthInvalid))
        }
        return month
    }

    /// The query that keeps the centre and the month on links.
    var query: String {
        "month=\(month.iso)&provider=\(centre.uuidString)"
    }

    func monthChoices(_ language: Language) -> [Choice] {
        var months: [CalendarMonth] = []
        var cursor = CalendarMonth(containing: today)
        for _ in 0..<24 {
            guard let current = cursor else { break }
            months.append(current)
            cursor = current.previous
        }
        if !months.contains(month) { months.insert(month, at: 0) }
        return months.map { Choice(value: $0.iso, label: $0.label(in: language), selected: $0 == month) }
    }

    /// Names of the workers on the ledger, whoever they are now (one who left still has hours).
    func workerNames(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let users = try await Scoped.query(User.self, scope, on: db).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(users.map { ($0.id!, $0.displayName) }, uniquingKeysWith: { a, _ in a })
    }

    /// Names of the people, within what the user may read of people.
    func personNames(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        try await PlansInForce.personNames(ids, user.scope(for: .viewPeople), on: db)
    }

    func serviceLabel(_ source: VisitSource, names: [UUID: String], _ req: Request) -> String {
        switch source {
        case .personalAssistance: req.text(.hoursServicePa)
        case .oneOff: req.text(.hoursServiceOneOff)
        case .service(let id): names[id] ?? id.uuidString
        }
    }
}
