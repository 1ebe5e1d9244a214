/// How often a planned service is delivered: so many visits of so many minutes per period.
///
/// Minutes are whole numbers throughout so that weekly and monthly sums are exact; hours are
/// derived for display only.
public struct ServiceFrequency: Hashable, Codable, Sendable {
    public enum Period: String, CaseIterable, Codable, Sendable {
        case day, workingDay, week, month

        /// Minutes in the longest such period: a day, a week, a month of 31 days.
        public var longestMinutes: Int {
            switch self {
            case .day, .workingDay: 24 * 60
            case .week: 7 * 24 * 60
            case .month: 31 * 24 * 60
            }
        }

        public func label(in language: Language) -> String {
            switch (self, language) {
            case (.day, .bg): "дневно"
            case (.day, .en): "a day"
            case (.workingDay, .bg): "всеки работен ден"
            case (.workingDay, .en): "each working day"
            case (.week, .bg): "седмично"
            case (.week, .en): "a week"
            case (.month, .bg): "месечно"
            case (.month, .en): "a month"
            }
        }
    }

    public let visits: Int
    public let period: Period
    public let minutesPerVisit: Int

    /// The most visits in one period: far above any plan, and small enough that every sum of
    /// minutes in this file stays far from `Int.max` (numbers come from forms and API bodies).
    public static let maximumVisits = 1000
    /// One visit lasts at most a day.
    public static let maximumMinutesPerVisit = 24 * 60

    /// At least one visit of at least one minute, each within the limits above, and no more
    /// minutes of visits in a period than the period has.
    public init?(visits: Int, per period: Period, minutesPerVisit: Int) {
        guard (1...Self.maximumVisits).contains(visits), (1...Self.maximumMinutesPerVisit).contains(minutesPerVisit),
            visits * minutesPerVisit <= period.longestMinutes
        else { return nil }
        self.visits = visits
        self.period = period
        self.minutesPerVisit = minutesPerVisit
    }

    /// Decoding applies the same checks as `init?`, so stored plans cannot smuggle in zero visits.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard
            let frequency = ServiceFrequency(
                visits: try container.decode(Int.self, forKey: .visits),
                per: try container.decode(Period.self, forKey: .period),
                minutesPerVisit: try container.decode(Int.self, forKey: .minutesPerVisit)
            )
        else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "impossible frequency")
            )
        }
        self = frequency
    }

    public var minutesPerPeriod: Int { visits * minutesPerVisit }

    /// Minutes in an average week. A month is 52/12 weeks, rounded to the nearest minute.
    public var weeklyMinutes: Int {
        switch period {
        case .day: minutesPerPeriod * 7
        case .workingDay: minutesPerPeriod * 5
        case .week: minutesPerPeriod
        case .month: roundedDivision(minutesPerPeriod * 12, 52)
        }
    }

    /// Minutes in one calendar month. Daily and working-day services count the actual days
    /// (working days are Monday to Friday less `holidays`); weekly ones count the month's
    /// days in sevenths, rounded to the nearest minute.
    public func minutes(inYear year: Int, month: Int, holidays: Set<CalendarDay> = []) -> Int {
        guard let first = CalendarDay(year: year, month: month, day: 1) else { return 0 }
        let days = (0..<CalendarDay.daysInMonth(year: year, month: month)).map { first.adding(days: $0) }
        switch period {
        case .day: return minutesPerPeriod * days.count
        case .workingDay:
            return minutesPerPeriod * days.filter { $0.weekday.isWorkingDay && !holidays.contains($0) }.count
        case .week: return roundedDivision(minutesPerPeriod * days.count, 7)
        case .month: return minutesPerPeriod
        }
    }

    /// "3 посещения седмично по 45 мин." / "3 visits a week, 45 min each".
    public func description(in language: Language) -> String {
        switch language {
        case .bg:
            "\(visits) \(visits == 1 ? "посещение" : "посещения") \(period.label(in: .bg)) по \(minutesPerVisit) мин."
        case .en:
            "\(visits) \(visits == 1 ? "visit" : "visits") \(period.label(in: .en)), \(minutesPerVisit) min each"
        }
    }
}

/// `numerator / denominator` rounded half up, for non-negative numerators.
func roundedDivision(_ numerator: Int, _ denominator: Int) -> Int {
    (2 * numerator + denominator) / (2 * denominator)
}

/// Hours as a number with at most one decimal: "6,5" in Bulgarian (decimal comma), "6.5" in
/// English; whole hours without a decimal.
public func decimalHours(_ minutes: Int, in language: Language) -> String {
    let tenths = roundedDivision(minutes * 10, 60)
    guard tenths % 10 != 0 else { return String(tenths / 10) }
    return "\(tenths / 10)\(language == .bg ? "," : ".")\(tenths % 10)"
}

/// "2 ч 15 мин" / "2 h 15 min", for showing whole-minute totals.
public func hoursAndMinutes(_ minutes: Int, in language: Language) -> String {
    let (h, m) = (minutes / 60, minutes % 60)
    let (hour, minute) = language == .bg ? ("ч", "мин") : ("h", "min")
    if m == 0 { return "\(h) \(hour)" }
    if h == 0 { return "\(m) \(minute)" }
    return "\(h) \(hour) \(m) \(minute)"
}
