import Fluent
import OporaCore
import Vapor

/// The public workshop pages: read by anyone without an account, in plain easy-read Bulgarian;
/// a participant registers once with the code handed out in the session, then proposes and
/// votes. Every write is CSRF-protected (the pages' double-submit token), limited per address,
/// and audited; what is written can be hidden with a reason by the facilitator.
struct CoDesignPublicRoutes: RouteCollection {
    static let cookieName = "opora_codesign"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("workshops", use: list)
        routes.get("workshops", ":seriesID", use: series)
        routes.get("workshops", "code", use: codeForm)
        routes.post("workshops", "code", use: register)
        routes.post("workshops", ":seriesID", "proposals", use: propose)
        routes.get("workshops", "rounds", ":roundID", use: round)
        routes.post("workshops", "rounds", ":roundID", use: vote)
        routes.get("workshops", "sessions", ":sessionID", "minutes", use: MinutesRoutes.published)
    }

    /// The participant this browser registered as, if any.
    static func participant(_ req: Request) async throws -> CoDesignParticipant? {
        guard let secret = req.cookies[cookieName]?.string, !secret.isEmpty, secret.count <= 100 else { return nil }
        return try await Scoped.unscoped(CoDesignParticipant.self, on: req.db, .authentication)
            .filter(\.$voiceDigest == Secrets.digest(secret)).first()
    }

    struct SeriesLine: Encodable, Sendable {
        var id: String
        var title: String
        var easyRead: String
    }

    func list(req: Request) async throws -> View {
        let all = try await Scoped.unscoped(CoDesignSeries.self, on: req.db, .publicRecord).all()
            .sorted { BulgarianCollation.sortKey($0.title) < BulgarianCollation.sortKey($1.title) }
        let lines = all.map { SeriesLine(id: $0.id!.uuidString, title: $0.title, easyRead: $0.easyRead) }
        return try await req.view.render("codesign/public-list", req.page(title: req.text(.codesignPublicTitle), lines))
    }

    struct ProposalLine: Encodable, Sendable {
        var id: String
        var title: String
        var text: String
        var author: String
        var hiddenReason: String?
        var mergedInto: String?
        var thread: DiscussionView.Thread
        /// A registered participant with a voice may comment on it and amend it.
        var mayDiscuss: Bool
        /// The comment and amendment forms, with what was typed after a refusal of this proposal's.
        var form: FormState
    }

    struct RoundLine: Encodable, Sendable {
        var id: String
        var title: String
        var method: String
        var open: Bool
    }

    struct SeriesContext: Encodable, Sendable {
        var id: String
        var title: String
        var goal: String
        var easyRead: String
        var schedule: String
        var sessions: [SeriesPage.SessionLine]
        var proposals: [ProposalLine]
        var rounds: [RoundLine]
        var decisions: [CoDesignDecisions.DecisionLine]
        /// The shared list of decisions draws its forms only for the facilitator.
        var mayRun = false
        var registered: Bool
        var registeredKind: String?
        var mayPropose: Bool
        /// The sessions still to come, each with the participant's answer to its invitation.
        var sessionForms: [RegistrationRoutes.SessionForm]
        var form: FormState
        var summary: ErrorSummary?
    }

    private static func publicSeries(_ req: Request) async throws -> CoDesignSeries {
        let id = try req.uuidParameter("seriesID")
        guard let series = try await Scoped.unscopedFind(CoDesignSeries.self, id, on: req.db, .publicRecord) else {
            throw Abort(.notFound)
        }
        return series
    }

    func series(req: Request) async throws -> Response {
        try await Self.renderSeries(req, try await Self.publicSeries(req), form: FormState(), summary: nil, status: .ok)
    }

    /// The series page; `discussion` is the proposal whose comment or amendment was refused,
    /// with what was typed.
    static func renderSeries(
        _ req: Request,
        _ series: CoDesignSeries,
        form: FormState,
        summary: ErrorSummary?,
        status: HTTPStatus,
        discussion: (proposal: UUID, form: FormState)? = nil,
        registration: (session: UUID, message: String)? = nil
    ) async throws -> Response {
        let id = try series.requireID()
        let scope = AccessScope(municipalities: [series.municipalityCode])
        let sessions = try await CoDesignSessions.ordered(of: id, scope, on: req.db)
        let proposals = try await Scoped.query(CoDesignProposal.self, scope, on: req.db).filter(\.$seriesID == id)
            .sort(\.$createdAt).all()
        let titles = Dictionary(uniqueKeysWithValues: proposals.map { ($0.id!, $0.title) })
        let kinds = Dictionary(
            uniqueKeysWithValues: try await Scoped.query(CoDesignParticipant.self, scope, on: req.db)
                .filter(\.$seriesID == id).all().map { ($0.id!, $0.kind) }
        )
        let rounds = try await Scoped.query(CoDesignRound.self, scope, on: req.db).filter(\.$seriesID == id)
            .sort(\.$openedAt).all()
        let me = try await Self.participant(req).flatMap { $0.seriesID == id ? $0 : nil }
        let threads = try await DiscussionView.threads(
            proposals,
            kinds: kinds,
            decider: me.flatMap { $0.kind.votes ? .participant($0.id!) : nil },
            showHidden: false,
            req
        )
        let context = SeriesContext(
            id: id.uuidString,
            title: series.title,
            goal: series.goal,
            easyRead: series.easyRead,
            schedule: series.schedule,
            sessions: sessions.enumerated().map { CoDesignSessions.line($1, req, number: $0 + 1) },
            proposals: proposals.map { proposal in
                ProposalLine(
                    id: proposal.id!.uuidString,
                    title: proposal.hiddenReason == nil ? proposal.title : "",
                    text: proposal.hiddenReason == nil ? proposal.text : "",
                    author: CoDesignText.author(proposal, kind: proposal.participantID.flatMap { kinds[$0] }, req),
                    hiddenReason: proposal.hiddenReason,
                    mergedInto: proposal.mergedInto.flatMap { titles[$0] },
                    thread: proposal.hiddenReason == nil ? threads[proposal.id!] ?? .init() : .init(),
                    mayDiscuss: (me?.kind.votes ?? false) && proposal.isOnBallot,
                    form: discussion.flatMap { $0.proposal == proposal.id ? $0.form : nil } ?? FormState()
                )
            },
            rounds: rounds.map {
                RoundLine(
                    id: $0.id!.uuidString,
                    title: $0.title,
                    method: CoDesignText.method($0.method, req),
                    open: $0.state == .open
                )
            },
            decisions: try await CoDesignDecisions.lines(of: series, req),
            registered: me != nil,
            registeredKind: me?.kind.label(in: req.language),
            mayPropose: me.map { $0.kind.votes } ?? false,
            sessionForms: try await me.asyncFlatMap {
                try await RegistrationRoutes.forms(sessions, participant: $0, refused: registration, req)
            } ?? [],
            form: form,
            summary: summary
        )
        return try await req.view.render("codesign/public-series", req.page(title: series.title, context))
            .encodeResponse(status: status, for: req)
    }

    struct CodeForm: Content {
        var code: String?
    }

    struct CodeContext: Encodable, Sendable {
        var form: FormState
        var summary: ErrorSummary?
    }

    func codeForm(req: Request) async throws -> View {
        try await req.view.render(
            "codesign/public-code",
            req.page(title: req.text(.codesignCodeTitle), CodeContext(form: FormState(), summary: nil))
        )
    }

    /// Registers this browser as the participant the code was given to. A code works once: the
    /// claim is a conditional update, so two browsers racing with one code get one registration.
    func register(req: Request) async throws -> Response {
        try await req.checkPublicWriteLimit()
        let input = try req.content.decode(CodeForm.self)
        let typed = input.code ?? ""
        var problem: CatalogueKey?
        var participant: CoDesignParticipant?
        if let code = InvitationCode.normalised(typed) {
            participant = try await Scoped.unscoped(CoDesignParticipant.self, on: req.db, .authentication)
                .filter(\.$codeDigest == Secrets.digest(code)).first()
            if participant == nil { problem = .codesignCodeUnknown }
            if participant?.registeredAt != nil { problem = .codesignCodeUsed }
        } else {
            problem = .codesignCodeUnknown
        }
        let secret = Secrets.token()
        let now = req.application.clock.now()
        if problem == nil, let participant {
            let id = try participant.requireID()
            let actor = req.auditActor
            let claimed = try await req.write { db in
                let updated = try await db.sql().raw(
                    """
                    UPDATE \(ident: CoDesignParticipant.schema) SET registered_at = \(bind: now), \
                    voice_digest = \(bind: Secrets.digest(secret)) WHERE id = \(bind: id) AND registered_at IS NULL \
                    RETURNING id
                    """
                ).all()
                guard !updated.isEmpty else { return false }
                try await AuditTrail.append(
                    on: db,
                    actor: actor,
                    action: "codesign.participant.registered",
                    recordType: "codesign_series",
                    recordID: participant.seriesID.uuidString,
                    at: now
                )
                return true
            }
            if claimed {
                let response = req.redirect(to: "/workshops/\(participant.seriesID)", flash: .codesignRegistered)
                response.cookies[Self.cookieName] = req.application.cookie(secret, maxAge: 180 * 24 * 3600)
                return response
            }
            problem = .codesignCodeUsed
        }
        let failure = ValidationFailure(problems: [
            FieldProblem(field: "code", message: req.text(problem ?? .codesignCodeUnknown))
        ])
        return try await req.view.render(
            "codesign/public-code",
            req.page(
                title: req.text(.codesignCodeTitle),
                CodeContext(form: req.refused(["code": typed], failure), summary: req.errorSummary(failure))
            )
        ).encodeResponse(status: .unprocessableEntity, for: req)
    }

    struct ProposalForm: Content {
        var title: String?
        var text: String?
    }

    func propose(req: Request) async throws -> Response {
        let series = try await Self.publicSeries(req)
        guard let me = try await Self.participant(req), me.seriesID == series.id, me.kind.votes else {
            return req.redirect(to: "/workshops/code")
        }
        try await req.checkPublicWriteLimit()
        let input = try req.content.decode(ProposalForm.self)
        var checks = req.fieldChecks()
        let title = checks.text("proposalTitle", input.title, maximum: 200)
        let text = checks.text("proposalText", input.text, maximum: 4000)
        guard checks.problems.isEmpty else {
            let failure = ValidationFailure(problems: checks.problems)
            return try await Self.renderSeries(
                req,
                series,
                form: req.refused(["proposalTitle": input.title ?? "", "proposalText": input.text ?? ""], failure),
                summary: req.errorSummary(failure),
                status: .unprocessableEntity
            )
        }
        _ = try await CoDesignStore.addProposal(
            to: series,
            title: title,
            text: text,
            participant: me.id,
            assisted: false,
            fromPublicPage: true,
            request: req
        )
        return req.redirect(to: "/workshops/\(series.id!)#proposals", flash: .codesignProposalSent)
    }

    struct Mark: Encodable, Sendable {
        var id: String
        var title: String
        var text: String
        var value: String
        var options: [Choice]
    }

    struct RoundContext: Encodable, Sendable {
        var id: String
        var seriesID: String
        var seriesTitle: String
        var title: String
        var method: String
        var open: Bool
        var isDots: Bool
        var isScores: Bool
        var isRanking: Bool
        var dots: Int
        var maximum: Int
        var howCounted: String
        var registered: Bool
        var observer: Bool
        var hasBallot: Bool
        var marks: [Mark]
        var results: RoundResults
        var form: FormState
        var summary: ErrorSummary?
    }

    static func maximum(_ round: CoDesignRound, proposals: Int) -> Int {
        switch round.method {
        case .dots: round.dots
        case .scores: CoDesignMethod.scoreRange.upperBound
        case .ranking: proposals
        }
    }

    private static func publicRound(_ req: Request) async throws -> (CoDesignRound, CoDesignSeries) {
        let id = try req.uuidParameter("roundID")
        guard let round = try await Scoped.unscopedFind(CoDesignRound.self, id, on: req.db, .publicRecord),
            let series = try await Scoped.unscopedFind(CoDesignSeries.self, round.seriesID, on: req.db, .publicRecord)
        else { throw Abort(.notFound) }
        return (round, series)
    }

    func round(req: Request) async throws -> Response {
        let (round, series) = try await Self.publicRound(req)
        return try await renderRound(req, round, series, typed: nil, summary: nil, status: .ok)
    }

    private func renderRound(
        _ req: Request,
        _ round: CoDesignRound,
        _ series: CoDesignSeries,
        typed: FormState?,
        summary: ErrorSummary?,
        status: HTTPStatus
    ) async throws -> Response {
        let proposals = try await CoDesignBallots.proposals(of: round, on: req.db)
        let me = try await Self.participant(req).flatMap { $0.seriesID == round.seriesID ? $0 : nil }
        let held =
            try await me.asyncFlatMap {
                try await CoDesignBallots.held(round: round.requireID(), participant: $0.requireID(), on: req.db)
            } ?? [:]
        let maximum = Self.maximum(round, proposals: proposals.count)
        let unranked = req.text(.codesignUnranked)
        let ranking = round.method == .ranking
        let marks = proposals.map { proposal -> Mark in
            let id = proposal.id!
            let stored: String = held[id].map { String($0) } ?? ""
            let value: String = typed?.values["mark-\(id)"] ?? stored
            let options: [Choice] = (0...maximum).map { n -> Choice in
                let label = n == 0 && ranking ? unranked : String(n)
                return Choice(value: String(n), label: label, selected: value == String(n) || (value.isEmpty && n == 0))
            }
            return Mark(id: id.uuidString, title: proposal.title, text: proposal.text, value: value, options: options)
        }
        let context = RoundContext(
            id: round.id!.uuidString,
            seriesID: series.id!.uuidString,
            seriesTitle: series.title,
            title: round.title,
            method: CoDesignText.method(round.method, req),
            open: round.state == .open,
            isDots: round.method == .dots,
            isScores: round.method == .scores,
            isRanking: round.method == .ranking,
            dots: round.dots,
            maximum: maximum,
            howCounted: CoDesignText.howCounted(round.method, dots: round.dots, req),
            registered: me != nil,
            observer: me.map { !$0.kind.votes } ?? false,
            hasBallot: !held.isEmpty,
            marks: marks,
            results: try await RoundResults.build(round, req),
            form: typed ?? FormState(),
            summary: summary
        )
        return try await req.view.render("codesign/public-round", req.page(title: round.title, context))
            .encodeResponse(status: status, for: req)
    }

    func vote(req: Request) async throws -> Response {
        let (round, series) = try await Self.publicRound(req)
        guard let me = try await Self.participant(req), me.seriesID == round.seriesID else {
            return req.redirect(to: "/workshops/code")
        }
        try await req.checkPublicWriteLimit()
        let fields = try req.content.decode([String: String].self)
        var checks = req.fieldChecks()
        if let marks = CoDesignBallots.marks(fromForm: fields) {
            switch try await CoDesignBallots.cast(
                marks,
                round: round.requireID(),
                participant: me,
                assisted: false,
                request: req
            ) {
            case .cast(let changed):
                return req.redirect(
                    to: "/workshops/rounds/\(round.id!)",
                    flash: changed ? .codesignBallotChanged : .codesignBallotCast
                )
            case .refused(let problems):
                for problem in problems { checks.add("marks", problem) }
            }
        } else {
            checks.add("marks", key: .codesignMarksNumbers)
        }
        let failure = ValidationFailure(problems: checks.problems)
        return try await renderRound(
            req,
            round,
            series,
            typed: req.refused(fields.filter { $0.key.hasPrefix("mark-") }, failure),
            summary: req.errorSummary(failure),
            status: .unprocessableEntity
        )
    }
}
