/// The areas of life a needs assessment walks through with the person (issue 3,
/// "Assessment"), each rated and described in the person's own words.
public enum LifeDomain: String, CaseIterable, Codable, CodingKeyRepresentable, Sendable {
    case health, personalCare, household, mobilityAndTransport, mentalWellbeing
    case socialContactsAndLoneliness, employment, income, housing, educationAndChildren

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .health: ("здраве", "health")
            case .personalCare: ("лична грижа", "personal care")
            case .household: ("домакинство", "household")
            case .mobilityAndTransport: ("придвижване и транспорт", "mobility and transport")
            case .mentalWellbeing: ("психично благополучие", "mental wellbeing")
            case .socialContactsAndLoneliness: ("социални контакти и самота", "social contacts and loneliness")
            case .employment: ("заетост", "employment")
            case .income: ("доходи", "income")
            case .housing: ("жилище", "housing")
            case .educationAndChildren: ("образование и деца", "education and children")
            }
        return language == .bg ? bg : en
    }
}

/// How much support a life domain needs, agreed with the person.
public enum NeedRating: Int, CaseIterable, Codable, Comparable, Sendable {
    /// Managing without support.
    case none = 0
    /// Managing, with occasional difficulty or help from family.
    case low = 1
    /// Regular difficulty; support would make a clear difference.
    case moderate = 2
    /// Cannot manage without support; risk to health, safety or housing.
    case high = 3

    public static func < (lhs: NeedRating, rhs: NeedRating) -> Bool { lhs.rawValue < rhs.rawValue }

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .none: ("няма нужда от подкрепа", "no support needed")
            case .low: ("малка нужда", "low need")
            case .moderate: ("умерена нужда", "moderate need")
            case .high: ("голяма нужда", "high need")
            }
        return language == .bg ? bg : en
    }
}

/// One life domain as assessed: the rating, the person's own description and their goal.
public struct LifeDomainAssessment: Hashable, Codable, Sendable {
    public var domain: LifeDomain
    public var rating: NeedRating
    /// In the person's words, not the worker's summary.
    public var inOwnWords: String
    public var goal: String

    public init(domain: LifeDomain, rating: NeedRating, inOwnWords: String, goal: String = "") {
        self.domain = domain
        self.rating = rating
        self.inOwnWords = inOwnWords
        self.goal = goal
    }
}
