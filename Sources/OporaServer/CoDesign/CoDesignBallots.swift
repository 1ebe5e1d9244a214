import Fluent
import Foundation
import OporaCore
import Vapor

/// Casting and counting ballots: the one path the public page, the facilitator's assisted entry
/// and the API share, so the one-ballot rule and the ballot's checks live in one place.
enum CoDesignBallots {
    enum Outcome: Sendable {
        case cast(changed: Bool)
        case refused([CoDesignBallotProblem])
    }

    /// The proposals a round puts on the ballot: the series' proposals neither hidden nor merged,
    /// in Bulgarian alphabetical order; for a closed round, only those made before it closed, so a
    /// later proposal does not change a count already published (Borda's points depend on how many).
    static func proposals(of round: CoDesignRound, on db: any Database) async throws -> [CoDesignProposal] {
        let scope = AccessScope(municipalities: [round.municipalityCode])
        var query = Scoped.query(CoDesignProposal.self, scope, on: db)
            .filter(\.$seriesID == round.seriesID).filter(\.$mergedInto == nil).filter(\.$hiddenReason == nil)
        if let closedAt = round.closedAt { query = query.filter(\.$createdAt <= closedAt) }
        return try await query.all()
            .sorted { BulgarianCollation.sortKey($0.title) < BulgarianCollation.sortKey($1.title) }
    }

    /// Records `marks` as the participant's ballot in the round, replacing their earlier one. The
    /// round's row is locked and re-read inside the transaction, which closing locks too, so a
    /// ballot cast as the round closes, or two at once from one participant, cannot both count.
    static func cast(
        _ marks: [UUID: Int],
        round roundID: UUID,
        participant: CoDesignParticipant,
        assisted: Bool,
        request req: Request
    ) async throws -> Outcome {
        let now = req.application.clock.now()
        let actor = req.auditActor
        let participantID = try participant.requireID()
        guard participant.kind.votes else { return .refused([.observerDoesNotVote]) }
        return try await req.write { db in
            try await db.lockRow(table: CoDesignRound.schema, id: roundID)
            guard let round = try await Scoped.unscopedFind(CoDesignRound.self, roundID, on: db, .reread),
                round.seriesID == participant.seriesID
            else { throw Abort(.notFound) }
            guard round.state == .open else { return .refused([.roundClosed]) }
            let onBallot = try await proposals(of: round, on: db).compactMap(\.id)
            let problems = CoDesignBallotRule.problems(
                marks.filter { $0.value != 0 },
                method: round.method,
                proposals: Set(onBallot),
                dots: round.dots
            )
            guard problems.isEmpty else { return .refused(problems) }
            let encoded = String(
                decoding: try JSONEncoder().encode(
                    Dictionary(
                        uniqueKeysWithValues: marks.filter { $0.value != 0 }.map { ($0.key.uuidString, $0.value) }
                    )
                ),
                as: UTF8.self
            )
            let held = try await Scoped.unscoped(CoDesignBallotRecord.self, on: db, .reread)
                .filter(\.$roundID == roundID).filter(\.$participantID == participantID).first()
            let ballot = held ?? CoDesignBallotRecord()
            ballot.roundID = roundID
            ballot.participantID = participantID
            ballot.oblastCode = round.oblastCode
            ballot.municipalityCode = round.municipalityCode
            ballot.marks = encoded
            ballot.assisted = assisted
            ballot.castAt = now
            try await ballot.save(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: held == nil ? "codesign.ballot.cast" : "codesign.ballot.changed",
                recordType: "codesign_round",
                recordID: roundID.uuidString,
                changes: [FieldChange(field: "assisted", old: nil, new: assisted ? "yes" : "no")],
                at: now
            )
            return .cast(changed: held != nil)
        }
    }

    /// The participant's ballot in the round, as marks per proposal.
    static func held(round: UUID, participant: UUID, on db: any Database) async throws -> [UUID: Int] {
        let record = try await Scoped.unscoped(CoDesignBallotRecord.self, on: db, .throughParent)
            .filter(\.$roundID == round).filter(\.$participantID == participant).first()
        return record.map { marks(stored: $0) } ?? [:]
    }

    /// The round's count over the proposals on its ballot.
    static func tally(
        _ round: CoDesignRound,
        on db: any Database
    ) async throws -> (proposals: [CoDesignProposal], tally: CoDesignTally, runoff: CoDesignCount.Runoff?) {
        let proposals = try await proposals(of: round, on: db)
        let ids = proposals.compactMap(\.id)
        let records = try await Scoped.unscoped(CoDesignBallotRecord.self, on: db, .throughParent)
            .filter(\.$roundID == round.requireID()).all()
        let ballots = records.map {
            CoDesignBallot(participant: $0.participantID, marks: marks(stored: $0), castAt: $0.castAt)
        }
        let runoff = round.method == .ranking ? CoDesignCount.instantRunoff(ballots, proposals: ids) : nil
        return (proposals, CoDesignCount.tally(ballots, method: round.method, proposals: ids), runoff)
    }

    private static func marks(stored record: CoDesignBallotRecord) -> [UUID: Int] {
        let decoded = (try? JSONDecoder().decode([String: Int].self, from: Data(record.marks.utf8))) ?? [:]
        return Dictionary(
            uniqueKeysWithValues: decoded.compactMap { key, value in UUID(uuidString: key).map { ($0, value) } }
        )
    }

    /// Marks as typed in a form (`mark-<proposal id>` fields): blank is 0; anything else must be a
    /// whole number in a small range, checked here, at the edge.
    static func marks(fromForm fields: [String: String]) -> [UUID: Int]? {
        var marks: [UUID: Int] = [:]
        for (name, value) in fields where name.hasPrefix("mark-") {
            guard let id = UUID(uuidString: String(name.dropFirst(5))) else { return nil }
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard trimmed.count <= 3, let number = Int(trimmed), (-99...999).contains(number) else { return nil }
            marks[id] = number
        }
        return marks
    }
}
