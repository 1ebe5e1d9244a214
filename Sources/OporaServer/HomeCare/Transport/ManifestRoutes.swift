import Fluent
import OporaCore
import OporaScheduling
import Vapor

extension Permission {
    /// Drive the centre's vehicles: see one's own manifest for the day and check in at its stops.
    static let driveTransport = Permission(name: "driveTransport", roles: [.careWorker])
}

/// A driver's day on the phone: the pick-ups and drop-offs of their vehicle in order, with the
/// times, who gets on or off, where, who needs the ramp, and a check-in at each stop. Works
/// without JavaScript: each check-in is a small form whose id is drawn with the page.
struct ManifestRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("home-care", "transport", "manifest", use: show)
        routes.post("home-care", "transport", "manifest", "check-ins", use: checkIn)
        routes.post("home-care", "transport", "check-ins", use: checkInFromScript)
    }

    struct StopLine: Encodable, Sendable {
        var number: Int
        var time: String
        var action: String
        var pickUp: Bool
        var passenger: String
        var address: String
        var settlement: String
        var ramp: Bool
        var companions: Int
        var checkedIn: String?
        var tripId: String
        var back: Bool
        var kind: String
        var clientId: String
    }

    struct RunLine: Encodable, Sendable {
        var vehicle: String
        var hours: String
        var stops: [StopLine]
    }

    struct Context: Encodable, Sendable {
        var day: String
        var dayLabel: String
        var previous: String
        var next: String
        var planId: String?
        var runs: [RunLine]
        var action: String
    }

    /// The day asked for (`?day=`), today by default; a malformed day is not found.
    static func day(_ req: Request) throws -> CalendarDay {
        guard let text = req.query[String.self, at: "day"], !text.isEmpty else {
            return CalendarDay.today(at: req.application.clock.now())
        }
        guard let day = CalendarDay(iso: text), (2000...2100).contains(day.year) else { throw Abort(.notFound) }
        return day
    }

    /// The driver and the centre they drive for; a user of no centre has no manifest.
    static func driver(_ req: Request) throws -> (CurrentUser, UUID, AccessScope) {
        let user = try req.require(.driveTransport)
        let scope = user.scope(for: .driveTransport)
        guard let provider = user.providerID, scope.providers.contains(provider) else { throw Abort(.notFound) }
        return (user, provider, scope)
    }

    func show(req: Request) async throws -> View {
        let (user, provider, scope) = try Self.driver(req)
        let day = try Self.day(req)
        let manifest = try await ManifestStore.manifest(
            driver: user.id,
            provider: provider,
            day: day,
            scope,
            request: req
        )
        let context = Context(
            day: day.iso,
            dayLabel: day.display,
            previous: "/home-care/transport/manifest?day=\(day.adding(days: -1).iso)",
            next: "/home-care/transport/manifest?day=\(day.adding(days: 1).iso)",
            planId: manifest.planID?.uuidString,
            runs: manifest.runs.map { run in
                RunLine(
                    vehicle: run.vehicle.map { "\($0.name) · \($0.plate)" } ?? "—",
                    hours: TimeWindow.clock(run.leave) + "–" + TimeWindow.clock(run.back),
                    stops: run.stops.enumerated().map { index, stop in
                        StopLine(
                            number: index + 1,
                            time: TimeWindow.clock(stop.start),
                            action: req.text(stop.kind == .pickUp ? .transportPickUp : .transportDropOff),
                            pickUp: stop.kind == .pickUp,
                            passenger: stop.passenger,
                            address: stop.address,
                            settlement: stop.settlement,
                            ramp: stop.wheelchair,
                            companions: stop.companions,
                            checkedIn: stop.checkedIn.map(SofiaTime.time),
                            tripId: stop.tripID.uuidString,
                            back: stop.back,
                            kind: stop.kind.rawValue,
                            clientId: UUID().uuidString
                        )
                    }
                )
            },
            action: "/home-care/transport/manifest/check-ins?day=\(day.iso)"
        )
        return try await req.view.render(
            "homecare/manifest",
            req.page(title: req.text(.transportManifestTitle), context)
        )
    }

    /// The phone's outbox: the form's own fields as JSON under the session, answered as the API
    /// answers (201 recorded, 200 already recorded).
    func checkInFromScript(req: Request) async throws -> Response {
        let (user, _, scope) = try Self.driver(req)
        let input = try req.decodeJSON(CheckInInput.self)
        switch try await ManifestStore.checkIn(input, driver: user.id, scope, request: req) {
        case .recorded(let record): return try req.json(CheckInDTO(record, recorded: true), status: .created)
        case .already(let record): return try req.json(CheckInDTO(record, recorded: false))
        }
    }

    func checkIn(req: Request) async throws -> Response {
        let (user, _, scope) = try Self.driver(req)
        let day = try Self.day(req)
        let input = try req.content.decode(CheckInInput.self)
        let outcome = try await ManifestStore.checkIn(input, driver: user.id, scope, request: req)
        let back = "/home-care/transport/manifest?day=\(day.iso)"
        switch outcome {
        case .recorded: return req.redirect(to: back, flash: .transportCheckedIn)
        case .already(let first):
            let message = req.text(.transportAlreadyCheckedIn).replacingOccurrences(
                of: "{time}",
                with: SofiaTime.time(first.at)
            )
            return req.redirect(to: back, message: message)
        }
    }
}
