import Foundation

/// What a door-to-door contact was for. A contact that only builds trust (a coffee, help with a
/// letter) is work in its own right and counts in the worker's time like any other.
public enum ContactPurpose: String, CaseIterable, Codable, Sendable {
    case firstKnock, trust, practicalHelp, conversation, followUp

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .firstKnock: ("първо почукване", "first knock")
            case .trust: ("изграждане на доверие (кафе, разговор)", "building trust (a coffee, a chat)")
            case .practicalHelp: ("практическа помощ (писмо, документ)", "practical help (a letter, a form)")
            case .conversation: ("разговор за нуждите на семейството", "talk about the family's needs")
            case .followUp: ("проследяване на обещаното", "following up a promise")
            }
        return language == .bg ? bg : en
    }
}

/// What came of knocking on a door.
public enum ContactOutcome: String, CaseIterable, Codable, Sendable {
    case met, noAnswer, declined

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .met: ("срещнахме се", "we met")
            case .noAnswer: ("никой не отвори", "no answer")
            case .declined: ("не желаят разговор", "did not want to talk")
            }
        return language == .bg ? bg : en
    }
}

/// The checks of a contact's day and length: a contact is logged for a day that has been, up to
/// `oldestDays` back (a phone offline over a long weekend still gets its entries in), and lasts
/// from 5 minutes to 8 hours.
public enum ContactRule {
    public static let oldestDays = 31
    public static let minutes = 5...480

    /// A number typed into the form (a flat, minutes): only ASCII digits, at most `digits` of them,
    /// so that nothing from outside can overflow.
    public static func number(_ text: String, digits: Int) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard (1...digits).contains(trimmed.count), trimmed.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(trimmed)
    }

    public static func check(day: CalendarDay, today: CalendarDay) -> ContactProblem? {
        if day > today { return .inTheFuture }
        if day.days(until: today) > oldestDays { return .tooOld }
        return nil
    }
}

public enum ContactProblem: LocalizedProblem, Equatable {
    case inTheFuture, tooOld, minutesRange
    case flatNotInEntrance(first: Int, last: Int)

    public var code: String {
        switch self {
        case .inTheFuture: "contact.inTheFuture"
        case .tooOld: "contact.tooOld"
        case .minutesRange: "contact.minutesRange"
        case .flatNotInEntrance: "contact.flatNotInEntrance"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.inTheFuture, .bg): "Датата на контакта не може да е в бъдещето."
        case (.inTheFuture, .en): "The contact's date cannot be in the future."
        case (.tooOld, .bg): "Контакт се записва до \(ContactRule.oldestDays) дни назад."
        case (.tooOld, .en): "A contact is recorded up to \(ContactRule.oldestDays) days back."
        case (.minutesRange, .bg):
            "Продължителността е от \(ContactRule.minutes.lowerBound) до \(ContactRule.minutes.upperBound) минути."
        case (.minutesRange, .en):
            "The length is from \(ContactRule.minutes.lowerBound) to \(ContactRule.minutes.upperBound) minutes."
        case (.flatNotInEntrance(let first, let last), .bg):
            "Във входа няма такъв апартамент: номерата са от \(first) до \(last)."
        case (.flatNotInEntrance(let first, let last), .en):
            "The entrance has no such flat: its numbers run from \(first) to \(last)."
        }
    }
}

/// A worker's contact time as the outreach timesheet counts it: every contact, whether it only
/// built trust or not, by day.
public enum ContactTime {
    public struct Entry: Hashable, Sendable {
        public var day: CalendarDay
        public var minutes: Int
        public init(day: CalendarDay, minutes: Int) {
            self.day = day
            self.minutes = minutes
        }
    }

    /// Minutes per day of the month, for the days with a contact, in day order.
    public static func days(
        _ entries: [Entry],
        month: CalendarMonth
    ) -> [(day: CalendarDay, minutes: Int, contacts: Int)] {
        var byDay: [CalendarDay: (Int, Int)] = [:]
        for entry in entries where CalendarMonth(containing: entry.day) == month {
            let now = byDay[entry.day] ?? (0, 0)
            byDay[entry.day] = (now.0 + entry.minutes, now.1 + 1)
        }
        return byDay.keys.sorted().map { (day: $0, minutes: byDay[$0]!.0, contacts: byDay[$0]!.1) }
    }

    /// "2 ч 05 мин" / "2 h 05 min".
    public static func format(_ minutes: Int, in language: Language) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        let pad = rest < 10 ? "0" : ""
        return language == .bg ? "\(hours) ч \(pad)\(rest) мин" : "\(hours) h \(pad)\(rest) min"
    }
}

/// What an anonymous contact may not hold before the family consents: a number that names a
/// person or reaches them, an ЕГН (10 digits) or a phone number (9 digits or more with their
/// spaces, dashes and brackets). Ages, flat numbers and counts of children stay short of that.
public enum AnonymousText {
    public static let longestNumber = 8

    public static func holdsIdentifyingNumber(_ text: String) -> Bool {
        var digits = 0
        // Separators since the last digit: ") " and " (" join the parts of "+359 (88) 123-45-67".
        var separators = 0
        for character in text {
            if character.isASCIIDigit {
                digits += 1
                separators = 0
                if digits > longestNumber { return true }
            } else if digits > 0, " -()+/.".contains(character), separators < 2 {
                separators += 1
            } else {
                digits = 0
                separators = 0
            }
        }
        return false
    }
}

public enum AnonymousTextProblem: LocalizedProblem, Equatable {
    case identifyingNumber

    public var code: String { "contact.identifyingNumber" }

    public func message(in language: Language) -> String {
        language == .bg
            ? "Без съгласието на семейството не се записват ЕГН и телефонни номера: опишете срещата без тях."
            : "Without the family's consent no ЕГН or phone number is recorded: describe the contact without them."
    }
}
