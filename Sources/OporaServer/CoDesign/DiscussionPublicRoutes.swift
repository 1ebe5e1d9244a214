import Fluent
import OporaCore
import Vapor

/// Comments, amendments and the author's decisions from the public page: only a registered
/// participant who has a voice writes; what is refused comes back on the series page beside the
/// proposal's own form.
struct DiscussionPublicRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("workshops", "proposals", ":proposalID", "comments", use: comment)
        routes.post("workshops", "proposals", ":proposalID", "amendments", use: amend)
        routes.post("workshops", "amendments", ":amendmentID", "decision", use: decide)
    }

    struct TextForm: Content {
        var text: String?
    }

    struct DecisionForm: Content {
        var decision: String?
    }

    /// The proposal named in the path, its series, and the participant this browser registered as
    /// for that series; `nil` for the participant when there is none or they only observe.
    private static func context(
        _ req: Request,
        proposal id: UUID
    ) async throws -> (
        CoDesignProposal, CoDesignSeries, CoDesignParticipant?
    ) {
        guard let proposal = try await Scoped.unscopedFind(CoDesignProposal.self, id, on: req.db, .publicRecord),
            proposal.hiddenReason == nil,
            let series = try await Scoped.unscopedFind(
                CoDesignSeries.self,
                proposal.seriesID,
                on: req.db,
                .publicRecord
            )
        else { throw Abort(.notFound) }
        let me = try await CoDesignPublicRoutes.participant(req).flatMap {
            $0.seriesID == proposal.seriesID && $0.kind.votes ? $0 : nil
        }
        return (proposal, series, me)
    }

    func comment(req: Request) async throws -> Response {
        let (proposal, series, me) = try await Self.context(req, proposal: try req.uuidParameter("proposalID"))
        guard let me else { return req.redirect(to: "/workshops/code") }
        try await req.checkPublicWriteLimit()
        let form = try req.content.decode(TextForm.self)
        do {
            try await DiscussionStore.comment(on: proposal, text: form.text, participant: me.id, request: req)
        } catch let failure as ValidationFailure {
            return try await refuse(req, series, proposal, ["commentText": form.text ?? ""], failure)
        }
        return req.redirect(to: "/workshops/\(series.id!)#proposal-\(proposal.id!)", flash: .codesignCommentSent)
    }

    func amend(req: Request) async throws -> Response {
        let (proposal, series, me) = try await Self.context(req, proposal: try req.uuidParameter("proposalID"))
        guard let me else { return req.redirect(to: "/workshops/code") }
        try await req.checkPublicWriteLimit()
        let form = try req.content.decode(TextForm.self)
        do {
            try await DiscussionStore.amend(proposal, text: form.text, participant: me.id, request: req)
        } catch let failure as ValidationFailure {
            return try await refuse(req, series, proposal, ["amendmentText": form.text ?? ""], failure)
        }
        return req.redirect(to: "/workshops/\(series.id!)#proposal-\(proposal.id!)", flash: .codesignAmendmentSent)
    }

    func decide(req: Request) async throws -> Response {
        guard
            let amendment = try await Scoped.unscopedFind(
                CoDesignAmendment.self,
                try req.uuidParameter("amendmentID"),
                on: req.db,
                .publicRecord
            )
        else { throw Abort(.notFound) }
        let (proposal, series, me) = try await Self.context(req, proposal: amendment.proposalID)
        guard let me else { return req.redirect(to: "/workshops/code") }
        try await req.checkPublicWriteLimit()
        let form = try req.content.decode(DecisionForm.self)
        guard let accept = ["accept": true, "reject": false][form.decision ?? ""] else { throw Abort(.badRequest) }
        do {
            try await DiscussionStore.decide(amendment, accept: accept, by: .participant(me.id!), request: req)
        } catch let failure as ValidationFailure {
            return try await refuse(req, series, proposal, [:], failure)
        }
        return req.redirect(
            to: "/workshops/\(series.id!)#proposal-\(proposal.id!)",
            flash: accept ? .codesignAmendmentAccepted : .codesignAmendmentRejected
        )
    }

    private func refuse(
        _ req: Request,
        _ series: CoDesignSeries,
        _ proposal: CoDesignProposal,
        _ values: [String: String],
        _ failure: ValidationFailure
    ) async throws -> Response {
        try await CoDesignPublicRoutes.renderSeries(
            req,
            series,
            form: FormState(),
            summary: req.errorSummary(failure, idSuffix: "-\(proposal.id!)"),
            status: .unprocessableEntity,
            discussion: (proposal.id!, req.refused(values, failure))
        )
    }
}
