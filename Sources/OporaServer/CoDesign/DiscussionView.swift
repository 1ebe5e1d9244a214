import Fluent
import OporaCore
import Vapor

/// A proposal's comments and amendments as the public page and the facilitator's page draw them.
/// Participants are named by kind only, as on the proposals: a voice, not a name.
enum DiscussionView {
    struct CommentLine: Encodable, Sendable {
        var id: String
        var author: String
        var text: String
        var hiddenReason: String?
        var at: String
    }

    struct AmendmentLine: Encodable, Sendable {
        var id: String
        var author: String
        var text: String
        var state: String
        var stateClass: String
        var canDecide: Bool
    }

    struct Thread: Encodable, Sendable {
        var comments: [CommentLine] = []
        var amendments: [AmendmentLine] = []
    }

    /// `decider` is who looks: the author's decision buttons show only to them. On the public
    /// page a hidden comment shows its reason, not its words.
    static func threads(
        _ proposals: [CoDesignProposal],
        kinds: [UUID: CoDesignParticipantKind],
        decider: DiscussionStore.Decider?,
        showHidden: Bool,
        _ req: Request
    ) async throws -> [UUID: Thread] {
        let ids = proposals.compactMap(\.id)
        let comments = try await DiscussionStore.comments(of: ids, on: req.db)
        let amendments = try await DiscussionStore.amendments(of: ids, on: req.db)
        let byID = Dictionary(uniqueKeysWithValues: proposals.compactMap { p in p.id.map { ($0, p) } })
        func author(_ participant: UUID?) -> String {
            participant.flatMap { kinds[$0] }?.label(in: req.language) ?? req.text(.codesignFromSession)
        }
        var threads: [UUID: Thread] = [:]
        for comment in comments {
            threads[comment.proposalID, default: Thread()].comments.append(
                CommentLine(
                    id: comment.id!.uuidString,
                    author: author(comment.participantID),
                    text: comment.hiddenReason == nil || showHidden ? comment.text : "",
                    hiddenReason: comment.hiddenReason,
                    at: SofiaTime.dateTime(comment.createdAt)
                )
            )
        }
        for amendment in amendments {
            guard let proposal = byID[amendment.proposalID] else { continue }
            let owner: DiscussionStore.Decider = proposal.participantID.map { .participant($0) } ?? .facilitator
            threads[amendment.proposalID, default: Thread()].amendments.append(
                AmendmentLine(
                    id: amendment.id!.uuidString,
                    author: author(amendment.participantID),
                    text: amendment.text,
                    state: amendment.state.label(in: req.language),
                    stateClass: amendment.state.rawValue,
                    canDecide: amendment.state == .open && amendment.basedOn == proposal.text && decider == owner
                        && proposal.isOnBallot
                )
            )
        }
        return threads
    }
}
