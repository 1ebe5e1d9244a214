import Foundation
import OporaCore
import Vapor

/// A one-off visit as typed on the week's page.
struct ExtraVisitInput: Content, Sendable {
    /// The case whose person the visit is for.
    var person: String?
    var day: String?
    var from: String?
    var until: String?
    var minutes: String?
    var skill: String?
    var reason: String?
}

/// A cancellation of one of the week's visits.
struct CancelVisitInput: Content, Sendable {
    var visitID: String?
    var reason: String?
}

/// A one-off visit, checked against the week and the plans in force.
struct ExtraVisit: Sendable {
    var caseID: UUID
    var day: CalendarDay
    var window: TimeWindow
    var minutes: Int
    var skill: CareSkill
    var reason: String

    /// The shortest and longest one-off visit: five minutes to a twelve-hour shift.
    static let minutes = 5...WorkingPattern.maximumShiftMinutes

    static func validate(_ input: ExtraVisitInput, week: PlanningWeek, checks: inout FieldChecks) -> ExtraVisit? {
        let caseID = UUID(uuidString: input.person ?? "")
        if caseID == nil || !week.people.contains(where: { $0.caseID == caseID }) {
            checks.add("person", key: .planningExtraPerson)
        }
        let day = CalendarDay(iso: input.day ?? "")
        if day == nil || !week.days.contains(day!) { checks.add("day", key: .planningExtraDay) }
        let start = TimeWindow.minute(ofClock: input.from ?? "")
        let end = TimeWindow.minute(ofClock: input.until ?? "")
        let window = start.flatMap { s in end.flatMap { TimeWindow(startMinute: s, endMinute: $0) } }
        if window == nil { checks.add("from", key: .planningExtraWindow) }
        let text = (input.minutes ?? "").trimmingCharacters(in: .whitespaces)
        let minutes = text.count <= 4 ? Int(text) : nil
        if let minutes, Self.minutes.contains(minutes) {
            if let window, minutes > window.endMinute - window.startMinute {
                checks.add("minutes", key: .planningExtraLongerThanWindow)
            }
        } else {
            checks.add("minutes", key: .planningExtraMinutes)
        }
        let skill = CareSkill(rawValue: input.skill ?? "")
        if skill == nil { checks.add("skill", key: .errorChooseFromList) }
        let reason = checks.text("reason", input.reason, maximum: 500)
        guard checks.problems.isEmpty, let caseID, let day, let window, let minutes, let skill else { return nil }
        return ExtraVisit(caseID: caseID, day: day, window: window, minutes: minutes, skill: skill, reason: reason)
    }
}
