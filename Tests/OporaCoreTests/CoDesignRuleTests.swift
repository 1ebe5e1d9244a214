import Foundation
import OporaCore
import Testing

@Suite("Co-design rules on known examples")
struct CoDesignRuleTests {
    static func ids(_ n: Int) -> [UUID] {
        (0..<n).map { UUID(uuidString: "20000000-0000-0000-0000-00000000000\($0)")! }
    }

    /// Ranking ballots, each repeated `times`, as orders of indexes into `proposals`.
    static func ballots(_ orders: [(times: Int, order: [Int])], _ proposals: [UUID]) -> [CoDesignBallot] {
        var made: [CoDesignBallot] = []
        for group in orders {
            for _ in 0..<group.times {
                let marks = Dictionary(uniqueKeysWithValues: group.order.enumerated().map { (proposals[$1], $0 + 1) })
                made.append(CoDesignBallot(participant: UUID(), marks: marks, castAt: Date(timeIntervalSince1970: 0)))
            }
        }
        return made
    }

    @Test("The Tennessee capital example: Borda picks Nashville, instant-runoff Knoxville")
    func tennessee() {
        let p = Self.ids(4)  // Memphis, Nashville, Chattanooga, Knoxville
        let ballots = Self.ballots(
            [(42, [0, 1, 2, 3]), (26, [1, 2, 3, 0]), (15, [2, 3, 1, 0]), (17, [3, 2, 1, 0])],
            p
        )
        let borda = CoDesignCount.tally(ballots, method: .ranking, proposals: p)
        #expect(borda.rows.map(\.proposal) == [p[1], p[2], p[0], p[3]])
        #expect(borda.rows.map(\.points) == [294, 273, 226, 207])
        let runoff = CoDesignCount.instantRunoff(ballots, proposals: p)
        #expect(runoff.winner == p[3])
        #expect(runoff.rounds.map(\.eliminated) == [p[2], p[1], nil])
        #expect(runoff.rounds[1].firstPreferences == [p[0]: 42, p[1]: 26, p[3]: 32])
        #expect(runoff.rounds[2].firstPreferences == [p[0]: 42, p[3]: 58])
    }

    @Test("Dots add up and equal points share a place")
    func dots() {
        let p = Self.ids(3)
        let a = UUID()
        let b = UUID()
        let ballots = [
            CoDesignBallot(participant: a, marks: [p[0]: 2, p[1]: 1], castAt: Date(timeIntervalSince1970: 1)),
            CoDesignBallot(participant: b, marks: [p[1]: 2, p[0]: 1], castAt: Date(timeIntervalSince1970: 2)),
            // a changes their mind before the round closes: only this one counts.
            CoDesignBallot(participant: a, marks: [p[2]: 3], castAt: Date(timeIntervalSince1970: 3)),
        ]
        let tally = CoDesignCount.tally(ballots, method: .dots, proposals: p)
        #expect(tally.ballots == 2)
        #expect(tally.rows.map(\.points) == [3, 2, 1])
        #expect(tally.rows.map(\.proposal) == [p[2], p[1], p[0]])
        let tie = CoDesignCount.tally(Array(ballots.prefix(2)), method: .dots, proposals: p)
        #expect(tie.rows.map(\.place) == [1, 1, 3])
    }

    @Test("Bad ballots are refused with every reason")
    func refusals() {
        let p = Self.ids(3)
        let all = Set(p)
        #expect(
            CoDesignBallotRule.problems([p[0]: 4, p[1]: 2], method: .dots, proposals: all, dots: 5) == [
                .tooManyDots(allowed: 5)
            ]
        )
        #expect(CoDesignBallotRule.problems([:], method: .dots, proposals: all, dots: 5) == [.empty])
        #expect(CoDesignBallotRule.problems([p[0]: 6], method: .scores, proposals: all, dots: 0) == [.scoreOutOfRange])
        #expect(
            CoDesignBallotRule.problems([p[0]: -1], method: .scores, proposals: all, dots: 0) == [
                .negative, .scoreOutOfRange,
            ]
        )
        #expect(
            CoDesignBallotRule.problems([p[0]: 1, p[1]: 1], method: .ranking, proposals: all, dots: 0) == [
                .rankRepeated
            ]
        )
        #expect(CoDesignBallotRule.problems([p[0]: 4], method: .ranking, proposals: all, dots: 0) == [.rankOutOfRange])
        #expect(CoDesignBallotRule.problems([UUID(): 1], method: .dots, proposals: all, dots: 5) == [.unknownProposal])
        #expect(CoDesignBallotRule.problems([p[0]: 3, p[2]: 2], method: .dots, proposals: all, dots: 5).isEmpty)
        #expect(CoDesignBallotRule.problems([p[0]: 0, p[1]: 5], method: .scores, proposals: all, dots: 0).isEmpty)
    }

    @Test("An action moves with its progress until it is closed")
    func actions() {
        #expect(CoDesignActionState.planned.progressed(to: 40) == .underWay)
        #expect(CoDesignActionState.underWay.progressed(to: 100) == .done)
        #expect(CoDesignActionState.underWay.progressed(to: 0) == .planned)
        #expect(CoDesignActionState.underWay.progressed(to: 101) == nil)
        #expect(CoDesignActionState.done.progressed(to: 50) == nil)
        #expect(CoDesignActionState.dropped.progressed(to: 50) == nil)
    }

    @Test("Observers have no voice; every other kind has one")
    func voices() {
        #expect(CoDesignParticipantKind.allCases.filter { !$0.votes } == [.observer])
    }
}
