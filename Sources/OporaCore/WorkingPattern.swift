/// One shift of a member of staff's weekly pattern, in minutes after local midnight in Sofia.
public struct Shift: Hashable, Codable, Sendable {
    public var weekday: Weekday
    public var startMinute: Int
    public var endMinute: Int

    public init(weekday: Weekday, startMinute: Int, endMinute: Int) {
        self.weekday = weekday
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    public var minutes: Int { endMinute - startMinute }
}

/// Leave, sickness or another dated absence, both days included.
public struct Absence: Hashable, Codable, Sendable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case leave, sickness, training, other

        public func label(in language: Language) -> String {
            switch (self, language) {
            case (.leave, .bg): "отпуск"
            case (.leave, .en): "leave"
            case (.sickness, .bg): "болничен"
            case (.sickness, .en): "sick leave"
            case (.training, .bg): "обучение"
            case (.training, .en): "training"
            case (.other, .bg): "друго отсъствие"
            case (.other, .en): "other absence"
            }
        }
    }

    public var kind: Kind
    public var from: CalendarDay
    public var until: CalendarDay

    public init(kind: Kind, from: CalendarDay, until: CalendarDay) {
        self.kind = kind
        self.from = from
        self.until = until
    }

    public func covers(_ day: CalendarDay) -> Bool { from <= day && day <= until }
}

/// What is wrong with a member of staff's contract hours, weekly pattern or absences; each names
/// the field it belongs to, so a form can show it beside that field.
public enum WorkingTimeProblem: LocalizedProblem, Hashable {
    /// Weekly contract hours outside 1 to `WorkingPattern.maximumWeeklyHours`.
    case contractHoursOutOfRange(Int)
    /// A shift that ends before it starts, or outside the day.
    case shiftImpossible(index: Int)
    /// A shift longer than `WorkingPattern.maximumShiftMinutes`.
    case shiftTooLong(index: Int)
    /// Two shifts of the same day that overlap.
    case shiftsOverlap(first: Int, second: Int)
    /// More minutes in the pattern than the contract's weekly hours.
    case patternBeyondContract(patternMinutes: Int, contractMinutes: Int)
    case absenceEndsBeforeItStarts(index: Int)

    public var code: String { "workingTime." + field }

    public var field: String {
        switch self {
        case .contractHoursOutOfRange: "contractHours"
        case .shiftImpossible(let index), .shiftTooLong(let index): "shifts.\(index)"
        case .shiftsOverlap(_, let second): "shifts.\(second)"
        case .patternBeyondContract: "shifts"
        case .absenceEndsBeforeItStarts(let index): "absences.\(index)"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.contractHoursOutOfRange, .bg):
            "Часовете по договор са от 1 до \(WorkingPattern.maximumWeeklyHours) седмично (чл. 136 от Кодекса на труда)."
        case (.contractHoursOutOfRange, .en):
            "Contract hours are 1 to \(WorkingPattern.maximumWeeklyHours) a week (Labour Code, Art. 136)."
        case (.shiftImpossible, .bg): "Смяната трябва да започва преди да свърши, в рамките на деня."
        case (.shiftImpossible, .en): "A shift must start before it ends, within the day."
        case (.shiftTooLong, .bg): "Смяната е по-дълга от \(WorkingPattern.maximumShiftMinutes / 60) часа."
        case (.shiftTooLong, .en): "The shift is longer than \(WorkingPattern.maximumShiftMinutes / 60) hours."
        case (.shiftsOverlap, .bg): "Смяната се застъпва с друга смяна в същия ден."
        case (.shiftsOverlap, .en): "The shift overlaps another shift on the same day."
        case (.patternBeyondContract(let pattern, let contract), .bg):
            "Смените са \(decimalHours(pattern, in: .bg)) ч. седмично, повече от \(decimalHours(contract, in: .bg)) ч. по договор."
        case (.patternBeyondContract(let pattern, let contract), .en):
            "The shifts add up to \(decimalHours(pattern, in: .en)) h a week, more than the contract's \(decimalHours(contract, in: .en)) h."
        case (.absenceEndsBeforeItStarts, .bg): "Отсъствието свършва преди да започне."
        case (.absenceEndsBeforeItStarts, .en): "The absence ends before it starts."
        }
    }
}

/// A member of staff's weekly working pattern: one or more shifts a day, within the contract.
public struct WorkingPattern: Hashable, Codable, Sendable {
    /// The normal weekly working time of the Labour Code (чл. 136, ал. 1): 40 hours.
    public static let maximumWeeklyHours = 40
    /// The longest working day under summed working time (чл. 142, ал. 3): 12 hours.
    public static let maximumShiftMinutes = 12 * 60

    public var contractHours: Int
    public var shifts: [Shift]
    public var absences: [Absence]

    public init(contractHours: Int, shifts: [Shift], absences: [Absence] = []) {
        self.contractHours = contractHours
        self.shifts = shifts
        self.absences = absences
    }

    /// Every problem at once, in the order of the fields.
    public func problems() -> [WorkingTimeProblem] {
        var problems: [WorkingTimeProblem] = []
        let contractInRange = (1...Self.maximumWeeklyHours).contains(contractHours)
        if !contractInRange { problems.append(.contractHoursOutOfRange(contractHours)) }
        var possible: [Int] = []
        for (index, shift) in shifts.enumerated() {
            if !(0 <= shift.startMinute && shift.startMinute < shift.endMinute && shift.endMinute <= 24 * 60) {
                problems.append(.shiftImpossible(index: index))
            } else if shift.minutes > Self.maximumShiftMinutes {
                problems.append(.shiftTooLong(index: index))
            } else {
                possible.append(index)
            }
        }
        for (position, second) in possible.enumerated() {
            for first in possible[..<position] where shifts[first].weekday == shifts[second].weekday {
                if shifts[first].startMinute < shifts[second].endMinute
                    && shifts[second].startMinute < shifts[first].endMinute
                {
                    problems.append(.shiftsOverlap(first: first, second: second))
                    break
                }
            }
        }
        let patternMinutes = possible.reduce(0) { $0 + shifts[$1].minutes }
        if contractInRange, patternMinutes > contractHours * 60 {
            problems.append(.patternBeyondContract(patternMinutes: patternMinutes, contractMinutes: contractHours * 60))
        }
        for (index, absence) in absences.enumerated() where absence.until < absence.from {
            problems.append(.absenceEndsBeforeItStarts(index: index))
        }
        return problems
    }

    /// The shifts worked on `day`: none on an absence or a rest day of the Labour Code.
    public func shifts(on day: CalendarDay) -> [Shift] {
        if absences.contains(where: { $0.covers(day) }) { return [] }
        if BulgarianHolidays.restDays(year: day.year)?.contains(day) == true { return [] }
        return shifts.filter { $0.weekday == day.weekday }.sorted { $0.startMinute < $1.startMinute }
    }
}
