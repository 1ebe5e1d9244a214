import Fluent
import OporaCore
import Vapor

/// The published visits of this week and the next, day by day, with who comes and for what; a
/// visit the coordinator withdrew shows as cancelled, and one that happened can be rated.
enum MyWeekPage {
    struct VisitView: Encodable, Sendable {
        var id: String
        var time: String
        var worker: String
        /// The worker's photo, when they agreed to show one.
        var photo: String?
        var what: String
        var tasks: String
        var state: String
        var stateClass: String
        var canRate: Bool
        var rated: String?
    }

    struct DayView: Encodable, Sendable {
        /// ISO.
        var day: String
        var label: String
        var visits: [VisitView]
    }

    struct WeekView: Encodable, Sendable {
        var id: String
        var title: String
        var days: [DayView]
    }

    struct ChangeView: Encodable, Sendable {
        var at: String
        var lines: [String]
    }

    struct Context: Encodable, Sendable {
        var header: MyHeader
        /// What the coordinator changed in the last two weeks, as the person was told.
        var changes: [ChangeView]
        var weeks: [WeekView]
        var faces: [Choice]
        var summary: ErrorSummary?
    }

    /// Monday of this week and Sunday of the next.
    static func span(today: CalendarDay) -> (from: CalendarDay, to: CalendarDay) {
        let offset = Weekday.allCases.firstIndex(of: today.weekday) ?? 0
        let monday = today.adding(days: -offset)
        return (monday, monday.adding(days: 13))
    }

    /// `photos` is where the workers' photos are read: the page's own address, or the API's.
    static func build(
        _ files: MyFiles,
        summary: ErrorSummary? = nil,
        photos: String = "/my/workers",
        request req: Request
    ) async throws -> Context {
        let language = req.language
        let now = req.application.clock.now()
        let today = CalendarDay.today(at: now)
        let (monday, sunday) = span(today: today)
        let visits = try await PersonVisits.visits(
            person: files.chosen.id,
            from: monday,
            to: sunday,
            files.scope,
            on: req.db
        )
        let ratings = try await Scoped.query(VisitRatingRecord.self, files.scope, on: req.db)
            .filter(\.$visitID ~~ visits.map(\.id)).all()
        let rated = Dictionary(ratings.map { ($0.visitID, $0) }, uniquingKeysWith: { a, _ in a })
        let withPhoto = try await WorkerPortraits.shown(
            Set(visits.filter { !$0.withdrawn }.map(\.workerID)),
            on: req.db
        )
        var weeks: [WeekView] = []
        for (index, start) in [monday, monday.adding(days: 7)].enumerated() {
            var days: [DayView] = []
            for offset in 0..<7 {
                let day = start.adding(days: offset)
                let ofDay = visits.filter { $0.day == day }
                guard !ofDay.isEmpty else { continue }
                days.append(
                    DayView(
                        day: day.iso,
                        label: day.weekday.label(in: language) + ", " + day.display,
                        visits: ofDay.map { visit in
                            let face = rated[visit.id].flatMap { VisitFace(rawValue: $0.face) }
                            let canRate =
                                VisitRatingRule.problem(
                                    checkedOutAt: visit.checkedOutAt,
                                    withdrawn: visit.withdrawn,
                                    alreadyRated: face != nil,
                                    now: now
                                ) == nil
                            return VisitView(
                                id: visit.id.uuidString,
                                time: TimeWindow.clock(visit.startMinute) + "–" + TimeWindow.clock(visit.endMinute),
                                worker: visit.workerName,
                                photo: !visit.withdrawn && withPhoto.contains(visit.workerID)
                                    ? "\(photos)/\(visit.workerID)/photo" + files.query : nil,
                                what: visit.skill.label(in: language),
                                tasks: VisitTask.tasks(for: visit.skill).prefix(4).map { $0.label(in: language) }
                                    .joined(separator: ", "),
                                state: req.text(state(of: visit, now: now)),
                                stateClass: visit.withdrawn
                                    ? "cancelled" : visit.checkedOutAt != nil ? "done" : "planned",
                                canRate: canRate,
                                rated: face.map { $0.symbol + " " + $0.label(in: language) }
                            )
                        }
                    )
                )
            }
            weeks.append(
                WeekView(
                    id: index == 0 ? "this-week" : "next-week",
                    title: req.text(index == 0 ? .myWeekThis : .myWeekNext) + " (" + start.display + " – "
                        + start.adding(days: 6).display + ")",
                    days: days
                )
            )
        }
        let faces = VisitFace.allCases.map {
            Choice(value: $0.rawValue, label: $0.symbol + " " + $0.label(in: language), selected: false)
        }
        let changes = try await PersonVisits.notices(
            person: files.chosen.id,
            since: now.addingTimeInterval(-14 * 24 * 3600),
            key: req.application.dataKey,
            on: req.db
        )
        return Context(
            header: MyHeader(files, active: "week", request: req),
            changes: changes.map { ChangeView(at: SofiaTime.dateTime($0.at), lines: $0.lines) },
            weeks: weeks,
            faces: faces,
            summary: summary
        )
    }

    /// The photo of a worker who comes to the person this week or the next, if the worker agreed
    /// to show one; anyone else's asking is answered as if there were no photo.
    static func photo(of worker: UUID, for files: MyFiles, request req: Request) async throws -> Response {
        let (monday, sunday) = span(today: CalendarDay.today(at: req.application.clock.now()))
        let comes = try await PersonVisits.visits(
            person: files.chosen.id,
            from: monday,
            to: sunday,
            files.scope,
            on: req.db
        ).contains { $0.workerID == worker && !$0.withdrawn }
        guard comes, let found = try await WorkerPortraits.image(of: worker, key: req.application.dataKey, on: req.db)
        else { throw Abort(.notFound) }
        return WorkerPortraits.response(found.bytes, found.kind)
    }

    static func state(of visit: PersonVisit, now: Date) -> CatalogueKey {
        if visit.withdrawn { return .myVisitCancelled }
        if visit.checkedOutAt != nil { return .myVisitDone }
        if visit.missed { return .myVisitMissed }
        if visit.plannedStart <= now { return .myVisitPast }
        return .myVisitComing
    }
}
