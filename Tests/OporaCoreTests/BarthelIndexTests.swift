import Foundation
import OporaCore
import Testing

@Suite("Barthel index")
struct BarthelIndexTests {
    static func scores(_ overrides: [BarthelIndex.Item: Int] = [:]) -> [BarthelIndex.Item: Int] {
        Dictionary(uniqueKeysWithValues: BarthelIndex.Item.allCases.map { ($0, overrides[$0] ?? $0.maximum) })
    }

    /// The published values of DOMAIN §3.1, item by item.
    @Test(arguments: [
        (BarthelIndex.Item.feeding, [0, 5, 10]),
        (.bathing, [0, 5]),
        (.grooming, [0, 5]),
        (.dressing, [0, 5, 10]),
        (.bowels, [0, 5, 10]),
        (.bladder, [0, 5, 10]),
        (.toiletUse, [0, 5, 10]),
        (.transfers, [0, 5, 10, 15]),
        (.mobility, [0, 5, 10, 15]),
        (.stairs, [0, 5, 10]),
    ])
    func itemValuesAreThePublishedOnes(item: BarthelIndex.Item, values: [Int]) throws {
        #expect(item.allowedScores == values)
        for value in values {
            let index = try BarthelIndex(scores: Self.scores([item: value]))
            #expect(index.total == 100 - item.maximum + value)
            #expect(item.meaning(of: value, in: .bg) != nil && item.meaning(of: value, in: .en) != nil)
        }
        for wrong in [-5, 1, 4, 6, item.maximum + 5] {
            #expect(throws: AssessmentProblem.invalidAnswer(item: item.rawValue, answer: wrong, allowed: values)) {
                try BarthelIndex(scores: Self.scores([item: wrong]))
            }
            #expect(item.meaning(of: wrong, in: .en) == nil)
        }
    }

    @Test func maximumIsOneHundred() throws {
        #expect(BarthelIndex.Item.allCases.map(\.maximum).reduce(0, +) == BarthelIndex.maximum)
        let best = try BarthelIndex(scores: Self.scores())
        #expect(best.total == 100 && best.band == .independent && best.totalOutOfTwenty == 20)
        let worst = try BarthelIndex(
            scores: Self.scores(Dictionary(uniqueKeysWithValues: BarthelIndex.Item.allCases.map { ($0, 0) }))
        )
        #expect(worst.total == 0 && worst.band == .totalDependence)
    }

    @Test func everyItemMustBeAnswered() {
        var partial = Self.scores()
        partial[.stairs] = nil
        #expect(throws: AssessmentProblem.missingItem(item: "stairs")) { try BarthelIndex(scores: partial) }
    }

    /// Band edges of DOMAIN §3.1: 0–20, 21–60, 61–90, 91–99, 100.
    @Test(arguments: [
        (0, BarthelIndex.Band.totalDependence), (20, .totalDependence),
        (21, .severeDependence), (60, .severeDependence),
        (61, .moderateDependence), (90, .moderateDependence),
        (91, .slightDependence), (99, .slightDependence),
        (100, .independent),
    ])
    func bandEdges(total: Int, band: BarthelIndex.Band) {
        #expect(BarthelIndex.Band(total: total) == band)
    }

    @Test func totalsOutsideTheScaleHaveNoBand() {
        #expect(BarthelIndex.Band(total: -1) == nil)
        #expect(BarthelIndex.Band(total: 101) == nil)
    }

    /// Totals are multiples of 5, so the reachable edges are 20/25, 60/65, 90/95 and 95/100.
    @Test func reachableTotalsFallInTheRightBands() throws {
        let at20 = try BarthelIndex(
            scores: Self.scores([
                .feeding: 0, .bathing: 0, .grooming: 0, .dressing: 0, .bowels: 0, .bladder: 0, .toiletUse: 0,
                .transfers: 0, .mobility: 15, .stairs: 5,
            ])
        )
        #expect(at20.total == 20 && at20.band == .totalDependence)
        let at25 = try BarthelIndex(
            scores: Self.scores([
                .feeding: 0, .bathing: 0, .grooming: 0, .dressing: 0, .bowels: 0, .bladder: 0, .toiletUse: 0,
                .transfers: 0, .mobility: 15, .stairs: 10,
            ])
        )
        #expect(at25.total == 25 && at25.band == .severeDependence)
        let at95 = try BarthelIndex(scores: Self.scores([.bathing: 0]))
        #expect(at95.total == 95 && at95.band == .slightDependence)
    }

    @Test func realChangeNeedsMoreThanTwoPointsOutOfTwenty() throws {
        let before = try BarthelIndex(scores: Self.scores([.transfers: 5, .mobility: 5]))
        let tenBetter = try BarthelIndex(scores: Self.scores([.transfers: 10, .mobility: 10]))
        let fifteenBetter = try BarthelIndex(scores: Self.scores([.transfers: 15, .mobility: 10]))
        #expect(!tenBetter.isLikelyRealChange(from: before))
        #expect(fifteenBetter.isLikelyRealChange(from: before))
    }

    @Test func codableAsAnObjectOfItemScoresAndValidatedOnDecode() throws {
        let index = try BarthelIndex(scores: Self.scores([.stairs: 5]))
        let json = try JSONEncoder().encode(index)
        #expect(String(decoding: json, as: UTF8.self).contains(#""stairs":5"#))
        #expect(try JSONDecoder().decode(BarthelIndex.self, from: json) == index)
        let tampered = Data(
            String(decoding: json, as: UTF8.self).replacingOccurrences(of: #""stairs":5"#, with: #""stairs":7"#).utf8
        )
        #expect(throws: AssessmentProblem.self) { try JSONDecoder().decode(BarthelIndex.self, from: tampered) }
    }

    @Test func labelsInBothLanguages() {
        LabelTests.check(BarthelIndex.Item.self) { $0.label(in: $1) }
        LabelTests.check(BarthelIndex.Band.self) { $0.label(in: $1) }
    }
}
