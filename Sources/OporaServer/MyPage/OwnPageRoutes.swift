import Fluent
import OporaCore
import Vapor

/// The person's own page: overview, plan, week (with ratings), requests and their data.
struct OwnPageRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let my = routes.grouped("my")
        my.get(use: overview)
        my.get("plan", use: plan)
        my.get("week", use: week)
        my.post("visits", ":visitID", "rating", use: rate)
        my.get("workers", ":workerID", "photo", use: photo)
        my.get("requests", use: requests)
        my.post("requests", use: ask)
        my.get("data", use: data)
        my.get("data", "document", use: document)
    }

    struct OverviewContext: Encodable, Sendable {
        var header: MyHeader
    }

    func overview(req: Request) async throws -> Response {
        try await Self.open(req) { files in
            try await req.view.render(
                "mypage/overview",
                req.page(
                    title: req.text(.myPageTitle),
                    OverviewContext(header: MyHeader(files, active: "", request: req))
                )
            ).encodeResponse(for: req)
        }
    }

    func plan(req: Request) async throws -> Response {
        try await Self.open(req) { files in
            let context = try await MyPlanPage.build(files, request: req)
            return try await req.view.render("mypage/plan", req.page(title: req.text(.myPlanTitle), context))
                .encodeResponse(for: req)
        }
    }

    func week(req: Request) async throws -> Response {
        try await Self.open(req) { files in
            let context = try await MyWeekPage.build(files, request: req)
            return try await req.view.render("mypage/week", req.page(title: req.text(.myWeekTitle), context))
                .encodeResponse(for: req)
        }
    }

    func rate(req: Request) async throws -> Response {
        try await Self.open(req) { files in
            let visitID = try req.uuidParameter("visitID")
            let input = try req.content.decode(VisitRatingStore.Input.self)
            do {
                try await VisitRatingStore.rate(visitID, input, files: files, request: req)
            } catch let failure as ValidationFailure {
                let context = try await MyWeekPage.build(files, summary: req.errorSummary(failure), request: req)
                return try await req.view.render("mypage/week", req.page(title: req.text(.myWeekTitle), context))
                    .encodeResponse(status: .unprocessableEntity, for: req)
            }
            return req.redirect(to: "/my/week" + files.query + "#visit-" + visitID.uuidString, flash: .myRatingThanks)
        }
    }

    func photo(req: Request) async throws -> Response {
        try await Self.open(req) { files in
            try await MyWeekPage.photo(of: try req.uuidParameter("workerID"), for: files, request: req)
        }
    }

    func requests(req: Request) async throws -> Response {
        try await Self.open(req) { files in
            let context = try await MyRequestsPage.build(files, request: req)
            return try await req.view.render("mypage/requests", req.page(title: req.text(.myRequestsTitle), context))
                .encodeResponse(for: req)
        }
    }

    func ask(req: Request) async throws -> Response {
        try await Self.open(req) { files in
            let input = try req.content.decode(ChangeRequestStore.Input.self)
            do {
                _ = try await ChangeRequestStore.submit(input, files: files, request: req)
            } catch let failure as ValidationFailure {
                let values = ["kind": input.kind ?? "", "visit": input.visit ?? "", "text": input.text ?? ""]
                let context = try await MyRequestsPage.build(
                    files,
                    form: req.refused(values, failure),
                    summary: req.errorSummary(failure),
                    request: req
                )
                return try await req.view.render(
                    "mypage/requests",
                    req.page(title: req.text(.myRequestsTitle), context)
                ).encodeResponse(status: .unprocessableEntity, for: req)
            }
            return req.redirect(to: "/my/requests" + files.query, flash: .myRequestSent)
        }
    }

    func data(req: Request) async throws -> Response {
        try await Self.open(req) { files in
            let context = try await MyDataPage.build(files, request: req)
            return try await req.view.render("mypage/data", req.page(title: req.text(.myDataTitle), context))
                .encodeResponse(for: req)
        }
    }

    struct DocumentContext: Encodable, Sendable {
        var header: MyHeader
        var document: SubjectAccessDocument
    }

    func document(req: Request) async throws -> Response {
        try await Self.open(req) { files in
            let document = try await OwnFile.subjectAccess(files.chosen.id, files.scope, request: req)
            return try await req.view.render(
                "mypage/document",
                req.page(
                    title: req.text(.myDataDocument),
                    DocumentContext(header: MyHeader(files, active: "data", request: req), document: document)
                )
            ).encodeResponse(for: req)
        }
    }

    struct ClosedContext: Encodable, Sendable {
        var message: String
    }

    /// Runs the page for the user's files, or answers with a kind page when none stands any more.
    static func open(_ req: Request, _ page: (MyFiles) async throws -> Response) async throws -> Response {
        let files: MyFiles
        do {
            files = try await MyPageAccess.files(req)
        } catch let closed as MyPageClosed {
            return try await req.view.render(
                "mypage/closed",
                req.page(
                    title: req.text(.myPageTitle),
                    ClosedContext(message: closed.problem.message(in: req.language))
                )
            ).encodeResponse(status: .forbidden, for: req)
        }
        return try await page(files)
    }
}
