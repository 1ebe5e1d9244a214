import Fluent
import OporaCore
import Vapor

/// A round as the facilitator runs it: the results so far, a ballot entered for a participant in
/// the room (their own, or recorded by an assistant with their consent), and closing the round.
struct RoundRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("codesign", "rounds", ":roundID", use: page)
        routes.post("codesign", "rounds", ":roundID", "ballots", use: enter)
        routes.post("codesign", "rounds", ":roundID", "close", use: close)
    }

    struct Mark: Encodable, Sendable {
        var id: String
        var title: String
        var value: String
    }

    struct Context: Encodable, Sendable {
        var id: String
        var seriesID: String
        var seriesTitle: String
        var title: String
        var method: String
        var open: Bool
        var mayRun: Bool
        var marks: [Mark]
        var maximum: Int
        var voters: [Choice]
        var results: RoundResults
        var form: FormState
        var summary: ErrorSummary?
    }

    func page(req: Request) async throws -> Response {
        try await render(req, form: FormState(), summary: nil, chosen: "", status: .ok)
    }

    private func render(
        _ req: Request,
        form: FormState,
        summary: ErrorSummary?,
        chosen: String,
        status: HTTPStatus
    ) async throws -> Response {
        let user = try req.require(.followWorkshops)
        let scope = user.scope(for: .followWorkshops)
        let round = try await Scoped.find(CoDesignRound.self, try req.uuidParameter("roundID"), scope, on: req.db)
        let series = try await CoDesignStore.series(round.seriesID, scope, on: req.db)
        let proposals = try await CoDesignBallots.proposals(of: round, on: req.db)
        let participants = try await Scoped.query(CoDesignParticipant.self, scope, on: req.db)
            .filter(\.$seriesID == round.seriesID).all().filter(\.kind.votes)
        let key = req.application.dataKey
        let voters = try participants.map {
            Choice(
                value: $0.id!.uuidString,
                label: "\(try key.open($0.nameSealed)) (\($0.kind.label(in: req.language)))",
                selected: $0.id!.uuidString == chosen
            )
        }.sorted { BulgarianCollation.sortKey($0.label) < BulgarianCollation.sortKey($1.label) }
        let context = Context(
            id: round.id!.uuidString,
            seriesID: series.id!.uuidString,
            seriesTitle: series.title,
            title: round.title,
            method: CoDesignText.method(round.method, req),
            open: round.state == .open,
            mayRun: user.can(.runWorkshops),
            marks: proposals.map {
                Mark(id: $0.id!.uuidString, title: $0.title, value: form.values["mark-\($0.id!)"] ?? "")
            },
            maximum: CoDesignPublicRoutes.maximum(round, proposals: proposals.count),
            voters: voters,
            results: try await RoundResults.build(round, req),
            form: form,
            summary: summary
        )
        return try await req.view.render("codesign/round", req.page(title: round.title, context))
            .encodeResponse(status: status, for: req)
    }

    func enter(req: Request) async throws -> Response {
        let user = try req.require(.runWorkshops)
        let scope = user.scope(for: .runWorkshops)
        let round = try await Scoped.find(CoDesignRound.self, try req.uuidParameter("roundID"), scope, on: req.db)
        let fields = try req.content.decode([String: String].self)
        var checks = req.fieldChecks()
        let participant = try await UUID(uuidString: fields["participant"] ?? "").asyncFlatMap {
            try await Scoped.query(CoDesignParticipant.self, scope, on: req.db).filter(\.$id == $0)
                .filter(\.$seriesID == round.seriesID).first()
        }
        if participant == nil { checks.add("participant", key: .errorChooseFromList) }
        let assisted = fields["assisted"] == "on"
        if assisted, fields["consent"] != "on" { checks.add("consent", key: .codesignAssistedNeedsConsent) }
        let marks = CoDesignBallots.marks(fromForm: fields)
        if marks == nil { checks.add("marks", key: .codesignMarksNumbers) }
        if checks.problems.isEmpty, let participant, let marks {
            switch try await CoDesignBallots.cast(
                marks,
                round: round.requireID(),
                participant: participant,
                assisted: assisted,
                request: req
            ) {
            case .cast(let changed):
                return req.redirect(
                    to: "/codesign/rounds/\(round.id!)",
                    flash: changed ? .codesignBallotChanged : .codesignBallotCast
                )
            case .refused(let problems):
                for problem in problems { checks.add("marks", problem) }
            }
        }
        let failure = ValidationFailure(problems: checks.problems)
        var values = fields.filter { $0.key.hasPrefix("mark-") }
        values["participant"] = fields["participant"] ?? ""
        return try await render(
            req,
            form: req.refused(values, failure),
            summary: req.errorSummary(failure),
            chosen: fields["participant"] ?? "",
            status: .unprocessableEntity
        )
    }

    func close(req: Request) async throws -> Response {
        let user = try req.require(.runWorkshops)
        let round = try await Scoped.find(
            CoDesignRound.self,
            try req.uuidParameter("roundID"),
            user.scope(for: .runWorkshops),
            on: req.db
        )
        let roundID = try round.requireID()
        let now = req.application.clock.now()
        try await req.write { db in
            try await db.lockRow(table: CoDesignRound.schema, id: roundID)
            guard let held = try await Scoped.unscopedFind(CoDesignRound.self, roundID, on: db, .reread),
                held.state == .open
            else { return }
            held.state = .closed
            held.closedAt = now
            held.version += 1
            try await held.update(on: db)
            try await CoDesignStore.audit(db, req, "codesign.round.closed", held.seriesID, at: now)
        }
        return req.redirect(to: "/codesign/rounds/\(roundID)", flash: .codesignRoundClosed)
    }
}
