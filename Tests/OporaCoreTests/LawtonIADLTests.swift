import OporaCore
import Testing

@Suite("Lawton IADL")
struct LawtonIADLTests {
    static func levels(_ overrides: [LawtonIADL.Item: Int] = [:]) -> [LawtonIADL.Item: Int] {
        Dictionary(uniqueKeysWithValues: LawtonIADL.Item.allCases.map { ($0, overrides[$0] ?? 0) })
    }

    /// The level → score table of DOMAIN §3.2, item by item.
    @Test(arguments: [
        (LawtonIADL.Item.telephone, [1, 1, 1, 0]),
        (.shopping, [1, 0, 0, 0]),
        (.foodPreparation, [1, 0, 0, 0]),
        (.housekeeping, [1, 1, 1, 1, 0]),
        (.laundry, [1, 1, 0]),
        (.transportation, [1, 1, 1, 0, 0]),
        (.medications, [1, 0, 0]),
        (.finances, [1, 1, 0]),
    ])
    func everyLevelScoresAsPublished(item: LawtonIADL.Item, scores: [Int]) throws {
        #expect(item.levelScores == scores)
        for (level, score) in scores.enumerated() {
            let scale = try LawtonIADL(levels: Self.levels([item: level]))
            #expect(scale.score(of: item) == score)
            #expect(scale.total() == 7 + score)
            #expect(item.meaning(ofLevel: level, in: .bg) != nil && item.meaning(ofLevel: level, in: .en) != nil)
        }
        #expect(
            throws: AssessmentProblem.invalidAnswer(
                item: item.rawValue,
                answer: scores.count,
                allowed: Array(0..<scores.count)
            )
        ) {
            try LawtonIADL(levels: Self.levels([item: scores.count]))
        }
        #expect(throws: AssessmentProblem.self) { try LawtonIADL(levels: Self.levels([item: -1])) }
        #expect(item.meaning(ofLevel: scores.count, in: .bg) == nil)
    }

    @Test func everyItemMustBeAnswered() {
        var partial = Self.levels()
        partial[.finances] = nil
        #expect(throws: AssessmentProblem.missingItem(item: "finances")) { try LawtonIADL(levels: partial) }
    }

    @Test func historicalScoringForMenLeavesOutThreeItems() throws {
        #expect(LawtonIADL.Scoring.allItems.maximum == 8)
        #expect(LawtonIADL.Scoring.historicalForMen.maximum == 5)
        #expect(!LawtonIADL.Scoring.historicalForMen.items.contains(.foodPreparation))
        let scale = try LawtonIADL(levels: Self.levels([.foodPreparation: 3, .housekeeping: 4, .laundry: 2]))
        #expect(scale.total() == 5)
        #expect(scale.total(scoring: .historicalForMen) == 5)
        let withShoppingHelp = try LawtonIADL(levels: Self.levels([.shopping: 1]))
        #expect(withShoppingHelp.total(scoring: .historicalForMen) == 4)
    }

    /// Default cut-offs 0–2 severe, 3–5 moderate, 6–8 independent (DOMAIN §3.2, S66b).
    @Test(arguments: [
        (0, LawtonIADL.Band.severeDependence), (2, .severeDependence),
        (3, .moderateDependence), (5, .moderateDependence),
        (6, .independent), (8, .independent),
    ])
    func defaultBandEdges(total: Int, band: LawtonIADL.Band) throws {
        #expect(LawtonIADL.Bands.default.band(forTotal: total) == band)
        // Build a scale with exactly that total by failing items one by one.
        let failing: [LawtonIADL.Item: Int] = [
            .telephone: 3, .shopping: 1, .foodPreparation: 1, .housekeeping: 4, .laundry: 2, .transportation: 3,
            .medications: 1, .finances: 2,
        ]
        let overrides = Dictionary(
            uniqueKeysWithValues: LawtonIADL.Item.allCases.prefix(8 - total).map { ($0, failing[$0]!) }
        )
        let scale = try LawtonIADL(levels: Self.levels(overrides))
        #expect(scale.total() == total)
        #expect(scale.band() == band)
    }

    @Test func bandsAreConfigurableButMustBeOrdered() throws {
        let strict = try #require(LawtonIADL.Bands(severeUpTo: 3, moderateUpTo: 7))
        #expect(strict.band(forTotal: 7) == .moderateDependence)
        #expect(LawtonIADL.Bands(severeUpTo: 5, moderateUpTo: 5) == nil)
        #expect(LawtonIADL.Bands(severeUpTo: -1, moderateUpTo: 5) == nil)
        #expect(LawtonIADL.Bands(severeUpTo: 2, moderateUpTo: 8) == nil)
    }

    @Test func labelsInBothLanguages() {
        LabelTests.check(LawtonIADL.Item.self) { $0.label(in: $1) }
        LabelTests.check(LawtonIADL.Band.self) { $0.label(in: $1) }
        LabelTests.check(LifeDomain.self) { $0.label(in: $1) }
        LabelTests.check(NeedRating.self) { $0.label(in: $1) }
        LabelTests.check(DependenceDegree.self) { $0.label(in: $1) }
    }

    @Test func problemMessagesNameTheItem() {
        #expect(AssessmentProblem.missingItem(item: "finances").message(in: .bg).contains("боравене с пари"))
        #expect(AssessmentProblem.missingItem(item: "stairs").message(in: .en).contains("stairs"))
        #expect(
            AssessmentProblem.invalidAnswer(item: "stairs", answer: 7, allowed: [0, 5, 10]).message(in: .en).contains(
                "0, 5, 10"
            )
        )
    }
}

@Suite("Degree of dependence")
struct DependenceDegreeTests {
    /// DOMAIN §2.2.
    @Test(arguments: [(DependenceDegree.first, 15), (.second, 42), (.third, 84), (.fourth, 168)])
    func monthlyCaps(degree: DependenceDegree, cap: Int) throws {
        #expect(degree.monthlyHoursCap == cap)
        try degree.validate(monthlyHours: cap)
        try degree.validate(monthlyHours: 0)
        #expect(throws: AssessmentProblem.hoursAboveCap(hours: cap + 1, cap: cap)) {
            try degree.validate(monthlyHours: cap + 1)
        }
        #expect(throws: AssessmentProblem.negativeHours(hours: -1)) { try degree.validate(monthlyHours: -1) }
    }

    @Test func overallCapIs168() {
        #expect(DependenceDegree.overallMonthlyHoursCap == 168)
        #expect(DependenceDegree.allCases.sorted() == [.first, .second, .third, .fourth])
    }
}
