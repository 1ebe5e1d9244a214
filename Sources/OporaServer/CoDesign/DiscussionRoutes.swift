import Fluent
import OporaCore
import Vapor

/// The facilitator's part in the discussion: hiding a comment with a reason, and deciding the
/// amendments to proposals entered from the room, which have no participant author to ask.
struct DiscussionRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("codesign", "comments", ":commentID", "hide", use: hide)
        routes.post("codesign", "amendments", ":amendmentID", "decision", use: decide)
    }

    struct HideForm: Content {
        var reason: String?
    }

    struct DecisionForm: Content {
        var decision: String?
    }

    func hide(req: Request) async throws -> Response {
        let user = try req.require(.runWorkshops)
        let comment = try await Scoped.find(
            CoDesignComment.self,
            try req.uuidParameter("commentID"),
            user.scope(for: .runWorkshops),
            on: req.db
        )
        let input = try req.content.decode(HideForm.self)
        var checks = req.fieldChecks()
        let reason = checks.text("reason", input.reason, maximum: 300)
        if let problem = checks.problems.first {
            return try await refuse(req, comment.seriesID, problem.message)
        }
        try await DiscussionStore.hide(comment, reason: reason, request: req)
        return req.redirect(to: "/codesign/series/\(comment.seriesID)#proposals", flash: .codesignCommentHidden)
    }

    func decide(req: Request) async throws -> Response {
        let user = try req.require(.runWorkshops)
        let amendment = try await Scoped.find(
            CoDesignAmendment.self,
            try req.uuidParameter("amendmentID"),
            user.scope(for: .runWorkshops),
            on: req.db
        )
        let input = try req.content.decode(DecisionForm.self)
        guard let accept = ["accept": true, "reject": false][input.decision ?? ""] else { throw Abort(.badRequest) }
        do {
            try await DiscussionStore.decide(amendment, accept: accept, by: .facilitator, request: req)
        } catch let failure as ValidationFailure {
            return try await refuse(req, amendment.seriesID, failure.problems.first?.message ?? "")
        }
        return req.redirect(
            to: "/codesign/series/\(amendment.seriesID)#proposals",
            flash: accept ? .codesignAmendmentAccepted : .codesignAmendmentRejected
        )
    }

    private func refuse(_ req: Request, _ series: UUID, _ message: String) async throws -> Response {
        let refused = RefusedForm(target: "discussion", state: FormState(), summary: req.errorSummary(message: message))
        return try await SeriesPage.render(
            req,
            refused: refused,
            code: nil,
            status: .unprocessableEntity,
            seriesID: series
        )
    }
}
