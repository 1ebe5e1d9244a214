/// Degree of dependence on intensive support set by the individual assessment under the
/// Persons with Disabilities Act; it sets the monthly cap of personal-assistance hours
/// (Methodology for individual assessment, as amended SG No 58/2021; DOMAIN §2.2).
///
/// Eligibility itself comes from the ТЕЛК/НЕЛК decision, not from the degree.
public enum DependenceDegree: Int, CaseIterable, Codable, Comparable, Sendable {
    case first = 1
    case second, third, fourth

    /// Maximum hours of personal assistance a month: 15, 42, 84, 168. BTA's English report
    /// says 14 for the first degree; every Bulgarian source says 15 (DOMAIN §2.2).
    public var monthlyHoursCap: Int {
        switch self {
        case .first: 15
        case .second: 42
        case .third: 84
        case .fourth: 168
        }
    }

    /// The overall maximum, 168 hours a month.
    public static let overallMonthlyHoursCap = DependenceDegree.fourth.monthlyHoursCap

    /// Checks hours a ДСП referral grants against the cap of this degree.
    public func validate(monthlyHours: Int) throws(AssessmentProblem) {
        guard monthlyHours >= 0 else { throw .negativeHours(hours: monthlyHours) }
        guard monthlyHours <= monthlyHoursCap else {
            throw .hoursAboveCap(hours: monthlyHours, cap: monthlyHoursCap)
        }
    }

    public static func < (lhs: DependenceDegree, rhs: DependenceDegree) -> Bool { lhs.rawValue < rhs.rawValue }

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .first: ("първа степен на зависимост", "first degree of dependence")
            case .second: ("втора степен на зависимост", "second degree of dependence")
            case .third: ("трета степен на зависимост", "third degree of dependence")
            case .fourth: ("четвърта степен на зависимост", "fourth degree of dependence")
            }
        return language == .bg ? bg : en
    }
}
