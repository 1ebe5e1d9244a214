import Fluent
import OporaCore
import Vapor

/// `/api/v1/my/...`: the person's own page for a program on their phone or a helper's screen —
/// the same plan, week, requests, ratings and openings the pages show, read through the same
/// builders, in the same scope of the files the account may see. `?for=` chooses the ward.
struct MyPageAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let my = routes.grouped(APIGuard()).grouped("my")
        my.get("files", use: files)
        my.get("plan", use: plan)
        my.get("week", use: week)
        my.get("workers", ":workerID", "photo", use: photo)
        my.post("visits", ":visitID", "rating", use: rate)
        my.get("requests", use: requests)
        my.post("requests", use: ask)
        my.get("openings", use: openings)
    }

    struct FileDTO: Content {
        var id: UUID
        var name: String
        var representative: Bool
    }

    struct PlanDTO: Encodable {
        var person: FileDTO
        var plans: [MyPlanPage.PlanView]
    }

    struct WeekDTO: Encodable {
        var person: FileDTO
        var changes: [MyWeekPage.ChangeView]
        var weeks: [MyWeekPage.WeekView]
    }

    struct RequestsDTO: Encodable {
        var person: FileDTO
        var dueWorkingDays: Int
        var requests: [MyRequestsPage.RequestView]
    }

    struct OpeningsDTO: Encodable {
        var person: FileDTO
        var openings: [MyDataPage.OpeningView]
    }

    struct RatingDTO: Content {
        var visitId: UUID
        var face: String
    }

    func files(req: Request) async throws -> Response {
        try await Self.open(req) { files in
            try req.json(
                files.files.map {
                    FileDTO(id: $0.id, name: $0.name, representative: files.links[$0.id]?.isRepresentative ?? false)
                }
            )
        }
    }

    func plan(req: Request) async throws -> Response {
        try await Self.open(req) { files in
            try req.json(
                PlanDTO(person: Self.person(files), plans: try await MyPlanPage.build(files, request: req).plans)
            )
        }
    }

    func week(req: Request) async throws -> Response {
        try await Self.open(req) { files in
            let context = try await MyWeekPage.build(files, photos: "/api/v1/my/workers", request: req)
            return try req.json(WeekDTO(person: Self.person(files), changes: context.changes, weeks: context.weeks))
        }
    }

    func photo(req: Request) async throws -> Response {
        try await Self.open(req) { files in
            try await MyWeekPage.photo(of: try req.uuidParameter("workerID"), for: files, request: req)
        }
    }

    func rate(req: Request) async throws -> Response {
        try await Self.open(req) { files in
            let visitID = try req.uuidParameter("visitID")
            let input = try req.decodeJSON(VisitRatingStore.Input.self)
            try await VisitRatingStore.rate(visitID, input, files: files, request: req)
            return try req.json(RatingDTO(visitId: visitID, face: input.face ?? ""), status: .created)
        }
    }

    func requests(req: Request) async throws -> Response {
        try await Self.open(req) { files in
            try req.json(try await Self.requests(files, req))
        }
    }

    func ask(req: Request) async throws -> Response {
        try await Self.open(req) { files in
            let input = try req.decodeJSON(ChangeRequestStore.Input.self)
            let record = try await ChangeRequestStore.submit(input, files: files, request: req)
            let sent = try await Self.requests(files, req).requests.first { $0.id == record.id }
            guard let sent else { throw Abort(.internalServerError) }
            return try req.json(sent, status: .created)
        }
    }

    func openings(req: Request) async throws -> Response {
        try await Self.open(req) { files in
            try req.json(
                OpeningsDTO(
                    person: Self.person(files),
                    openings: try await MyDataPage.build(files, request: req).openings
                )
            )
        }
    }

    private static func requests(_ files: MyFiles, _ req: Request) async throws -> RequestsDTO {
        let context = try await MyRequestsPage.build(files, request: req)
        return RequestsDTO(person: person(files), dueWorkingDays: context.dueDays, requests: context.requests)
    }

    private static func person(_ files: MyFiles) -> FileDTO {
        FileDTO(id: files.chosen.id, name: files.chosen.name, representative: files.isRepresentative)
    }

    /// Runs the call for the user's files; a `for` that is no id is refused, and a page that no
    /// longer stands (an appointment that ended) is 403 with the reason.
    private static func open(_ req: Request, _ call: (MyFiles) async throws -> Response) async throws -> Response {
        if let asked = req.query[String.self, at: "for"], UUID(uuidString: asked) == nil {
            throw Abort(.badRequest, reason: req.text(.uuidInvalid))
        }
        let files: MyFiles
        do {
            files = try await MyPageAccess.files(req)
        } catch let closed as MyPageClosed {
            throw Abort(.forbidden, reason: closed.problem.message(in: req.language))
        }
        return try await call(files)
    }
}
