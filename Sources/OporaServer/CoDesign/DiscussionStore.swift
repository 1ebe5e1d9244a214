import Fluent
import OporaCore
import Vapor

/// Comments and amendments on a series' proposals: written from the public page by registered
/// participants, or by the facilitator from the room; decided by the proposal's author through
/// `AmendmentLedger`, under a lock on the proposal so two decisions never both apply.
enum DiscussionStore {
    static let commentMaximum = 2000

    /// Who decides on a proposal's amendments: its participant author, or the facilitator for a
    /// proposal entered from the room (it has no participant to ask).
    enum Decider: Sendable, Equatable {
        case participant(UUID)
        case facilitator
    }

    static func comment(
        on proposal: CoDesignProposal,
        text: String?,
        participant: UUID?,
        request req: Request
    ) async throws {
        var checks = req.fieldChecks()
        let words = checks.text("commentText", text, maximum: commentMaximum)
        if !proposal.isOnBallot { checks.add("commentText", AmendmentProblem.proposalClosed) }
        try checks.finish()
        let comment = CoDesignComment()
        comment.seriesID = proposal.seriesID
        comment.proposalID = try proposal.requireID()
        comment.oblastCode = proposal.oblastCode
        comment.municipalityCode = proposal.municipalityCode
        comment.participantID = participant
        comment.text = words
        comment.createdAt = req.application.clock.now()
        let now = comment.createdAt
        try await req.write { db in
            try await comment.create(on: db)
            try await CoDesignStore.audit(
                db,
                req,
                "codesign.comment.added",
                comment.seriesID,
                at: now,
                [FieldChange(field: "proposal", old: nil, new: comment.proposalID.uuidString)]
            )
        }
    }

    static func amend(
        _ proposal: CoDesignProposal,
        text: String?,
        participant: UUID?,
        request req: Request
    ) async throws {
        let proposalID = try proposal.requireID()
        let id = UUID()
        let now = req.application.clock.now()
        try await req.write { db in
            try await db.lockRow(table: CoDesignProposal.schema, id: proposalID)
            var ledger = try await ledger(of: proposalID, on: db)
            let entry: AmendmentLedger.Entry
            do throws(AmendmentProblem) {
                guard proposal.isOnBallot else { throw AmendmentProblem.proposalClosed }
                entry = try ledger.propose(id: id, text: text ?? "")
            } catch {
                throw ValidationFailure(problems: [
                    FieldProblem(field: "amendmentText", message: error.message(in: req.language))
                ])
            }
            let amendment = CoDesignAmendment()
            amendment.id = id
            amendment.seriesID = proposal.seriesID
            amendment.proposalID = proposalID
            amendment.oblastCode = proposal.oblastCode
            amendment.municipalityCode = proposal.municipalityCode
            amendment.participantID = participant
            amendment.text = entry.text
            amendment.basedOn = entry.basedOn
            amendment.state = entry.state
            amendment.createdAt = now
            try await amendment.create(on: db)
            try await CoDesignStore.audit(
                db,
                req,
                "codesign.amendment.proposed",
                proposal.seriesID,
                at: now,
                [FieldChange(field: "amendment", old: nil, new: id.uuidString)]
            )
        }
    }

    /// The author's decision; refused kindly when someone else decides or the amendment is no
    /// longer open or no longer amends the text as it stands.
    static func decide(
        _ amendment: CoDesignAmendment,
        accept: Bool,
        by decider: Decider,
        request req: Request
    ) async throws {
        let proposalID = amendment.proposalID
        let amendmentID = try amendment.requireID()
        let now = req.application.clock.now()
        try await req.write { db in
            try await db.lockRow(table: CoDesignProposal.schema, id: proposalID)
            guard
                let proposal = try await Scoped.unscopedFind(CoDesignProposal.self, proposalID, on: db, .reread)
            else { throw Abort(.notFound) }
            var ledger = try await ledger(of: proposalID, on: db)
            let changed: [UUID]
            do throws(AmendmentProblem) {
                let author: Decider = proposal.participantID.map(Decider.participant) ?? .facilitator
                guard author == decider else { throw AmendmentProblem.notTheAuthor }
                guard proposal.isOnBallot else { throw AmendmentProblem.proposalClosed }
                changed = try ledger.decide(amendmentID, accept: accept)
            } catch {
                throw ValidationFailure(problems: [
                    FieldProblem(field: "decision-\(amendmentID)", message: error.message(in: req.language))
                ])
            }
            let states = Dictionary(uniqueKeysWithValues: ledger.entries.map { ($0.id, $0.state) })
            for record in try await amendments(of: [proposalID], on: db) where changed.contains(record.id!) {
                record.state = states[record.id!] ?? record.state
                record.decidedAt = now
                try await record.update(on: db)
            }
            let old = proposal.text
            if accept {
                proposal.text = ledger.text
                try await proposal.update(on: db)
            }
            try await CoDesignStore.audit(
                db,
                req,
                accept ? "codesign.amendment.accepted" : "codesign.amendment.rejected",
                proposal.seriesID,
                at: now,
                [FieldChange(field: "amendment", old: nil, new: amendmentID.uuidString)]
                    + (accept ? [FieldChange(field: "proposalText", old: old, new: ledger.text)] : [])
            )
        }
    }

    /// Hides a comment from the public pages with a reason, in the moderation log.
    static func hide(_ comment: CoDesignComment, reason: String, request req: Request) async throws {
        let now = req.application.clock.now()
        let actor = try req.currentUser().displayName
        try await req.write { db in
            comment.hiddenReason = reason
            try await comment.update(on: db)
            let entry = CoDesignModeration()
            entry.seriesID = comment.seriesID
            entry.oblastCode = comment.oblastCode
            entry.municipalityCode = comment.municipalityCode
            entry.recordID = try comment.requireID()
            entry.action = "comment-hidden"
            entry.reason = reason
            entry.actor = actor
            entry.at = now
            try await entry.create(on: db)
            try await CoDesignStore.audit(
                db,
                req,
                "codesign.comment.hidden",
                comment.seriesID,
                at: now,
                [FieldChange(field: "comment", old: nil, new: comment.id?.uuidString)]
            )
        }
    }

    /// The proposal's text and amendments as the rules see them; inside a write, after the lock.
    private static func ledger(of proposal: UUID, on db: any Database) async throws -> AmendmentLedger {
        guard let record = try await Scoped.unscopedFind(CoDesignProposal.self, proposal, on: db, .reread) else {
            throw Abort(.notFound)
        }
        return AmendmentLedger(text: record.text, entries: try await amendments(of: [proposal], on: db).map(\.entry))
    }

    /// The amendments of proposals already found in scope, oldest first.
    static func amendments(of proposals: [UUID], on db: any Database) async throws -> [CoDesignAmendment] {
        guard !proposals.isEmpty else { return [] }
        return try await Scoped.unscoped(CoDesignAmendment.self, on: db, .throughParent)
            .filter(\.$proposalID ~~ proposals).sort(\.$createdAt).all()
    }

    /// The comments of proposals already found in scope, oldest first.
    static func comments(of proposals: [UUID], on db: any Database) async throws -> [CoDesignComment] {
        guard !proposals.isEmpty else { return [] }
        return try await Scoped.unscoped(CoDesignComment.self, on: db, .throughParent)
            .filter(\.$proposalID ~~ proposals).sort(\.$createdAt).all()
    }
}
