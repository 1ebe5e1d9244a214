import Fluent
import OporaCore
import OporaScheduling
import Vapor

/// A worker's calendar feed, made and revoked on the staff member's page by whoever manages staff.
struct CalendarFeedPageRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("home-care", "staff", ":userID", "calendar", use: create)
        routes.post("home-care", "staff", ":userID", "calendar", "revoke", use: revoke)
    }

    struct Context: Encodable, Sendable {
        var staffHref: String
        var name: String
        /// The feed's address, on the one page that shows it.
        var url: String?
        var summary: ErrorSummary?
    }

    private func member(_ req: Request) async throws -> StaffListEntry {
        let user = try req.require(.manageStaff)
        return try await StaffStore.member(try req.uuidParameter("userID"), user.scope(for: .manageStaff), on: req.db)
    }

    /// Shows the new address once; a worker who has a feed keeps it until it is revoked.
    func create(req: Request) async throws -> Response {
        let entry = try await member(req)
        let worker = entry.user
        let staffHref = "/home-care/staff/\(worker.id!)"
        let title = req.text(.calendarFeedTitle)
        do {
            let secret = try await CalendarFeeds.create(for: worker.id!, request: req)
            let context = Context(staffHref: staffHref, name: worker.displayName, url: Self.address(of: secret, req))
            return try await req.view.render("homecare/calendar-feed", req.page(title: title, context))
                .encodeResponse(status: .created, for: req)
        } catch is EditConflict {
            let summary = req.errorSummary(message: req.text(.calendarFeedExists))
            let context = Context(staffHref: staffHref, name: worker.displayName, summary: summary)
            return try await req.view.render("homecare/calendar-feed", req.page(title: title, context))
                .encodeResponse(status: .conflict, for: req)
        }
    }

    func revoke(req: Request) async throws -> Response {
        let entry = try await member(req)
        try await CalendarFeeds.revoke(for: entry.user.id!, request: req)
        return req.redirect(to: "/home-care/staff/\(entry.user.id!)#calendar", flash: .calendarFeedRevoked)
    }

    /// The absolute address a phone subscribes to, on the host the coordinator reached.
    static func address(of secret: String, _ req: Request) -> String {
        let scheme = req.application.opora.secureCookies ? "https" : "http"
        let host = req.headers.first(name: .host) ?? "localhost"
        return "\(scheme)://\(host)" + CalendarFeedRoutes.path(of: secret)
    }
}

/// The staff member's page's part about the feed: whether there is one and since when.
struct CalendarFeedSection: Encodable, Sendable {
    var active: Bool
    var created: String?

    static func of(_ userID: UUID, on db: any Database) async throws -> CalendarFeedSection {
        let feed = try await CalendarFeeds.feed(of: userID, on: db)
        return CalendarFeedSection(active: feed != nil, created: feed.map { SofiaTime.dateTime($0.createdAt) })
    }
}

/// `GET /calendar/<secret>.ics`: read by a phone's calendar, which holds no session; the secret in
/// the address is the credential.
struct CalendarFeedRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("calendar", ":file", use: feed)
    }

    static func path(of secret: String) -> String { "/calendar/\(secret).ics" }

    func feed(req: Request) async throws -> Response {
        let file = try req.parameters.require("file")
        guard file.hasSuffix(".ics"), file.count <= 100 else { throw Abort(.notFound) }
        guard
            let calendar = try await CalendarFeeds.calendar(
                secret: String(file.dropLast(4)),
                today: CalendarDay.today(at: req.application.clock.now()),
                key: req.application.dataKey,
                catalogue: req.application.catalogue,
                on: req.db
            )
        else { throw Abort(.notFound) }
        let response = Response(status: .ok, body: .init(string: calendar.text()))
        response.headers.contentType = HTTPMediaType(
            type: "text",
            subType: "calendar",
            parameters: ["charset": "utf-8"]
        )
        return response
    }
}

/// Workers' calendar feeds: made, revoked, and read as the visits of the published plans.
///
/// What a visit says in the feed: the service and the settlement, no name of the person visited,
/// not even a first name and initial. A subscribed calendar is copied to the phone's calendar
/// service (Google, Apple, Microsoft), where Opora can neither erase it nor know who reads it; in
/// a village of a few hundred people a first name, an initial, a day and a time point to one
/// person. The worker knows her people by place and hour, and sees their names in Opora.
enum CalendarFeeds {
    /// The feed holds last week, this week and the next four weeks.
    static let weeks = -1...4

    static func feed(of userID: UUID, on db: any Database) async throws -> CalendarFeed? {
        try await CalendarFeed.query(on: db).filter(\.$userID == userID).first()
    }

    /// Makes the worker's feed and returns its secret, 256 random bits; only its digest is
    /// stored, so this is the one time anyone sees it. A worker who already has one (also two
    /// presses at once, which the unique index orders) is a conflict.
    static func create(for userID: UUID, request req: Request) async throws -> String {
        let secret = Secrets.token()
        let actor = req.auditActor
        let now = req.application.clock.now()
        do {
            try await req.write { db in
                guard try await Self.feed(of: userID, on: db) == nil else {
                    throw EditConflict(recordType: "calendar feed")
                }
                let record = CalendarFeed()
                record.userID = userID
                record.secretDigest = Secrets.digest(secret)
                record.createdBy = actor.name
                record.createdAt = now
                try await record.create(on: db)
                try await AuditTrail.append(
                    on: db,
                    actor: actor,
                    action: "calendar_feed.created",
                    recordType: "calendar_feed",
                    recordID: record.id!.uuidString,
                    changes: [FieldChange(field: "userID", old: nil, new: userID.uuidString)],
                    at: now
                )
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw EditConflict(recordType: "calendar feed")
        }
        return secret
    }

    /// Deletes the worker's feed, so its address is not found any more; 404 when there is none.
    static func revoke(for userID: UUID, request req: Request) async throws {
        let actor = req.auditActor
        let now = req.application.clock.now()
        try await req.write { db in
            guard let record = try await Self.feed(of: userID, on: db) else { throw Abort(.notFound) }
            try await record.delete(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "calendar_feed.revoked",
                recordType: "calendar_feed",
                recordID: record.id!.uuidString,
                changes: [FieldChange(field: "userID", old: userID.uuidString, new: nil)],
                at: now
            )
        }
    }

    /// The calendar behind a secret; nil when no feed has it (never made, or revoked) or its
    /// worker's account is disabled or belongs to no provider.
    static func calendar(
        secret: String,
        today: CalendarDay,
        key: DataKey,
        catalogue: Catalogue,
        on db: any Database
    ) async throws -> ICalendar? {
        guard let feed = try await CalendarFeed.query(on: db).filter(\.$secretDigest == Secrets.digest(secret)).first(),
            // The secret stands for its worker, as a token does.
            let worker = try await Scoped.unscopedFind(User.self, feed.userID, on: db, .authentication),
            !worker.disabled, let provider = worker.providerID
        else { return nil }
        let events = try await Self.events(worker: feed.userID, provider: provider, today: today, key: key, on: db)
        return ICalendar(name: catalogue.text(.calendarFeedName, .bg), events: events)
    }

    /// The worker's visits in the latest published version of each week around `today`, in
    /// Bulgarian, the language of the centre's staff.
    static func events(
        worker: UUID,
        provider: UUID,
        today: CalendarDay,
        key: DataKey,
        on db: any Database
    ) async throws -> [ICalendar.Event] {
        let monday = today.adding(days: -Weekday.allCases.firstIndex(of: today.weekday)!)
        let mondays = weeks.map { monday.adding(days: 7 * $0).iso }
        // The worker's own provider is the scope: the feed shows nothing of another centre.
        let scope = AccessScope(providers: [provider])
        let versions = try await Scoped.query(WeekPlanVersion.self, scope, on: db).filter(\.$providerID == provider)
            .filter(\.$week ~~ mondays).all()
        let latest = Dictionary(grouping: versions, by: \.week).compactMapValues { week in
            week.max { $0.number < $1.number }
        }
        let runs = try await Scoped.query(PlanningRun.self, scope, on: db)
            .filter(\.$id ~~ latest.values.map(\.runID)).all()
        let byID = Dictionary(runs.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        var found: [(day: CalendarDay, start: Int, end: Int, visit: CareProblem.Visit, stamp: Date)] = []
        for version in latest.values {
            guard let run = byID[version.runID], let sealed = run.planSealed,
                let week = CalendarDay(iso: version.week)
            else { continue }
            let plan = try key.openJSON(CarePlan.self, sealed)
            let problem = try key.openJSON(CareProblem.self, run.problemSealed)
            let visits = Dictionary(problem.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for route in plan.routes where route.worker == worker.uuidString {
                for stop in route.stops {
                    guard let id = stop.visit, let visit = visits[id] else { continue }
                    let start = Int(stop.start.rounded())
                    let end = max(start, Int(stop.end.rounded()))
                    found.append((week.adding(days: route.day), start, end, visit, version.publishedAt))
                }
            }
        }
        let settlements = try await settlementNames(found.map(\.visit.place), on: db)
        return found.sorted { ($0.day, $0.start) < ($1.day, $1.start) }.map { entry in
            let settlement = settlements[entry.visit.place] ?? entry.visit.place
            let service = entry.visit.skill.flatMap(CareSkill.init(rawValue:))?.label(in: .bg) ?? ""
            return ICalendar.Event(
                uid: uid(of: entry.visit.id),
                stamp: entry.stamp,
                day: entry.day,
                startMinute: entry.start,
                endMinute: entry.end,
                summary: [service.prefix(1).uppercased() + service.dropFirst(), settlement].filter { !$0.isEmpty }
                    .joined(separator: " — "),
                location: settlement
            )
        }
    }

    /// The same for a visit in every version, and in the calendar of whichever worker has it;
    /// a digest, because the visit's id names the person's case.
    static func uid(of visitID: String) -> String {
        String(Secrets.digest("home-care visit " + visitID).prefix(40)) + "@opora"
    }
}
