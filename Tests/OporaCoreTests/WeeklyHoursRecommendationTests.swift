import OporaCore
import Testing

@Suite("Weekly hours recommendation")
struct WeeklyHoursRecommendationTests {
    static func barthel(_ overrides: [BarthelIndex.Item: Int]) -> BarthelIndex {
        try! BarthelIndex(scores: BarthelIndexTests.scores(overrides))
    }

    static func lawton(_ overrides: [LawtonIADL.Item: Int]) -> LawtonIADL {
        try! LawtonIADL(levels: LawtonIADLTests.levels(overrides))
    }

    static func domain(_ domain: LifeDomain, _ rating: NeedRating) -> LifeDomainAssessment {
        LifeDomainAssessment(domain: domain, rating: rating, inOwnWords: "…")
    }

    @Test func nothingForAnIndependentPersonWithoutNeeds() {
        let result = WeeklyHoursRecommendation.recommend(
            barthel: Self.barthel([:]),
            lawton: Self.lawton([:]),
            lifeDomains: []
        )
        #expect(result.isEmpty)
    }

    /// One row per Barthel band below independent: personal care 2 / 5 / 10 / 20 h.
    @Test(arguments: [
        ([BarthelIndex.Item.bathing: 0], 120),
        ([.bathing: 0, .grooming: 0, .dressing: 0, .feeding: 5, .toiletUse: 5, .bladder: 5], 300),
        ([.bathing: 0, .grooming: 0, .dressing: 0, .feeding: 0, .toiletUse: 0, .bladder: 0, .bowels: 5], 600),
        (
            [
                .bathing: 0, .grooming: 0, .dressing: 0, .feeding: 0, .toiletUse: 0, .bladder: 0, .bowels: 0,
                .stairs: 0, .transfers: 5,
            ], 1_200
        ),
    ])
    func personalCareFromTheBarthelBand(scores: [BarthelIndex.Item: Int], minutes: Int) throws {
        let barthel = Self.barthel(scores)
        let result = WeeklyHoursRecommendation.recommend(barthel: barthel, lawton: nil, lifeDomains: [])
        let assistant = try #require(result.first { $0.type == .assistantSupport })
        #expect(assistant.weeklyMinutes == minutes)
        #expect(assistant.reasons.first == .barthelBand(barthel.band))
    }

    @Test func householdHourPerLawtonItemNeedingHelp() throws {
        let lawton = Self.lawton([.shopping: 2, .laundry: 2, .medications: 1, .telephone: 3])
        let result = WeeklyHoursRecommendation.recommend(barthel: nil, lawton: lawton, lifeDomains: [])
        #expect(
            result == [
                ServiceRecommendation.expected(
                    .assistantSupport,
                    180,
                    [.lawtonItemsNeedingHelp([.shopping, .laundry, .medications])]
                )
            ]
        )
    }

    @Test func thePersonsOwnRatingCountsWhenHigher() {
        let result = WeeklyHoursRecommendation.recommend(
            barthel: Self.barthel([.bathing: 0]),
            lawton: nil,
            lifeDomains: [Self.domain(.personalCare, .high), Self.domain(.household, .moderate)]
        )
        #expect(
            result == [
                .expected(
                    .assistantSupport,
                    600 + 120,
                    [.lifeDomain(.personalCare, .high), .lifeDomain(.household, .moderate)]
                )
            ]
        )
    }

    @Test func assistantSupportIsCappedAtTwentyHours() throws {
        let result = WeeklyHoursRecommendation.recommend(
            barthel: Self.barthel(Dictionary(uniqueKeysWithValues: BarthelIndex.Item.allCases.map { ($0, 0) })),
            lawton: Self.lawton([.shopping: 3, .foodPreparation: 3, .housekeeping: 4, .laundry: 2, .medications: 2]),
            lifeDomains: []
        )
        let assistant = try #require(result.first { $0.type == .assistantSupport })
        #expect(assistant.weeklyMinutes == 1_200)
        #expect(assistant.reasons.last == .capped(weeklyMinutes: 1_200))
    }

    @Test func therapyForMobilityBelowIndependent() {
        let result = WeeklyHoursRecommendation.recommend(
            barthel: Self.barthel([.stairs: 5]),
            lawton: nil,
            lifeDomains: []
        )
        #expect(result.contains(.expected(.therapyAndRehabilitation, 120, [.mobilityItemsNeedingHelp([.stairs])])))
        let high = WeeklyHoursRecommendation.recommend(
            barthel: Self.barthel([.stairs: 5]),
            lawton: nil,
            lifeDomains: [Self.domain(.mobilityAndTransport, .high)]
        )
        #expect(
            high.contains(
                .expected(
                    .therapyAndRehabilitation,
                    180,
                    [.mobilityItemsNeedingHelp([.stairs]), .lifeDomain(.mobilityAndTransport, .high)]
                )
            )
        )
    }

    @Test func lifeDomainsAloneLeadToConsultationAndAdvocacy() {
        let result = WeeklyHoursRecommendation.recommend(
            barthel: nil,
            lawton: nil,
            lifeDomains: [
                Self.domain(.socialContactsAndLoneliness, .moderate), Self.domain(.mentalWellbeing, .high),
                Self.domain(.housing, .moderate), Self.domain(.income, .low), Self.domain(.health, .high),
            ]
        )
        #expect(
            result == [
                .expected(
                    .informationAndConsultation,
                    120,
                    [.lifeDomain(.mentalWellbeing, .high), .lifeDomain(.socialContactsAndLoneliness, .moderate)]
                ),
                .expected(.advocacyAndMediation, 60, [.lifeDomain(.housing, .moderate)]),
            ]
        )
    }

    @Test func lowRatingsAloneRecommendOnlyAnHourOfHelpAtHome() {
        let result = WeeklyHoursRecommendation.recommend(
            barthel: nil,
            lawton: nil,
            lifeDomains: LifeDomain.allCases.map { Self.domain($0, .low) }
        )
        #expect(
            result == [
                .expected(.assistantSupport, 120, [.lifeDomain(.personalCare, .low), .lifeDomain(.household, .low)])
            ]
        )
    }

    @Test func reasonsReadInBothLanguages() {
        let reasons: [RecommendationReason] = [
            .barthelBand(.severeDependence), .lawtonItemsNeedingHelp([.shopping]), .mobilityItemsNeedingHelp([.stairs]),
            .lifeDomain(.housing, .high), .capped(weeklyMinutes: 1_200),
        ]
        for reason in reasons { #expect(reason.message(in: .bg) != reason.message(in: .en)) }
        #expect(RecommendationReason.capped(weeklyMinutes: 1_200).message(in: .bg) == "ограничено до 20 ч седмично")
    }
}

extension ServiceRecommendation {
    static func expected(_ type: SocialServiceType, _ minutes: Int, _ reasons: [RecommendationReason]) -> Self {
        ServiceRecommendation(type: type, weeklyMinutes: minutes, reasons: reasons)
    }
}
