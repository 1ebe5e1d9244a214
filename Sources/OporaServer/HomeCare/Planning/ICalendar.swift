import Foundation
import OporaCore

/// A calendar as iCalendar text (RFC 5545): events in Sofia's local time with the zone's rules,
/// content lines ended by CRLF and folded at 75 octets, text values escaped.
struct ICalendar: Sendable {
    struct Event: Sendable {
        var uid: String
        /// When the information was made: the version's publication.
        var stamp: Date
        var day: CalendarDay
        var startMinute: Int
        var endMinute: Int
        var summary: String
        var location: String
    }

    var name: String
    var events: [Event]

    static let productID = "-//Opora//Home care//BG"
    static let zone = "Europe/Sofia"

    /// Sofia's rules since 1997, as the tz database has them: EEST from the last Sunday of March
    /// at 03:00 to the last Sunday of October at 04:00 local time (01:00 UTC both).
    static let timeZoneLines = [
        "BEGIN:VTIMEZONE", "TZID:\(zone)",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0300", "TZNAME:EEST",
        "DTSTART:19700329T030000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0300", "TZOFFSETTO:+0200", "TZNAME:EET",
        "DTSTART:19701025T040000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    func text() -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:\(Self.productID)", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:\(Self.escape(name))", "X-WR-TIMEZONE:\(Self.zone)",
        ]
        lines += Self.timeZoneLines
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:\(Self.escape(event.uid))",
                "DTSTAMP:\(Self.utc(event.stamp))",
                "DTSTART;TZID=\(Self.zone):\(Self.local(event.day, minute: event.startMinute))",
                "DTEND;TZID=\(Self.zone):\(Self.local(event.day, minute: event.endMinute))",
                "SUMMARY:\(Self.escape(event.summary))",
                "LOCATION:\(Self.escape(event.location))",
                "TRANSP:OPAQUE",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map { Self.fold($0) + "\r\n" }.joined()
    }

    /// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, a line break
    /// written as `\n`; other control characters, which TEXT may not hold, are dropped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\n", "\r": escaped += "\\n"
            case "\t": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Folds a content line (RFC 5545 §3.1): no line longer than 75 octets without its CRLF, each
    /// continuation starting with one space, and never inside a character's UTF-8 bytes.
    static func fold(_ line: String) -> String {
        var lines: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > 75 {
                lines.append(current)
                current = " "
                octets = 1
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    /// `20261207T093000`: a day and a minute after its midnight (1440 is the next midnight), local time.
    static func local(_ day: CalendarDay, minute: Int) -> String {
        let date = day.adding(days: minute / 1440)
        let rest = minute % 1440
        return digits(date.year, 4) + digits(date.month, 2) + digits(date.day, 2) + "T" + digits(rest / 60, 2)
            + digits(rest % 60, 2) + "00"
    }

    /// `20261201T164000Z`.
    static func utc(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        return digits(parts.year ?? 0, 4) + digits(parts.month ?? 0, 2) + digits(parts.day ?? 0, 2) + "T"
            + digits(parts.hour ?? 0, 2) + digits(parts.minute ?? 0, 2) + digits(parts.second ?? 0, 2) + "Z"
    }

    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
