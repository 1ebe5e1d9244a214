import Fluent
import Foundation
import OporaCore
import Vapor

/// Writing a series and what hangs on it; each change is one transaction with its audit entry.
enum CoDesignStore {
    /// The series if it lies in the scope of `permission`; 404 otherwise.
    static func series(_ id: UUID, _ scope: AccessScope, on db: any Database) async throws -> CoDesignSeries {
        try await Scoped.find(CoDesignSeries.self, id, scope, on: db)
    }

    static func audit(
        _ db: any Database,
        _ req: Request,
        _ action: String,
        _ id: UUID,
        at now: Date,
        _ changes: [FieldChange] = []
    ) async throws {
        try await AuditTrail.append(
            on: db,
            actor: req.auditActor,
            action: action,
            recordType: "codesign_series",
            recordID: id.uuidString,
            changes: changes,
            at: now
        )
    }

    /// A new participant with a fresh one-time code, which is returned to be handed out once.
    static func addParticipant(
        to series: CoDesignSeries,
        name: String,
        kind: CoDesignParticipantKind,
        request req: Request
    ) async throws -> (CoDesignParticipant, code: String) {
        let code = try newCode()
        let participant = CoDesignParticipant()
        participant.seriesID = try series.requireID()
        participant.oblastCode = series.oblastCode
        participant.municipalityCode = series.municipalityCode
        participant.nameSealed = try req.application.dataKey.seal(name)
        participant.kind = kind
        participant.codeDigest = Secrets.digest(code)
        participant.createdAt = req.application.clock.now()
        let now = participant.createdAt
        let seriesID = participant.seriesID
        try await req.write { db in
            try await participant.create(on: db)
            try await audit(
                db,
                req,
                "codesign.participant.added",
                seriesID,
                at: now,
                [
                    FieldChange(field: "kind", old: nil, new: kind.rawValue)
                ]
            )
        }
        return (participant, code)
    }

    static func newCode() throws -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<InvitationCode.length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        guard let code = InvitationCode.make(from: bytes) else { throw Abort(.internalServerError) }
        return code
    }

    /// A proposal on the series; text is required and bounded by the caller's checks.
    static func addProposal(
        to series: CoDesignSeries,
        title: String,
        text: String,
        participant: UUID?,
        assisted: Bool,
        fromPublicPage: Bool,
        request req: Request
    ) async throws -> CoDesignProposal {
        let proposal = CoDesignProposal()
        proposal.seriesID = try series.requireID()
        proposal.oblastCode = series.oblastCode
        proposal.municipalityCode = series.municipalityCode
        proposal.participantID = participant
        proposal.title = title
        proposal.text = text
        proposal.assisted = assisted
        proposal.fromPublicPage = fromPublicPage
        proposal.createdAt = req.application.clock.now()
        let now = proposal.createdAt
        try await req.write { db in
            try await proposal.create(on: db)
            try await audit(
                db,
                req,
                "codesign.proposal.added",
                proposal.seriesID,
                at: now,
                [
                    FieldChange(field: "proposal", old: nil, new: proposal.id?.uuidString),
                    FieldChange(field: "assisted", old: nil, new: assisted ? "yes" : "no"),
                ]
            )
        }
        return proposal
    }

    /// Hides a proposal from the public pages with a reason, or merges it into another of the same
    /// series; the moderation log keeps both, with who did it.
    static func moderate(
        _ proposal: CoDesignProposal,
        hideWith reason: String?,
        mergeInto target: UUID?,
        request req: Request
    ) async throws {
        let now = req.application.clock.now()
        let actor = try req.currentUser().displayName
        try await req.write { db in
            let entry = CoDesignModeration()
            entry.seriesID = proposal.seriesID
            entry.oblastCode = proposal.oblastCode
            entry.municipalityCode = proposal.municipalityCode
            entry.recordID = try proposal.requireID()
            if let target {
                proposal.mergedInto = target
                entry.action = "merged"
                entry.reason = target.uuidString
            } else {
                proposal.hiddenReason = reason
                entry.action = "hidden"
                entry.reason = reason ?? ""
            }
            entry.actor = actor
            entry.at = now
            try await proposal.update(on: db)
            try await entry.create(on: db)
            try await audit(
                db,
                req,
                "codesign.proposal.\(entry.action)",
                proposal.seriesID,
                at: now,
                [
                    FieldChange(field: "proposal", old: nil, new: proposal.id?.uuidString)
                ]
            )
        }
    }
}
