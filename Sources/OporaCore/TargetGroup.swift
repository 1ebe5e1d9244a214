/// Groups a service is meant for and a person may belong to, each with dated evidence
/// (issue 3, "People and households"; DOMAIN §1.2, §2.3, §2.4).
public enum TargetGroup: String, CaseIterable, Codable, Sendable {
    case peopleWithDisabilities
    case elderly
    case childrenAtRisk
    case lowIncome
    case marginalisedCommunity
    case homeless
    case victimsOfViolence
    case victimsOfTrafficking
    case adultsInCrisis

    /// Home-care programmes take "people over 65" (DOMAIN §2.4).
    public static let elderlyAge = 65

    /// The elderly group is derived from the birth date, not declared.
    public static func isElderly(birthDate: CalendarDay, on day: CalendarDay) -> Bool {
        birthDate.age(on: day) >= elderlyAge
    }

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .peopleWithDisabilities: ("хора с увреждания", "people with disabilities")
            case .elderly: ("възрастни хора над 65 години", "older people aged 65 and over")
            case .childrenAtRisk: ("деца в риск", "children at risk")
            case .lowIncome: ("хора с ниски доходи", "people on low income")
            case .marginalisedCommunity: ("маргинализирана общност", "marginalised community")
            case .homeless: ("бездомни хора", "homeless people")
            case .victimsOfViolence: ("пострадали от домашно насилие", "victims of domestic violence")
            case .victimsOfTrafficking: ("пострадали от трафик", "victims of trafficking")
            case .adultsInCrisis: ("пълнолетни в криза", "adults in crisis")
            }
        return language == .bg ? bg : en
    }
}
