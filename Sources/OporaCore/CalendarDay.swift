import Foundation

/// A day of the proleptic Gregorian calendar, with no time and no zone.
///
/// Birth dates, review dates and plan start dates are days, not instants (DESIGN, "Data"); keeping
/// them apart from `Date` means a birth date never shifts by a day when it crosses a time zone.
/// Encoded as its ISO 8601 string, e.g. `"2026-11-25"`.
public struct CalendarDay: Hashable, Comparable, Codable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Years 1–9999, the range an ISO date string with four year digits can hold.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDay.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    /// The earliest day a record names when the person's birth date is unknown: no consent or
    /// contact of a living person's file is older. Year 1 came through forms as a date.
    public static let earliestOnRecord = CalendarDay(year: 1900, month: 1, day: 1)!

    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// `"2026-11-25"`.
    public var iso: String {
        "\(CalendarDay.pad(year, 4))-\(CalendarDay.pad(month, 2))-\(CalendarDay.pad(day, 2))"
    }

    /// `"25.11.2026"`, the Bulgarian way of writing a date.
    public var display: String {
        "\(CalendarDay.pad(day, 2)).\(CalendarDay.pad(month, 2)).\(CalendarDay.pad(year, 4))"
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil: exact for the whole proleptic Gregorian calendar.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day with the given number of days since 1970-01-01; `nil` outside years 1–9999.
    public init?(daysSinceEpoch: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)
    }

    /// The day `days` later (earlier when negative).
    ///
    /// Precondition: the result lies in years 1–9999; nothing Opora stores comes near either end.
    public func adding(days: Int) -> CalendarDay {
        guard let result = CalendarDay(daysSinceEpoch: daysSinceEpoch + days) else {
            preconditionFailure("\(iso) + \(days) days leaves years 1–9999")
        }
        return result
    }

    /// Whole days from `self` to `other`; negative when `other` is earlier.
    public func days(until other: CalendarDay) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let offset = ((daysSinceEpoch % 7) + 7 + 3) % 7
        return Weekday.allCases[offset]
    }

    /// The calendar day in Sofia at the instant `at`: a case worker's "today" near midnight UTC
    /// is already tomorrow in Bulgaria.
    public static func today(at instant: Date) -> CalendarDay {
        let parts = SofiaTime.calendar.dateComponents([.year, .month, .day], from: instant)
        guard let year = parts.year, let month = parts.month, let day = parts.day,
            let today = CalendarDay(year: year, month: month, day: day)
        else { preconditionFailure("Gregorian calendar returned no day for \(instant)") }
        return today
    }

    /// Age in completed years on `on`. Someone born on 29 February becomes a year older on
    /// 1 March in a common year, because 28 February is still before the birthday.
    public func age(on day: CalendarDay) -> Int {
        let years = day.year - year
        return (day.month, day.day) < (month, self.day) ? years - 1 : years
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = CalendarDay(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "\"\(text)\" is not a YYYY-MM-DD calendar day"
            )
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension CalendarDay: CustomStringConvertible {
    public var description: String { iso }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
