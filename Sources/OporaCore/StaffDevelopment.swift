import Foundation

/// What a worker's development record is about (seed 004's activity 6): the centre keeps
/// training, psychological support against burn-out, consultations and supervision of its staff.
public enum DevelopmentKind: String, CaseIterable, Codable, Sendable {
    case training, psychologicalSupport, consultation, supervision

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .training: ("обучение", "training")
            case .psychologicalSupport: ("психологическа подкрепа", "psychological support")
            case .consultation: ("консултация", "consultation")
            case .supervision: ("супервизия", "supervision")
            }
        return language == .bg ? bg : en
    }
}

/// Hours of a development activity, kept as hundredths of an hour so that 1,25 h is stored exactly
/// and totals add without rounding.
public enum DevelopmentHours {
    /// Half an hour to a whole day: a shorter talk is not a development activity, and one record is
    /// one day's session (a course of several days is recorded day by day).
    public static let range = 50...2400

    /// "1,5", "1.5", "2" or "0,75" → 150, 150, 200, 75; at most two decimals, nothing else; `nil`
    /// for anything else, including values outside `range`.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard (1...6).contains(trimmed.count) else { return nil }
        let parts = trimmed.split(separator: trimmed.contains(",") ? "," : ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }),
            let whole = Int(parts[0]), (1...2).contains(parts[0].count)
        else { return nil }
        var hundredths = whole * 100
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), let value = Int(fraction) else { return nil }
            hundredths += fraction.count == 1 ? value * 10 : value
        }
        return range.contains(hundredths) ? hundredths : nil
    }

    /// 150 → "1,5" in Bulgarian and "1.5" in English; whole hours without decimals.
    public static func format(_ hundredths: Int, in language: Language) -> String {
        let whole = hundredths / 100
        let fraction = hundredths % 100
        guard fraction != 0 else { return String(whole) }
        let digits = fraction % 10 == 0 ? String(fraction / 10) : CalendarDay.pad(fraction, 2)
        return "\(whole)\(language == .bg ? "," : ".")\(digits)"
    }
}

/// One activity as the rules see it: whose, what kind, which day, how long.
public struct DevelopmentActivity<Worker: Hashable & Sendable>: Hashable, Sendable {
    public var worker: Worker
    public var kind: DevelopmentKind
    public var day: CalendarDay
    public var hundredths: Int

    public init(worker: Worker, kind: DevelopmentKind, day: CalendarDay, hundredths: Int) {
        self.worker = worker
        self.kind = kind
        self.day = day
        self.hundredths = hundredths
    }
}

/// A worker's development in one calendar year: hours by kind and in all.
public struct DevelopmentYear: Hashable, Sendable {
    public var byKind: [DevelopmentKind: Int] = [:]
    public var sessions = 0

    public init() {}

    /// Hundredths of an hour in all.
    public var total: Int { byKind.values.reduce(0, +) }

    /// The hours per worker in `year` (1 January to 31 December): an activity counts in the year of
    /// its day. Workers without an activity that year are absent from the answer.
    public static func totals<W>(_ activities: [DevelopmentActivity<W>], year: Int) -> [W: DevelopmentYear] {
        var out: [W: DevelopmentYear] = [:]
        for activity in activities where activity.day.year == year {
            out[activity.worker, default: DevelopmentYear()].byKind[activity.kind, default: 0] += activity.hundredths
            out[activity.worker, default: DevelopmentYear()].sessions += 1
        }
        return out
    }
}

/// How often a worker in direct work must have supervision.
///
/// DOMAIN.md names supervision among the centre's activities but no interval, and neither the
/// Social Services Act's quality standards as summarised there nor the seed say one. We take
/// **every three months**: the common practice of Bulgarian providers' internal rules for staff in
/// direct work with users (a quarterly supervision plan), short enough that a worker in a hard
/// case is not left a whole half-year alone. A worker never supervised is overdue, since the duty
/// runs from the first day of work and the centre has no record of one.
public enum SupervisionRule {
    public static let months = 3

    /// The last day by which the next supervision is due: `months` calendar months after the last
    /// one, on the same day of the month or the month's last day (30 November → 28 or 29 February).
    public static func due(after last: CalendarDay) -> CalendarDay {
        let index = last.year * 12 + (last.month - 1) + months
        let year = index / 12
        let month = index % 12 + 1
        let day = min(last.day, CalendarDay.daysInMonth(year: year, month: month))
        return CalendarDay(year: year, month: month, day: day)!
    }

    /// Overdue when there has never been a supervision, or today is past the due day of the last
    /// one; supervision on a later day than today is not counted (it has not happened).
    public static func isOverdue(last: CalendarDay?, today: CalendarDay) -> Bool {
        guard let last, last <= today else { return true }
        return today > due(after: last)
    }

    /// The day of each worker's latest supervision on or before `today`.
    public static func lastSupervision<W>(
        _ activities: [DevelopmentActivity<W>],
        today: CalendarDay
    ) -> [W: CalendarDay] {
        var out: [W: CalendarDay] = [:]
        for activity in activities where activity.kind == .supervision && activity.day <= today {
            if out[activity.worker].map({ $0 < activity.day }) ?? true { out[activity.worker] = activity.day }
        }
        return out
    }
}

/// Why a development record's day is refused.
public enum DevelopmentDayProblem: LocalizedProblem, Hashable {
    /// A record is of something that happened: it cannot be dated after today.
    case inTheFuture
    /// Older than `DevelopmentDayProblem.oldestYears` years: a typing slip, not a record the centre
    /// still keeps for its annual report.
    case tooOld

    public static let oldestYears = 5

    public static func check(_ day: CalendarDay, today: CalendarDay) -> DevelopmentDayProblem? {
        if day > today { return .inTheFuture }
        if day < CalendarDay(year: today.year - oldestYears, month: 1, day: 1)! { return .tooOld }
        return nil
    }

    public var code: String { "development.day" }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.inTheFuture, .bg): "Записва се проведено занятие: датата не може да е след днешната."
        case (.inTheFuture, .en): "Record an activity that took place: the date cannot be after today."
        case (.tooOld, .bg): "Датата е по-стара от \(Self.oldestYears) години."
        case (.tooOld, .en): "The date is more than \(Self.oldestYears) years ago."
        }
    }
}
