/// Days of the week in ISO 8601 order (Monday first), as Bulgarian calendars print them.
public enum Weekday: String, CaseIterable, Codable, Sendable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    public var isWorkingDay: Bool { self != .saturday && self != .sunday }

    public func label(in language: Language) -> String {
        switch language {
        case .bg:
            switch self {
            case .monday: "понеделник"
            case .tuesday: "вторник"
            case .wednesday: "сряда"
            case .thursday: "четвъртък"
            case .friday: "петък"
            case .saturday: "събота"
            case .sunday: "неделя"
            }
        case .en: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }

    /// "пн", "вт", ... / "Mon", "Tue", ...: for tables and timelines.
    public func short(in language: Language) -> String {
        switch language {
        case .bg: ["пн", "вт", "ср", "чт", "пт", "сб", "нд"][Weekday.allCases.firstIndex(of: self)!]
        case .en: String(label(in: .en).prefix(3))
        }
    }
}
