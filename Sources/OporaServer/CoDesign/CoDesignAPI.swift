import Fluent
import OporaCore
import Vapor

/// `/api/v1/codesign/...`: the series of the caller's scope, one series with its sessions,
/// proposals and rounds, a round's counted results, and a proposal entered for a session.
struct CoDesignAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(APIGuard()).grouped("codesign")
        api.get("series", use: list)
        api.get("series", ":seriesID", use: show)
        api.post("series", ":seriesID", "proposals", use: propose)
        api.get("rounds", ":roundID", "results", use: results)
    }

    struct SeriesDTO: Content {
        var id: UUID
        var title: String
        var goal: String
        var easyRead: String
        var schedule: String
        var municipalityCode: String
    }

    struct SessionDTO: Content {
        var id: UUID
        var day: String
        var starts: String
        var place: String
        var stepFree: Bool
        var signLanguage: Bool
        var easyReadMaterial: Bool
        var agenda: String
    }

    struct ProposalDTO: Content {
        var id: UUID
        var title: String
        var text: String
        var assisted: Bool
        var fromPublicPage: Bool
        var mergedInto: UUID?
        var hidden: Bool
    }

    struct RoundDTO: Content {
        var id: UUID
        var title: String
        var method: String
        var dots: Int
        var state: String
    }

    /// A comment; a hidden one keeps its reason, its words stay with the facilitator's page.
    struct CommentDTO: Content {
        var id: UUID
        var proposalId: UUID
        var text: String
        var fromParticipant: Bool
        var hiddenReason: String?
        var createdAt: Date
    }

    struct AmendmentDTO: Content {
        var id: UUID
        var proposalId: UUID
        var text: String
        var basedOn: String
        var state: String
        var fromParticipant: Bool
        var createdAt: Date
        var decidedAt: Date?
    }

    struct SeriesDetailDTO: Content {
        var series: SeriesDTO
        var sessions: [SessionDTO]
        var proposals: [ProposalDTO]
        var rounds: [RoundDTO]
        var comments: [CommentDTO]
        var amendments: [AmendmentDTO]
    }

    static func dto(_ series: CoDesignSeries) -> SeriesDTO {
        SeriesDTO(
            id: series.id!,
            title: series.title,
            goal: series.goal,
            easyRead: series.easyRead,
            schedule: series.schedule,
            municipalityCode: series.municipalityCode
        )
    }

    func list(req: Request) async throws -> Response {
        let user = try req.require(.followWorkshops)
        let series = try await Scoped.query(CoDesignSeries.self, user.scope(for: .followWorkshops), on: req.db).all()
            .sorted { BulgarianCollation.sortKey($0.title) < BulgarianCollation.sortKey($1.title) }
        return try req.json(series.map(Self.dto))
    }

    func show(req: Request) async throws -> Response {
        let user = try req.require(.followWorkshops)
        let scope = user.scope(for: .followWorkshops)
        let series = try await CoDesignStore.series(try req.uuidParameter("seriesID"), scope, on: req.db)
        let id = try series.requireID()
        let sessions = try await CoDesignSessions.ordered(of: id, scope, on: req.db)
        let proposals = try await Scoped.query(CoDesignProposal.self, scope, on: req.db).filter(\.$seriesID == id)
            .sort(\.$createdAt).all()
        let rounds = try await Scoped.query(CoDesignRound.self, scope, on: req.db).filter(\.$seriesID == id)
            .sort(\.$openedAt).all()
        let comments = try await DiscussionStore.comments(of: proposals.compactMap(\.id), on: req.db)
        let amendments = try await DiscussionStore.amendments(of: proposals.compactMap(\.id), on: req.db)
        return try req.json(
            SeriesDetailDTO(
                series: Self.dto(series),
                sessions: sessions.map {
                    SessionDTO(
                        id: $0.id!,
                        day: $0.day,
                        starts: $0.starts,
                        place: $0.place,
                        stepFree: $0.stepFree,
                        signLanguage: $0.signLanguage,
                        easyReadMaterial: $0.easyReadMaterial,
                        agenda: $0.agenda
                    )
                },
                proposals: proposals.map {
                    ProposalDTO(
                        id: $0.id!,
                        title: $0.title,
                        text: $0.text,
                        assisted: $0.assisted,
                        fromPublicPage: $0.fromPublicPage,
                        mergedInto: $0.mergedInto,
                        hidden: $0.hiddenReason != nil
                    )
                },
                rounds: rounds.map {
                    RoundDTO(
                        id: $0.id!,
                        title: $0.title,
                        method: $0.method.rawValue,
                        dots: $0.dots,
                        state: $0.state.rawValue
                    )
                },
                comments: comments.map {
                    CommentDTO(
                        id: $0.id!,
                        proposalId: $0.proposalID,
                        text: $0.hiddenReason == nil ? $0.text : "",
                        fromParticipant: $0.participantID != nil,
                        hiddenReason: $0.hiddenReason,
                        createdAt: $0.createdAt
                    )
                },
                amendments: amendments.map {
                    AmendmentDTO(
                        id: $0.id!,
                        proposalId: $0.proposalID,
                        text: $0.text,
                        basedOn: $0.basedOn,
                        state: $0.state.rawValue,
                        fromParticipant: $0.participantID != nil,
                        createdAt: $0.createdAt,
                        decidedAt: $0.decidedAt
                    )
                }
            )
        )
    }

    struct ProposalInput: Content {
        var title: String?
        var text: String?
    }

    func propose(req: Request) async throws -> Response {
        let user = try req.require(.runWorkshops)
        let series = try await CoDesignStore.series(
            try req.uuidParameter("seriesID"),
            user.scope(for: .runWorkshops),
            on: req.db
        )
        let input = try req.decodeJSON(ProposalInput.self)
        var checks = req.fieldChecks()
        let title = checks.text("title", input.title, maximum: 200)
        let text = checks.text("text", input.text, maximum: 4000)
        try checks.finish()
        let proposal = try await CoDesignStore.addProposal(
            to: series,
            title: title,
            text: text,
            participant: nil,
            assisted: false,
            fromPublicPage: false,
            request: req
        )
        return try req.json(
            ProposalDTO(
                id: proposal.id!,
                title: title,
                text: text,
                assisted: false,
                fromPublicPage: false,
                mergedInto: nil,
                hidden: false
            ),
            status: .created
        )
    }

    struct ResultRowDTO: Content {
        var place: Int
        var proposalTitle: String
        var points: Int
        var supporters: Int
    }

    struct ResultsDTO: Content {
        var roundId: UUID
        var method: String
        var state: String
        var ballots: Int
        var rows: [ResultRowDTO]
        var runoffWinner: String?
        var howCounted: String
    }

    func results(req: Request) async throws -> Response {
        let user = try req.require(.followWorkshops)
        let round = try await Scoped.find(
            CoDesignRound.self,
            try req.uuidParameter("roundID"),
            user.scope(for: .followWorkshops),
            on: req.db
        )
        let results = try await RoundResults.build(round, req)
        return try req.json(
            ResultsDTO(
                roundId: round.id!,
                method: round.method.rawValue,
                state: round.state.rawValue,
                ballots: results.ballots,
                rows: results.rows.map {
                    ResultRowDTO(place: $0.place, proposalTitle: $0.title, points: $0.points, supporters: $0.supporters)
                },
                runoffWinner: results.runoffWinner,
                howCounted: results.howCounted
            )
        )
    }
}
