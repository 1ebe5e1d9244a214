import Fluent
import OporaCore
import Vapor

/// `/api/v1/home-care/development`: the year's hours per worker, who is overdue for supervision,
/// and the records, with the page's scope rules and checks.
struct DevelopmentAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(APIGuard()).grouped("home-care", "development")
        api.get(use: summary)
        api.get("overdue", use: overdue)
        api.get("records", use: records)
        api.post("records", use: create)
        api.put("records", ":recordID", use: update)
    }

    struct WorkerDTO: Content, Sendable {
        var userId: UUID
        var name: String
        var jobTitle: String?
        /// Hours by `DevelopmentKind`, as numbers (1.5).
        var hours: [String: Double]
        var totalHours: Double
        var sessions: Int
        var supervised: Bool
        var lastSupervision: String?
        var supervisionDue: String?
        var overdue: Bool

        init(_ s: DevelopmentSummary) {
            userId = s.entry.user.id!
            name = s.entry.user.displayName
            jobTitle = s.entry.user.jobTitle?.rawValue
            hours = Dictionary(
                uniqueKeysWithValues: DevelopmentKind.allCases.map {
                    ($0.rawValue, Double(s.year.byKind[$0] ?? 0) / 100)
                }
            )
            totalHours = Double(s.year.total) / 100
            sessions = s.year.sessions
            supervised = s.supervised
            lastSupervision = s.lastSupervision?.iso
            supervisionDue = s.due?.iso
            overdue = s.overdue
        }
    }

    struct YearDTO: Content, Sendable {
        var year: Int
        var supervisionEveryMonths: Int
        var workers: [WorkerDTO]
    }

    struct RecordDTO: Content, Sendable {
        var id: UUID
        var version: Int
        var userId: UUID
        var kind: String
        var day: String
        var hours: Double
        var topic: String
        var ledBy: String

        init(_ record: DevelopmentRecord, key: DataKey) throws {
            id = record.id!
            version = record.version
            userId = record.userID
            kind = record.kind
            day = record.day
            hours = Double(record.hundredths) / 100
            topic = try key.open(record.topicSealed)
            ledBy = record.ledBy
        }
    }

    /// A record as the API takes it: hours as a number or as text with a decimal comma.
    struct RecordBody: Content, Sendable {
        var version: Int?
        var userId: UUID?
        var kind: String
        var day: String
        var hours: Double
        var topic: String
        var ledBy: String

        var input: DevelopmentInput {
            // Hours beyond two decimals or outside a day cannot pass `DevelopmentHours.parse`; a
            // non-finite or huge number becomes text that fails the same check instead of trapping.
            let text = hours.isFinite && abs(hours) < 1000 ? String(format: "%.6g", hours) : "x"
            return DevelopmentInput(
                version: version,
                worker: userId?.uuidString,
                kind: kind,
                day: day,
                hours: text,
                topic: topic,
                ledBy: ledBy
            )
        }
    }

    private func centre(_ req: Request) async throws -> (CurrentUser, AccessScope, UUID, CalendarDay) {
        let user = try req.require(.viewStaffDevelopment)
        let scope = user.scope(for: .viewStaffDevelopment)
        guard let centre = try await HomeCareCentre.chosen(req, scope).id else { throw Abort(.notFound) }
        return (user, scope, centre, CalendarDay.today(at: req.application.clock.now()))
    }

    func summary(req: Request) async throws -> Response {
        let (_, scope, centre, today) = try await centre(req)
        let year = try DevelopmentRoutes.year(req, today: today)
        let rows = try await DevelopmentStore.summary(provider: centre, year: year, today: today, scope, on: req.db)
        return try req.json(
            YearDTO(year: year, supervisionEveryMonths: SupervisionRule.months, workers: rows.map(WorkerDTO.init))
        )
    }

    func overdue(req: Request) async throws -> Response {
        let (_, scope, centre, today) = try await centre(req)
        let rows = try await DevelopmentStore.summary(
            provider: centre,
            year: today.year,
            today: today,
            scope,
            on: req.db
        )
        return try req.json(rows.filter(\.overdue).map(WorkerDTO.init))
    }

    func records(req: Request) async throws -> Response {
        let (_, scope, centre, today) = try await centre(req)
        let year = try DevelopmentRoutes.year(req, today: today)
        let key = req.application.dataKey
        let records = try await DevelopmentStore.records(provider: centre, year: year, scope, on: req.db)
        return try req.json(try records.map { try RecordDTO($0, key: key) })
    }

    func create(req: Request) async throws -> Response {
        let user = try req.require(.recordStaffDevelopment)
        let scope = user.scope(for: .recordStaffDevelopment)
        let body = try req.decodeJSON(RecordBody.self)
        // A worker named in the request must be staff in the scope: another centre's is 404.
        let entry = try await body.userId.asyncFlatMap { try await StaffStore.member($0, scope, on: req.db) }
        var checks = req.fieldChecks()
        if entry == nil { checks.add("userId", key: .developmentWorkerRequired) }
        let draft = DevelopmentDraft.validate(
            body.input,
            today: CalendarDay.today(at: req.application.clock.now()),
            checks: &checks
        )
        try checks.finish()
        let record = try await DevelopmentStore.create(draft!, for: entry!, request: req)
        return try req.json(try RecordDTO(record, key: req.application.dataKey), status: .created)
    }

    func update(req: Request) async throws -> Response {
        let user = try req.require(.recordStaffDevelopment)
        let scope = user.scope(for: .recordStaffDevelopment)
        let record = try await DevelopmentStore.find(try req.uuidParameter("recordID"), scope, on: req.db)
        let body = try req.decodeJSON(RecordBody.self)
        var checks = req.fieldChecks()
        let draft = DevelopmentDraft.validate(
            body.input,
            today: CalendarDay.today(at: req.application.clock.now()),
            checks: &checks
        )
        try checks.finish()
        try await DevelopmentStore.update(record, draft!, version: body.version, request: req)
        let saved = try await DevelopmentStore.find(record.id!, scope, on: req.db)
        return try req.json(try RecordDTO(saved, key: req.application.dataKey))
    }
}
