import Foundation

/// The count of a prioritisation round, from the ballots that count (`CoDesignBallotRule.counted`).
///
/// Dots and scores add up; ranking gives Borda points: with n proposals in the round, first place
/// earns n points, second n − 1, and so on, an unranked proposal none. Borda rewards broad
/// support over a narrow majority's first choice, which suits a panel that must agree on a short
/// list; the instant-runoff winner is shown beside it for those who want the majority's choice.
public struct CoDesignTally: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var proposal: UUID
        public var points: Int
        /// Ballots that gave this proposal anything.
        public var supporters: Int
        /// 1 for the most points; proposals with equal points share the place.
        public var place: Int
    }

    /// Every proposal of the round, most points first.
    public var rows: [Row]
    public var ballots: Int
}

public enum CoDesignCount {
    public static func tally(
        _ ballots: [CoDesignBallot],
        method: CoDesignMethod,
        proposals: [UUID]
    ) -> CoDesignTally {
        let counted = CoDesignBallotRule.counted(ballots)
        let n = proposals.count
        var points = Dictionary(uniqueKeysWithValues: proposals.map { ($0, 0) })
        var supporters = points
        for ballot in counted {
            for (proposal, mark) in ballot.marks where points[proposal] != nil && mark > 0 {
                switch method {
                case .dots, .scores: points[proposal]! += mark
                case .ranking: points[proposal]! += max(n - mark + 1, 0)
                }
                supporters[proposal]! += 1
            }
        }
        let ordered = proposals.sorted { (points[$0]!, $1.uuidString) > (points[$1]!, $0.uuidString) }
        var rows: [CoDesignTally.Row] = []
        for (index, proposal) in ordered.enumerated() {
            let place = index > 0 && rows[index - 1].points == points[proposal]! ? rows[index - 1].place : index + 1
            rows.append(
                CoDesignTally.Row(
                    proposal: proposal,
                    points: points[proposal]!,
                    supporters: supporters[proposal]!,
                    place: place
                )
            )
        }
        return CoDesignTally(rows: rows, ballots: counted.count)
    }

    /// One round of an instant-runoff count: first preferences among the proposals still in.
    public struct RunoffRound: Equatable, Sendable {
        public var firstPreferences: [UUID: Int]
        /// The proposal dropped after this round; `nil` in the last.
        public var eliminated: UUID?
    }

    public struct Runoff: Equatable, Sendable {
        public var rounds: [RunoffRound]
        public var winner: UUID?
    }

    /// Instant-runoff over ranking ballots: a proposal with more than half of the ballots still
    /// ranking one of the remaining proposals wins; otherwise the one with the fewest first
    /// preferences is dropped and its ballots go to their next choice. A tie for last drops the one
    /// with fewer Borda points, then the one whose id sorts last, so the count never depends on the
    /// order ballots arrived in.
    public static func instantRunoff(_ ballots: [CoDesignBallot], proposals: [UUID]) -> Runoff {
        let counted = CoDesignBallotRule.counted(ballots).map { $0.ranked.filter(proposals.contains) }
        let borda = Dictionary(
            uniqueKeysWithValues: tally(ballots, method: .ranking, proposals: proposals).rows.map {
                ($0.proposal, $0.points)
            }
        )
        var remaining = Set(proposals)
        var rounds: [RunoffRound] = []
        while !remaining.isEmpty {
            var first = Dictionary(uniqueKeysWithValues: remaining.map { ($0, 0) })
            var active = 0
            for order in counted {
                if let choice = order.first(where: remaining.contains) {
                    first[choice]! += 1
                    active += 1
                }
            }
            if let leader = first.max(by: { ($0.value, $1.key.uuidString) < ($1.value, $0.key.uuidString) }),
                active > 0, leader.value * 2 > active || remaining.count == 1
            {
                rounds.append(RunoffRound(firstPreferences: first, eliminated: nil))
                return Runoff(rounds: rounds, winner: leader.key)
            }
            if active == 0 {
                rounds.append(RunoffRound(firstPreferences: first, eliminated: nil))
                return Runoff(rounds: rounds, winner: nil)
            }
            let last = remaining.min {
                (first[$0]!, borda[$0] ?? 0, $1.uuidString) < (first[$1]!, borda[$1] ?? 0, $0.uuidString)
            }!
            rounds.append(RunoffRound(firstPreferences: first, eliminated: last))
            remaining.remove(last)
        }
        return Runoff(rounds: rounds, winner: nil)
    }
}
