import Fluent
import Foundation
import OporaCore
import Vapor

/// The worker's day on a phone: the visits in order with what they need at the door, and forms to
/// check in and out, tick tasks, write a note or record a missed visit. Every form works without
/// JavaScript; the page's script keeps the day and an outbox on the phone for when there is no
/// network, and posts to `/home-care/visits/:visitID/events`, the API's twin under the session.
struct DayRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("home-care", "my-day", use: day)
        routes.post("home-care", "my-day", "visits", ":visitID", use: record)
        routes.post("home-care", "visits", ":visitID", "events", use: VisitEventsEndpoint.submit)
    }

    struct TaskChoice: Encodable, Sendable {
        var value: String
        var label: String
        var checked: Bool
    }

    struct NoteView: Encodable, Sendable {
        var day: String
        var author: String
        var text: String
    }

    struct VisitView: Encodable, Sendable {
        var id: String
        var time: String
        var service: String
        var personName: String
        var address: String
        var settlement: String
        var phone: String?
        var geo: String
        var state: String
        var stateClass: String
        var recorded: [String]
        var goals: [String]
        var notes: [NoteView]
        var tasks: [TaskChoice]
        var note: String
        var canCheckIn: Bool
        var canCheckOut: Bool
        var canMiss: Bool
        var canProgress: Bool
        var clientCheckIn: String
        var clientCheckOut: String
        var clientMissed: String
        var clientProgress: String
    }

    struct DayContext: Encodable, Sendable {
        var dayISO: String
        var dayLabel: String
        var previous: String
        var next: String
        var isToday: Bool
        var visits: [VisitView]
        var refusals: [String]
        var reasons: [Choice]
        var summary: ErrorSummary?
    }

    func day(req: Request) async throws -> View {
        let user = try req.require(.recordVisits)
        let day = try requestedDay(req)
        return try await render(req, user: user, day: day, problems: [])
    }

    struct RecordForm: Content {
        var clientId: String?
        var kind: String?
        var reason: String?
        var tasks: [String]?
        var note: String?
    }

    /// A form posted online: recorded at the server's time, then back to the day with what came of it.
    func record(req: Request) async throws -> Response {
        let user = try req.require(.recordVisits)
        let id = try req.uuidParameter("visitID")
        let visit = try await VisitStore.visit(id, user.scope(for: .recordVisits), on: req.db)
        let form = try req.content.decode(RecordForm.self)
        var checks = req.fieldChecks()
        let input = VisitSubmission.Input(
            clientId: form.clientId,
            kind: form.kind,
            reason: form.reason,
            tasks: form.tasks,
            note: form.note
        )
        let back = "/home-care/my-day?day=\(visit.day)#visit-\(id)"
        guard
            let submission = VisitSubmission.parse(
                input,
                skill: visit.careSkill,
                now: req.application.clock.now(),
                checks: &checks
            )
        else {
            let day = visit.calendarDay ?? CalendarDay.today(at: req.application.clock.now())
            return try await render(req, user: user, day: day, problems: checks.problems).encodeResponse(
                status: .unprocessableEntity,
                for: req
            )
        }
        let answer = try await VisitStore.submit(submission, to: id, request: req)
        if answer.outcome == .refused, let message = answer.message(in: req.language) {
            return req.redirect(to: back, message: message)
        }
        return req.redirect(to: back, flash: answer.replayed ? .visitAlreadyRecorded : .visitRecorded)
    }

    private func requestedDay(_ req: Request) throws -> CalendarDay {
        let today = CalendarDay.today(at: req.application.clock.now())
        guard let raw = req.query[String.self, at: "day"], !raw.isEmpty else { return today }
        guard let day = CalendarDay(iso: raw), abs(today.days(until: day)) <= 366 else {
            throw Abort(.badRequest, reason: req.text(.dateInvalid))
        }
        return day
    }

    private func render(
        _ req: Request,
        user: CurrentUser,
        day: CalendarDay,
        problems: [FieldProblem]
    ) async throws
        -> View
    {
        let scope = user.scope(for: .recordVisits)
        let visits = try await VisitStore.day(worker: user.id, on: day, scope, on: req.db)
        let key = req.application.dataKey
        let cards = try await VisitStore.openCards(of: visits, request: req)
        let places = try await TerritoryQueries.settlements(codes: Array(Set(visits.map(\.settlement))), on: req.db)
        let byCode = Dictionary(places.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let language = req.language
        let views = try visits.map { visit in
            try view(visit, card: cards[visit.personID], place: byCode[visit.settlement], key: key, req)
        }
        let refusals = try await VisitStore.refusals(worker: user.id, on: day, on: req.db)
        let today = CalendarDay.today(at: req.application.clock.now())
        return try await req.view.render(
            "homecare/my-day",
            req.page(
                title: req.text(.myDayTitle),
                DayContext(
                    dayISO: day.iso,
                    dayLabel: "\(day.weekday.label(in: language)), \(day.display)",
                    previous: day.adding(days: -1).iso,
                    next: day.adding(days: 1).iso,
                    isToday: day == today,
                    visits: views,
                    refusals: refusals.compactMap { event in
                        let message = language == .bg ? event.messageBG : event.messageEN
                        return message.map { "\(SofiaTime.time(event.receivedAt)) — \($0)" }
                    },
                    reasons: MissedReason.allCases.map {
                        Choice(value: $0.rawValue, label: $0.label(in: language), selected: false)
                    },
                    summary: problems.isEmpty
                        ? nil
                        : ErrorSummary(
                            title: req.text(.errorValidationTitle),
                            problems: problems.map { ErrorSummary.Problem(href: nil, message: $0.message) }
                        )
                )
            )
        )
    }

    private func view(
        _ visit: CareVisit,
        card: VisitingCard?,
        place: Settlement?,
        key: DataKey,
        _ req: Request
    ) throws
        -> VisitView
    {
        let language = req.language
        let record = visit.record
        let reckoning = VisitReckoning(
            plannedMinutes: visit.plannedMinutes,
            plannedStart: visit.plannedStart ?? .distantPast,
            record: record
        )
        let withdrawn = visit.visitState == .withdrawn
        let stateKey: CatalogueKey
        if withdrawn && record.checkIn == nil && record.missed == nil {
            stateKey = .visitStateWithdrawn
        } else {
            switch reckoning.outcome {
            case .delivered, .cutShort: stateKey = .visitStateDone
            case .missed: stateKey = .visitStateMissed
            case .open: stateKey = .visitStateUnderway
            case .notRecorded:
                let ended = visit.calendarDay.map { SofiaTime.instant(on: $0, minute: visit.endMinute) }
                stateKey =
                    (ended ?? .distantFuture) < req.application.clock.now() ? .visitStateUnrecorded : .visitStatePlanned
            }
        }
        var recorded: [String] = []
        if let checkIn = record.checkIn {
            var line = "\(req.text(.visitCheckedIn)) \(SofiaTime.time(checkIn))"
            if let metres = visit.checkInMetres { line += " (\(Self.distance(metres, language)))" }
            recorded.append(line)
        }
        if let checkOut = record.checkOut {
            recorded.append("\(req.text(.visitCheckedOut)) \(SofiaTime.time(checkOut))")
        }
        if let missed = record.missed { recorded.append("\(req.text(.visitMissed)): \(missed.label(in: language))") }
        let settlement = place.map { language == .bg ? "\($0.kind) \($0.nameBG)" : $0.nameLatin } ?? visit.settlement
        let address = card?.address ?? ""
        let done = visit.tasks
        let open = !withdrawn || record.checkIn != nil
        return VisitView(
            id: visit.id!.uuidString,
            time: "\(TimeWindow.clock(visit.startMinute))–\(TimeWindow.clock(visit.endMinute))",
            service: visit.careSkill.label(in: language),
            personName: card?.name ?? "—",
            address: address,
            settlement: settlement,
            phone: card?.phone,
            geo: Self.geo(address: address, settlement: settlement, place: place),
            state: req.text(stateKey),
            stateClass: reckoning.outcome.rawValue,
            recorded: recorded,
            goals: card?.goals ?? [],
            notes: (card?.notes ?? []).map { NoteView(day: $0.day, author: $0.author, text: $0.text) },
            tasks: VisitTask.tasks(for: visit.careSkill).map {
                TaskChoice(value: $0.rawValue, label: $0.label(in: language), checked: done.contains($0))
            },
            note: try visit.noteSealed.map { try key.open($0) } ?? "",
            canCheckIn: open && record.checkIn == nil && record.missed == nil,
            canCheckOut: record.checkIn != nil && record.checkOut == nil,
            canMiss: open && record.checkIn == nil && record.missed == nil,
            canProgress: record.checkIn != nil && record.missed == nil,
            clientCheckIn: UUID().uuidString,
            clientCheckOut: UUID().uuidString,
            clientMissed: UUID().uuidString,
            clientProgress: UUID().uuidString
        )
    }

    /// A `geo:` address (RFC 5870) that phones open in their map application: the settlement's
    /// point, with the street address as the search so the map lands on the door.
    static func geo(address: String, settlement: String, place: Settlement?) -> String {
        let query = [address, settlement].filter { !$0.isEmpty }.joined(separator: ", ")
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        guard let latitude = place?.latitude, let longitude = place?.longitude else { return "geo:0,0?q=\(encoded)" }
        return "geo:\(latitude),\(longitude)?q=\(encoded)"
    }

    static func distance(_ metres: Int, _ language: Language) -> String {
        if metres < 1000 { return language == .bg ? "на \(metres) м от адреса" : "\(metres) m from the address" }
        let km = decimal(Double(metres) / 1000, places: 1, in: language)
        return language == .bg ? "на \(km) км от адреса" : "\(km) km from the address"
    }
}
