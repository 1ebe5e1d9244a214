import Foundation
import OporaCore
import PropertyBased
import Testing

private let proposals = (0..<4).map { UUID(uuidString: "00000000-0000-0000-0000-00000000000\($0)")! }
private let voters = (0..<6).map { UUID(uuidString: "10000000-0000-0000-0000-00000000000\($0)")! }
private let method = Gen.element(of: CoDesignMethod.allCases).map { $0! }
/// Marks in each method's own range: dots 0–3, scores 0–5, places 0 (unranked) to 4.
private let ballot = zip(
    Gen.int(in: 0..<voters.count),
    Gen.int(in: 0...5).array(of: proposals.count),
    Gen.int(in: 0...1_000)
).map { voter, marks, second in
    CoDesignBallot(
        participant: voters[voter],
        marks: Dictionary(uniqueKeysWithValues: zip(proposals, marks).filter { $0.1 > 0 }.map { ($0.0, $0.1) }),
        castAt: Date(timeIntervalSince1970: Double(second))
    )
}

@Suite("Counting a prioritisation round")
struct CoDesignCountProperties {
    @Test func theResultDoesNotDependOnTheOrderBallotsArrive() async {
        await propertyCheck(input: ballot.array(of: 0...12), method, Gen.int(in: 0...12)) { ballots, method, turn in
            let rotated = Array(
                ballots.dropFirst(turn % max(ballots.count, 1)) + ballots.prefix(turn % max(ballots.count, 1))
            )
            #expect(
                CoDesignCount.tally(ballots, method: method, proposals: proposals)
                    == CoDesignCount.tally(rotated.reversed(), method: method, proposals: proposals)
            )
            #expect(
                CoDesignCount.instantRunoff(ballots, proposals: proposals)
                    == CoDesignCount.instantRunoff(rotated, proposals: proposals)
            )
        }
    }

    @Test func eachParticipantIsCountedOnceWithTheirLastBallot() async {
        await propertyCheck(input: ballot.array(of: 1...12), method) { ballots, method in
            let tally = CoDesignCount.tally(ballots, method: method, proposals: proposals)
            #expect(tally.ballots == Set(ballots.map(\.participant)).count)
            let counted = CoDesignBallotRule.counted(ballots)
            for last in counted {
                let theirs = ballots.filter { $0.participant == last.participant }
                #expect(theirs.allSatisfy { $0.castAt <= last.castAt })
            }
            // An earlier copy of any ballot, sent again, changes nothing.
            var again = ballots
            again.append(
                CoDesignBallot(
                    participant: ballots[0].participant,
                    marks: [proposals[0]: 5],
                    castAt: Date(timeIntervalSince1970: -1)
                )
            )
            #expect(CoDesignCount.tally(again, method: method, proposals: proposals) == tally)
            if method != .ranking {
                let marked = counted.flatMap(\.marks.values).reduce(0, +)
                #expect(tally.rows.map(\.points).reduce(0, +) == marked)
            }
            for row in tally.rows { #expect(row.supporters <= tally.ballots) }
            for (a, b) in zip(tally.rows, tally.rows.dropFirst()) {
                #expect(a.points >= b.points)
                #expect(a.place <= b.place)
            }
        }
    }

    @Test func theRunoffWinnerHoldsAMajorityOfTheLastRound() async {
        await propertyCheck(input: ballot.array(of: 1...12)) { ballots in
            let runoff = CoDesignCount.instantRunoff(ballots, proposals: proposals)
            guard let winner = runoff.winner, let last = runoff.rounds.last else { return }
            let active = last.firstPreferences.values.reduce(0, +)
            #expect(last.firstPreferences[winner]! * 2 > active || last.firstPreferences.count == 1)
            #expect(runoff.rounds.dropLast().allSatisfy { $0.eliminated != nil && $0.eliminated != winner })
        }
    }
}
