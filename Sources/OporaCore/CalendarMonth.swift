/// A month of the calendar, the period of hours reports, timesheets and the personal-assistance
/// entitlement (the ДСП referral grants hours per month, DOMAIN §2.1).
///
/// Written `YYYY-MM`. Only years from `earliest` to `latest` are accepted, so a month that comes
/// in a request can never make a report walk centuries of days.
public struct CalendarMonth: Hashable, Comparable, Codable, Sendable {
    public let year: Int
    public let month: Int

    /// Opora's records begin with the holiday calendar (`BulgarianHolidays.firstYear`).
    public static let earliestYear = BulgarianHolidays.firstYear
    public static let latestYear = 2100

    public init?(year: Int, month: Int) {
        guard (Self.earliestYear...Self.latestYear).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses exactly `YYYY-MM`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), let year = Int(parts[0]), let month = Int(parts[1])
        else { return nil }
        self.init(year: year, month: month)
    }

    public init?(containing day: CalendarDay) {
        self.init(year: day.year, month: day.month)
    }

    public var iso: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    public var dayCount: Int { CalendarDay.daysInMonth(year: year, month: month) }
    public var firstDay: CalendarDay { CalendarDay(year: year, month: month, day: 1)! }
    public var lastDay: CalendarDay { CalendarDay(year: year, month: month, day: dayCount)! }
    public var days: [CalendarDay] { (0..<dayCount).map { firstDay.adding(days: $0) } }

    public func contains(_ day: CalendarDay) -> Bool { day.year == year && day.month == month }

    /// The month before or after, or nil beyond the accepted years.
    public var previous: CalendarMonth? {
        month == 1 ? CalendarMonth(year: year - 1, month: 12) : CalendarMonth(year: year, month: month - 1)
    }
    public var next: CalendarMonth? {
        month == 12 ? CalendarMonth(year: year + 1, month: 1) : CalendarMonth(year: year, month: month + 1)
    }

    /// The Mondays of the weeks (Monday to Sunday) that hold a day of the month: published plans
    /// are per week, and a week's overtime is counted over the whole week.
    public var weekMondays: [CalendarDay] {
        let first = firstDay.adding(days: -Self.weekdayIndex(firstDay))
        var mondays: [CalendarDay] = []
        var monday = first
        while monday <= lastDay {
            mondays.append(monday)
            monday = monday.adding(days: 7)
        }
        return mondays
    }

    /// 0 for Monday … 6 for Sunday.
    public static func weekdayIndex(_ day: CalendarDay) -> Int { Weekday.allCases.firstIndex(of: day.weekday)! }

    /// "ноември 2026" / "November 2026".
    public func label(in language: Language) -> String {
        let bg = [
            "януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври", "ноември",
            "декември",
        ]
        let en = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        return "\((language == .bg ? bg : en)[month - 1]) \(year)"
    }

    public static func < (lhs: CalendarMonth, rhs: CalendarMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let month = CalendarMonth(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected a month YYYY-MM")
            )
        }
        self = month
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
