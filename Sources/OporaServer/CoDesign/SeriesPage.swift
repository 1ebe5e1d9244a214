import Fluent
import OporaCore
import Vapor

/// The facilitator's page of one series; the director and the planner read it without the forms.
enum SeriesPage {
    struct IssuedCode: Encodable, Sendable {
        var name: String
        var kind: String
        var code: String
    }

    struct SessionLine: Encodable, Sendable {
        var id: String
        var number: Int
        var day: String
        var starts: String
        var place: String
        var access: [String]
        var accessText: String
        var minutesPublished: Bool
    }

    struct ParticipantLine: Encodable, Sendable {
        var id: String
        var name: String
        var kind: String
        var registered: Bool
    }

    struct ProposalLine: Encodable, Sendable {
        var id: String
        var title: String
        var text: String
        var author: String
        var assisted: Bool
        var hiddenReason: String?
        var mergedInto: String?
        var form: FormState
        var refused: Bool
        var thread: DiscussionView.Thread
    }

    struct RoundLine: Encodable, Sendable {
        var id: String
        var title: String
        var method: String
        var open: Bool
    }

    struct LogLine: Encodable, Sendable {
        var at: String
        var actor: String
        var action: String
        var reason: String
    }

    struct Context: Encodable, Sendable {
        var id: String
        var title: String
        var goal: String
        var easyRead: String
        var schedule: String
        var mayRun: Bool
        var sessions: [SessionLine]
        var participants: [ParticipantLine]
        var participantChoices: [Choice]
        var kinds: [Choice]
        var methods: [Choice]
        var proposals: [ProposalLine]
        var onBallot: [Choice]
        var rounds: [RoundLine]
        var decisions: [CoDesignDecisions.DecisionLine]
        var services: [Choice]
        var log: [LogLine]
        var code: IssuedCode?
        var session: FormState
        var participant: FormState
        var proposal: FormState
        var round: FormState
        var decision: FormState
        var summary: ErrorSummary?
    }

    static func render(
        _ req: Request,
        refused: RefusedForm?,
        code: IssuedCode?,
        status: HTTPStatus,
        seriesID: UUID? = nil
    ) async throws -> Response {
        let user = try req.require(.followWorkshops)
        let scope = user.scope(for: .followWorkshops)
        let series = try await CoDesignStore.series(try seriesID ?? req.uuidParameter("seriesID"), scope, on: req.db)
        let id = try series.requireID()
        let language = req.language
        let sessions = try await CoDesignSessions.ordered(of: id, scope, on: req.db)
        let participants = try await Scoped.query(CoDesignParticipant.self, scope, on: req.db)
            .filter(\.$seriesID == id).all()
        let key = req.application.dataKey
        let names = try Dictionary(uniqueKeysWithValues: participants.map { ($0.id!, try key.open($0.nameSealed)) })
        let proposals = try await Scoped.query(CoDesignProposal.self, scope, on: req.db).filter(\.$seriesID == id)
            .sort(\.$createdAt).all()
        let titles = Dictionary(uniqueKeysWithValues: proposals.map { ($0.id!, $0.title) })
        let rounds = try await Scoped.query(CoDesignRound.self, scope, on: req.db).filter(\.$seriesID == id)
            .sort(\.$openedAt).all()
        let log = try await Scoped.query(CoDesignModeration.self, scope, on: req.db).filter(\.$seriesID == id)
            .sort(\.$at, .descending).all()
        let sortedParticipants = participants.sorted {
            BulgarianCollation.sortKey(names[$0.id!]!) < BulgarianCollation.sortKey(names[$1.id!]!)
        }
        let kindOf = Dictionary(uniqueKeysWithValues: participants.map { ($0.id!, $0.kind) })
        let threads = try await DiscussionView.threads(
            proposals,
            kinds: kindOf,
            decider: user.can(.runWorkshops) ? .facilitator : nil,
            showHidden: true,
            req
        )
        let context = Context(
            id: id.uuidString,
            title: series.title,
            goal: series.goal,
            easyRead: series.easyRead,
            schedule: series.schedule,
            mayRun: user.can(.runWorkshops),
            sessions: sessions.map { CoDesignSessions.line($0, req) },
            participants: sortedParticipants.map {
                ParticipantLine(
                    id: $0.id!.uuidString,
                    name: names[$0.id!]!,
                    kind: $0.kind.label(in: language),
                    registered: $0.registeredAt != nil
                )
            },
            participantChoices: sortedParticipants.map {
                Choice(
                    value: $0.id!.uuidString,
                    label: "\(names[$0.id!]!) (\($0.kind.label(in: language)))",
                    selected: refused?.target == "proposal" && refused?.chosen.contains($0.id!.uuidString) == true
                )
            },
            kinds: CoDesignParticipantKind.allCases.map {
                Choice(
                    value: $0.rawValue,
                    label: $0.label(in: language),
                    selected: refused?.target == "participant" && refused?.chosen.contains($0.rawValue) == true
                )
            },
            methods: CoDesignMethod.allCases.map {
                Choice(
                    value: $0.rawValue,
                    label: CoDesignText.method($0, req),
                    selected: refused?.target == "round" && refused?.chosen.contains($0.rawValue) == true
                )
            },
            proposals: proposals.map { proposal in
                let target = "moderate:\(proposal.id!)"
                return ProposalLine(
                    id: proposal.id!.uuidString,
                    title: proposal.title,
                    text: proposal.text,
                    author: CoDesignText.author(proposal, kind: proposal.participantID.flatMap { kindOf[$0] }, req),
                    assisted: proposal.assisted,
                    hiddenReason: proposal.hiddenReason,
                    mergedInto: proposal.mergedInto.flatMap { titles[$0] },
                    form: refused?.state(target) ?? FormState(),
                    refused: refused?.target == target,
                    thread: threads[proposal.id!] ?? .init()
                )
            },
            onBallot: proposals.filter(\.isOnBallot).map {
                Choice(value: $0.id!.uuidString, label: $0.title, selected: false)
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
            services: try await ServiceStore.list(
                AccessScope(municipalities: [series.municipalityCode]),
                providerID: nil,
                on: req.db
            ).sorted { BulgarianCollation.sortKey($0.name) < BulgarianCollation.sortKey($1.name) }.map {
                Choice(value: $0.id!.uuidString, label: $0.name, selected: false)
            },
            log: log.map {
                LogLine(
                    at: SofiaTime.dateTime($0.at),
                    actor: $0.actor,
                    action: req.text($0.action == "merged" ? .codesignLogMerged : .codesignLogHidden),
                    reason: $0.action == "merged"
                        ? (UUID(uuidString: $0.reason).flatMap { titles[$0] } ?? "") : $0.reason
                )
            },
            code: code,
            session: refused?.state("session") ?? FormState(),
            participant: refused?.state("participant") ?? FormState(),
            proposal: refused?.state("proposal") ?? FormState(),
            round: refused?.state("round") ?? FormState(),
            decision: refused?.state("decision") ?? FormState(),
            summary: refused?.summary
        )
        return try await req.view.render("codesign/series", req.page(title: series.title, context))
            .encodeResponse(status: status, for: req)
    }
}
