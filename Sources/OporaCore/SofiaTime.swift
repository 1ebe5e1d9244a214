import Foundation

/// Instants are stored in UTC and shown in Bulgarian local time (DESIGN, "Data").
///
/// Formatting goes through a Gregorian `Calendar` rather than a `DateFormatter`, so it is
/// `Sendable`, locale-independent and gives the same digits on every machine.
public enum SofiaTime {
    public static let zone: TimeZone = {
        guard let zone = TimeZone(identifier: "Europe/Sofia") else {
            preconditionFailure("the tz database has no Europe/Sofia; install tzdata")
        }
        return zone
    }()

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }()

    /// `"25.11.2026"`.
    public static func date(_ instant: Date) -> String {
        CalendarDay.today(at: instant).display
    }

    /// `"14:05"`, 24-hour clock.
    public static func time(_ instant: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        return "\(CalendarDay.pad(parts.hour ?? 0, 2)):\(CalendarDay.pad(parts.minute ?? 0, 2))"
    }

    /// Minutes after midnight in Sofia: 14:05 is 845.
    public static func minuteOfDay(_ instant: Date) -> Int {
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }

    /// The instant of `minute` after midnight on `day` in Sofia; a minute that a spring-forward
    /// skips maps to the hour after it, as the wall clock shows it.
    public static func instant(on day: CalendarDay, minute: Int) -> Date {
        var parts = DateComponents()
        (parts.year, parts.month, parts.day) = (day.year, day.month, day.day)
        (parts.hour, parts.minute) = (minute / 60, minute % 60)
        return calendar.date(from: parts) ?? Date(timeIntervalSince1970: 0)
    }

    /// `"25.11.2026 14:05"`.
    public static func dateTime(_ instant: Date) -> String {
        "\(date(instant)) \(time(instant))"
    }
}
