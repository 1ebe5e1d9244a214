import Foundation
import OporaCore
import Vapor

/// The staff form as typed: skills, contract hours, home settlement and up to `rows` shifts.
struct StaffInput: Content, Sendable {
    static let rows = 14

    var version: Int?
    var skills: [String]?
    var contractHours: String?
    var homeSettlement: String?
    var shiftDay: [String]?
    var shiftStart: [String]?
    var shiftEnd: [String]?
}

/// A staff member's profile, checked: what `StaffStore.save` writes.
struct StaffDraft: Sendable {
    var skills: Set<CareSkill>
    var contractHours: Int
    var homeSettlement: String
    var shifts: [Shift]

    /// Every problem at once, each named by its field (`shifts.3` is the form's fourth row), in
    /// the user's language; the working-time rules are `WorkingPattern`'s. Without `contract`, the
    /// shifts are hours someone is free (an assistant candidate's) and are not held to contract hours.
    static func validate(
        _ input: StaffInput,
        settlementExists: (String) -> Bool,
        contract: Bool = true,
        checks: inout FieldChecks
    ) -> StaffDraft? {
        var skills: Set<CareSkill> = []
        for raw in input.skills ?? [] {
            if let skill = CareSkill(rawValue: raw) {
                skills.insert(skill)
            } else {
                checks.add("skills", key: .errorChooseFromList)
            }
        }
        let hoursText = (input.contractHours ?? "").trimmingCharacters(in: .whitespaces)
        let hours = hoursText.count <= 3 ? Int(hoursText) : nil
        if hours == nil { checks.add("contractHours", key: .staffContractHoursNumber) }
        let home = (input.homeSettlement ?? "").trimmingCharacters(in: .whitespaces)
        if home.isEmpty {
            checks.add("homeSettlement", key: .errorRequired)
        } else if !settlementExists(home) {
            checks.add("homeSettlement", key: .settlementUnknown)
        }
        var shifts: [Shift] = []
        var rowOfShift: [Int] = []
        let days = input.shiftDay ?? []
        // Rows beyond the form's own are refused, so a crafted body cannot grow the pattern unbounded.
        for row in 0..<min(days.count, StaffInput.rows) {
            let dayText = days[row]
            let startText = row < (input.shiftStart ?? []).count ? input.shiftStart![row] : ""
            let endText = row < (input.shiftEnd ?? []).count ? input.shiftEnd![row] : ""
            if dayText.isEmpty && startText.isEmpty && endText.isEmpty { continue }
            guard let weekday = Weekday(rawValue: dayText) else {
                checks.add("shifts.\(row)", key: .staffShiftDay)
                continue
            }
            guard let start = TimeWindow.minute(ofClock: startText), let end = TimeWindow.minute(ofClock: endText)
            else {
                checks.add("shifts.\(row)", key: .staffShiftTime)
                continue
            }
            shifts.append(Shift(weekday: weekday, startMinute: start, endMinute: end))
            rowOfShift.append(row)
        }
        if days.count > StaffInput.rows { checks.add("shifts", key: .staffShiftRows) }
        if let hours {
            let pattern = WorkingPattern(contractHours: hours, shifts: shifts)
            for problem in pattern.problems() where contract || !problem.concernsContract {
                checks.add(field(of: problem, rows: rowOfShift), problem)
            }
        }
        guard checks.problems.isEmpty, let hours else { return nil }
        return StaffDraft(skills: skills, contractHours: hours, homeSettlement: home, shifts: shifts)
    }

    /// The field of a problem, with a shift's index turned back into its row on the form.
    static func field(of problem: WorkingTimeProblem, rows: [Int]) -> String {
        switch problem {
        case .shiftImpossible(let index), .shiftTooLong(let index): "shifts.\(rows[index])"
        case .shiftsOverlap(_, let second): "shifts.\(rows[second])"
        default: problem.field
        }
    }
}

extension WorkingTimeProblem {
    /// A problem of the contract's hours rather than of the shifts themselves.
    var concernsContract: Bool {
        switch self {
        case .contractHoursOutOfRange, .patternBeyondContract: true
        default: false
        }
    }
}

/// A dated absence as typed.
struct AbsenceInput: Content, Sendable {
    var kind: String?
    var from: String?
    var until: String?
}

extension Absence {
    /// The longest absence recorded at once: a year; longer ones are entered year by year.
    static let longestDays = 366

    static func validate(_ input: AbsenceInput, checks: inout FieldChecks) -> Absence? {
        let kind = Absence.Kind(rawValue: input.kind ?? "")
        if kind == nil { checks.add("kind", key: .errorChooseFromList) }
        let from = CalendarDay(iso: input.from ?? "")
        if from == nil { checks.add("from", key: .dateInvalid) }
        let until = CalendarDay(iso: input.until ?? "")
        if until == nil { checks.add("until", key: .dateInvalid) }
        guard let kind, let from, let until else { return nil }
        let absence = Absence(kind: kind, from: from, until: until)
        if until < from {
            checks.add("until", WorkingTimeProblem.absenceEndsBeforeItStarts(index: 0))
        } else if from.days(until: until) >= longestDays {
            checks.add("until", key: .staffAbsenceTooLong)
        }
        return checks.problems.isEmpty ? absence : nil
    }
}
