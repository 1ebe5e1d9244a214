/// Recommended weekly minutes of one service, and why.
public struct ServiceRecommendation: Hashable, Sendable {
    public let type: SocialServiceType
    public let weeklyMinutes: Int
    public let reasons: [RecommendationReason]

    public init(type: SocialServiceType, weeklyMinutes: Int, reasons: [RecommendationReason]) {
        self.type = type
        self.weeklyMinutes = weeklyMinutes
        self.reasons = reasons
    }
}

/// What led to a recommendation, shown next to it so the person and the worker can question it.
public enum RecommendationReason: Hashable, Sendable {
    case barthelBand(BarthelIndex.Band)
    case lawtonItemsNeedingHelp([LawtonIADL.Item])
    case mobilityItemsNeedingHelp([BarthelIndex.Item])
    case lifeDomain(LifeDomain, NeedRating)
    /// The sum was cut to this weekly maximum.
    case capped(weeklyMinutes: Int)

    public func message(in language: Language) -> String {
        let bg = language == .bg
        switch self {
        case .barthelBand(let band): return "Barthel: \(band.label(in: language))"
        case .lawtonItemsNeedingHelp(let items):
            return (bg ? "Lawton, нужда от помощ: " : "Lawton, needs help with: ")
                + items.map { $0.label(in: language) }.joined(separator: ", ")
        case .mobilityItemsNeedingHelp(let items):
            return (bg ? "Barthel, придвижване с помощ: " : "Barthel, mobility with help: ")
                + items.map { $0.label(in: language) }.joined(separator: ", ")
        case .lifeDomain(let domain, let rating): return "\(domain.label(in: language)): \(rating.label(in: language))"
        case .capped(let minutes):
            return bg
                ? "ограничено до \(hoursAndMinutes(minutes, in: .bg)) седмично"
                : "capped at \(hoursAndMinutes(minutes, in: .en)) a week"
        }
    }
}

/// The rule that turns an assessment into recommended weekly hours per service type. It is a
/// starting point for the conversation with the person, who chooses the services; it decides
/// no entitlement. No Bulgarian regulation links Barthel or Lawton scores to hours (DOMAIN
/// §3.1), so the numbers below are Opora's own and are documented in docs/DOMAIN-RULES.md.
///
/// Each service takes the larger of what a scale suggests and what the person's own rating of
/// the matching life domain suggests, because the scales are optional and the life domains
/// are always assessed.
///
/// 1. **Assistant support** (self-care, household; DOMAIN §2.3) = personal care + household,
///    at most 20 h a week (4 h each working day, the municipal practice in DOMAIN §2.3):
///    - personal care: Barthel band slight 2 h, moderate 5 h, severe 10 h, total dependence
///      20 h (the whole weekly maximum: such a person needs help several times every day);
///      life domain "personal care" low 1 h, moderate 5 h, high 10 h;
///    - household: 1 h for each of Lawton shopping, food preparation, housekeeping, laundry
///      and medications scored 0; life domain "household" low 1 h, moderate 2 h, high 4 h.
/// 2. **Therapy and rehabilitation**: 2 h when Barthel transfers or mobility is below 15 or
///    stairs below 10; life domain "mobility and transport" moderate 2 h, high 3 h.
/// 3. **Information and consultation** (psychological support): the higher of "mental
///    wellbeing" and "social contacts and loneliness": moderate 1 h, high 2 h.
/// 4. **Advocacy and mediation**: the highest of "income", "housing", "employment" and
///    "education and children": moderate 1 h, high 2 h.
///
/// Services with nothing recommended are left out; the rest come in the Act's order.
public enum WeeklyHoursRecommendation {
    public static let assistantSupportWeeklyCapMinutes = 20 * 60

    public static func recommend(
        barthel: BarthelIndex?,
        lawton: LawtonIADL?,
        lifeDomains: [LifeDomainAssessment]
    ) -> [ServiceRecommendation] {
        let ratings = Dictionary(lifeDomains.map { ($0.domain, $0.rating) }, uniquingKeysWith: max)
        let candidates = [
            assistantSupport(barthel: barthel, lawton: lawton, ratings: ratings),
            therapy(barthel: barthel, ratings: ratings),
            fromDomains([.mentalWellbeing, .socialContactsAndLoneliness], ratings, as: .informationAndConsultation),
            fromDomains([.income, .housing, .employment, .educationAndChildren], ratings, as: .advocacyAndMediation),
        ]
        let order = SocialServiceType.allCases
        return candidates.filter { $0.weeklyMinutes > 0 }
            .sorted { order.firstIndex(of: $0.type)! < order.firstIndex(of: $1.type)! }
    }

    private static func assistantSupport(
        barthel: BarthelIndex?,
        lawton: LawtonIADL?,
        ratings: [LifeDomain: NeedRating]
    ) -> ServiceRecommendation {
        var reasons: [RecommendationReason] = []

        let careFromScale = barthel.map { personalCareMinutes($0.band) } ?? 0
        let careRating = ratings[.personalCare] ?? .none
        let careFromDomain = minutes(careRating, low: 60, moderate: 300, high: 600)
        if let barthel, careFromScale > 0, careFromScale >= careFromDomain {
            reasons.append(.barthelBand(barthel.band))
        }
        if careFromDomain > careFromScale { reasons.append(.lifeDomain(.personalCare, careRating)) }

        let householdItems: [LawtonIADL.Item] = [.shopping, .foodPreparation, .housekeeping, .laundry, .medications]
        let needingHelp = lawton.map { scale in householdItems.filter { scale.score(of: $0) == 0 } } ?? []
        let householdFromScale = needingHelp.count * 60
        let householdRating = ratings[.household] ?? .none
        let householdFromDomain = minutes(householdRating, low: 60, moderate: 120, high: 240)
        if householdFromScale > 0, householdFromScale >= householdFromDomain {
            reasons.append(.lawtonItemsNeedingHelp(needingHelp))
        }
        if householdFromDomain > householdFromScale { reasons.append(.lifeDomain(.household, householdRating)) }

        let total = max(careFromScale, careFromDomain) + max(householdFromScale, householdFromDomain)
        if total > assistantSupportWeeklyCapMinutes {
            reasons.append(.capped(weeklyMinutes: assistantSupportWeeklyCapMinutes))
        }
        return ServiceRecommendation(
            type: .assistantSupport,
            weeklyMinutes: min(total, assistantSupportWeeklyCapMinutes),
            reasons: reasons
        )
    }

    private static func therapy(barthel: BarthelIndex?, ratings: [LifeDomain: NeedRating]) -> ServiceRecommendation {
        let mobilityItems: [BarthelIndex.Item] = [.transfers, .mobility, .stairs]
        let needingHelp = barthel.map { scale in mobilityItems.filter { scale.scores[$0]! < $0.maximum } } ?? []
        let fromScale = needingHelp.isEmpty ? 0 : 120
        let rating = ratings[.mobilityAndTransport] ?? .none
        let fromDomain = minutes(rating, low: 0, moderate: 120, high: 180)
        var reasons: [RecommendationReason] = []
        if fromScale > 0 { reasons.append(.mobilityItemsNeedingHelp(needingHelp)) }
        if fromDomain > 0 { reasons.append(.lifeDomain(.mobilityAndTransport, rating)) }
        return ServiceRecommendation(
            type: .therapyAndRehabilitation,
            weeklyMinutes: max(fromScale, fromDomain),
            reasons: reasons
        )
    }

    /// The highest rating among `domains` decides; every domain that counted is a reason.
    private static func fromDomains(
        _ domains: [LifeDomain],
        _ ratings: [LifeDomain: NeedRating],
        as type: SocialServiceType
    ) -> ServiceRecommendation {
        let counted = domains.compactMap { domain in ratings[domain].map { (domain, $0) } }
            .filter { minutes($0.1, low: 0, moderate: 60, high: 120) > 0 }
        let highest = counted.map(\.1).max() ?? .none
        return ServiceRecommendation(
            type: type,
            weeklyMinutes: minutes(highest, low: 0, moderate: 60, high: 120),
            reasons: counted.map { .lifeDomain($0.0, $0.1) }
        )
    }

    private static func personalCareMinutes(_ band: BarthelIndex.Band) -> Int {
        switch band {
        case .independent: 0
        case .slightDependence: 120
        case .moderateDependence: 300
        case .severeDependence: 600
        case .totalDependence: 1_200
        }
    }

    private static func minutes(_ rating: NeedRating, low: Int, moderate: Int, high: Int) -> Int {
        switch rating {
        case .none: 0
        case .low: low
        case .moderate: moderate
        case .high: high
        }
    }
}
