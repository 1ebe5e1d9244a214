import Foundation

/// How a prioritisation round asks participants to weigh the proposals (Opora issue 15, step 4).
public enum CoDesignMethod: String, CaseIterable, Codable, Sendable {
    /// Each participant spreads a fixed number of dots, several on one proposal if they like.
    case dots
    /// Each participant orders the proposals they care about; counted by Borda points.
    case ranking
    /// Each participant gives every proposal 0 to 5.
    case scores

    public static let scoreRange = 0...5
    /// Dots per participant a facilitator may hand out: enough for any workshop, small enough to count on paper.
    public static let dotRange = 1...20
}

/// One participant's marks in a round. For dots and scores, the number per proposal; for ranking,
/// the place (1 first) of each proposal ranked. Proposals left out get nothing.
public struct CoDesignBallot: Equatable, Sendable {
    public var participant: UUID
    public var marks: [UUID: Int]
    /// When it was cast or last changed; a later ballot of the same participant replaces an earlier one.
    public var castAt: Date

    public init(participant: UUID, marks: [UUID: Int], castAt: Date) {
        self.participant = participant
        self.marks = marks
        self.castAt = castAt
    }

    /// The proposals of a ranking ballot, first choice first.
    public var ranked: [UUID] {
        marks.filter { $0.value > 0 }.sorted { ($0.value, $0.key.uuidString) < ($1.value, $1.key.uuidString) }.map(
            \.key
        )
    }
}

/// Why a ballot cannot be counted, said to the participant in short sentences.
public enum CoDesignBallotProblem: LocalizedProblem, Equatable {
    case empty
    case unknownProposal
    case tooManyDots(allowed: Int)
    case negative
    case scoreOutOfRange
    case rankRepeated
    case rankOutOfRange
    case roundClosed
    case observerDoesNotVote

    public var code: String {
        switch self {
        case .empty: "codesign.ballot.empty"
        case .unknownProposal: "codesign.ballot.unknownProposal"
        case .tooManyDots: "codesign.ballot.tooManyDots"
        case .negative: "codesign.ballot.negative"
        case .scoreOutOfRange: "codesign.ballot.scoreOutOfRange"
        case .rankRepeated: "codesign.ballot.rankRepeated"
        case .rankOutOfRange: "codesign.ballot.rankOutOfRange"
        case .roundClosed: "codesign.ballot.roundClosed"
        case .observerDoesNotVote: "codesign.ballot.observer"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.empty, .bg): "Гласът е празен. Изберете поне едно предложение."
        case (.empty, .en): "The ballot is empty. Choose at least one proposal."
        case (.unknownProposal, .bg): "Едно от предложенията не е в този кръг."
        case (.unknownProposal, .en): "One of the proposals is not in this round."
        case (.tooManyDots(let allowed), .bg): "Поставихте повече точки от позволеното. Имате \(allowed) точки."
        case (.tooManyDots(let allowed), .en): "You placed more dots than allowed. You have \(allowed) dots."
        case (.negative, .bg): "Броят не може да е по-малък от нула."
        case (.negative, .en): "A number cannot be below zero."
        case (.scoreOutOfRange, .bg): "Оценката трябва да е от 0 до 5."
        case (.scoreOutOfRange, .en): "A score must be from 0 to 5."
        case (.rankRepeated, .bg): "Две предложения имат едно и също място. Всяко място е само за едно."
        case (.rankRepeated, .en): "Two proposals have the same place. Each place is for one proposal only."
        case (.rankOutOfRange, .bg): "Мястото трябва да е между 1 и броя на предложенията."
        case (.rankOutOfRange, .en): "A place must be between 1 and the number of proposals."
        case (.roundClosed, .bg): "Гласуването в този кръг е приключило. Гласът не е записан."
        case (.roundClosed, .en): "Voting in this round has closed. The ballot was not recorded."
        case (.observerDoesNotVote, .bg): "Наблюдателите следят работата, но не гласуват."
        case (.observerDoesNotVote, .en): "Observers follow the work but do not vote."
        }
    }
}

/// The one-ballot rule and what a valid ballot is. Checked the same way for the public page,
/// the facilitator's assisted entry and the API.
public enum CoDesignBallotRule {
    /// Every problem of `marks` in a round of `method` over `proposals`; empty when it may be counted.
    public static func problems(
        _ marks: [UUID: Int],
        method: CoDesignMethod,
        proposals: Set<UUID>,
        dots: Int
    ) -> [CoDesignBallotProblem] {
        var found: [CoDesignBallotProblem] = []
        if !Set(marks.keys).isSubset(of: proposals) { found.append(.unknownProposal) }
        if marks.values.contains(where: { $0 < 0 }) { found.append(.negative) }
        switch method {
        case .dots:
            let total = marks.values.reduce(0) { $0 + max($1, 0) }
            if total > dots { found.append(.tooManyDots(allowed: dots)) }
            if total == 0 { found.append(.empty) }
        case .scores:
            if marks.values.contains(where: { !CoDesignMethod.scoreRange.contains($0) }) {
                found.append(.scoreOutOfRange)
            }
            if marks.isEmpty { found.append(.empty) }
        case .ranking:
            let places = marks.values.filter { $0 != 0 }
            if places.contains(where: { $0 < 0 || $0 > proposals.count }) { found.append(.rankOutOfRange) }
            if Set(places).count != places.count { found.append(.rankRepeated) }
            if places.isEmpty { found.append(.empty) }
        }
        return found.reduce(into: [CoDesignBallotProblem]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// The ballots that count: one per participant, the last one cast (a ballot may be changed
    /// until the round closes). Ties in time keep the one that sorts last, so the answer never
    /// depends on the order the ballots arrived in.
    public static func counted(_ ballots: [CoDesignBallot]) -> [CoDesignBallot] {
        var latest: [UUID: CoDesignBallot] = [:]
        for ballot in ballots {
            guard let held = latest[ballot.participant] else {
                latest[ballot.participant] = ballot
                continue
            }
            if (ballot.castAt, fingerprint(ballot)) > (held.castAt, fingerprint(held)) {
                latest[ballot.participant] = ballot
            }
        }
        return latest.values.sorted { $0.participant.uuidString < $1.participant.uuidString }
    }

    private static func fingerprint(_ ballot: CoDesignBallot) -> String {
        ballot.marks.sorted { $0.key.uuidString < $1.key.uuidString }.map { "\($0.key):\($0.value)" }
            .joined(separator: ",")
    }
}
