import Foundation
import OporaCore
import Vapor

/// A development record as typed on the page or sent to the API; every field as text, so that a
/// refused form shows back exactly what was typed.
struct DevelopmentInput: Content, Sendable {
    var version: Int?
    /// The worker's account id; only when a record is created (a record keeps its worker).
    var worker: String?
    var kind: String?
    var day: String?
    var hours: String?
    var topic: String?
    var ledBy: String?

    var values: [String: String] {
        [
            "worker": worker ?? "", "kind": kind ?? "", "day": day ?? "", "hours": hours ?? "",
            "topic": topic ?? "", "ledBy": ledBy ?? "",
        ]
    }
}

/// A development record, checked: what `DevelopmentStore` writes.
struct DevelopmentDraft: Sendable {
    var kind: DevelopmentKind
    var day: CalendarDay
    var hundredths: Int
    var topic: String
    var ledBy: String

    /// Every problem at once, each beside its field, in the user's language: the kind from the
    /// list, a real calendar day that is not after today nor older than the records kept, hours
    /// from 0,5 to 24 with a decimal comma or point, a topic and who led it.
    static func validate(_ input: DevelopmentInput, today: CalendarDay, checks: inout FieldChecks) -> DevelopmentDraft?
    {
        let kind = DevelopmentKind(rawValue: input.kind ?? "")
        if kind == nil { checks.add("kind", key: .errorChooseFromList) }
        let day = CalendarDay(iso: (input.day ?? "").trimmingCharacters(in: .whitespaces))
        if let day {
            if let problem = DevelopmentDayProblem.check(day, today: today) { checks.add("day", problem) }
        } else {
            checks.add("day", key: .dateInvalid)
        }
        let hundredths = DevelopmentHours.parse(input.hours ?? "")
        if hundredths == nil { checks.add("hours", key: .developmentHoursRange) }
        let topic = checks.text("topic", input.topic, maximum: 200)
        let ledBy = checks.text("ledBy", input.ledBy, maximum: 120)
        guard checks.problems.isEmpty, let kind, let day, let hundredths else { return nil }
        return DevelopmentDraft(kind: kind, day: day, hundredths: hundredths, topic: topic, ledBy: ledBy)
    }
}
