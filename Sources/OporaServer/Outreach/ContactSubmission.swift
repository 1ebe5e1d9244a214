import Foundation
import OporaCore
import Vapor

/// A door-to-door contact as the phone's form sends it (page, outbox or API): every field as
/// text, so that a refused form shows back what was typed.
struct ContactInput: Content, Sendable {
    var clientId: String?
    var entrance: String?
    var flat: String?
    var day: String?
    var minutes: String?
    var purpose: String?
    var outcome: String?
    var met: String?
    var talked: String?
    var wants: String?
    var promised: String?

    var values: [String: String] {
        [
            "entrance": entrance ?? "", "flat": flat ?? "", "day": day ?? "", "minutes": minutes ?? "",
            "purpose": purpose ?? "", "outcome": outcome ?? "", "met": met ?? "", "talked": talked ?? "",
            "wants": wants ?? "", "promised": promised ?? "",
        ]
    }
}

/// A contact, checked against its entrance: what `ContactStore.record` writes.
struct ContactDraft: Sendable {
    var clientID: String
    var flat: Int
    var floor: Int
    var day: CalendarDay
    var minutes: Int
    var purpose: ContactPurpose
    var outcome: ContactOutcome
    var met: String
    var talked: String
    var wants: String
    var promised: String

    static let clientIDLength = 8...64

    /// Every problem at once, each beside its field: a flat of the entrance, a day that has been
    /// (up to `ContactRule.oldestDays` back), 5 to 480 minutes, a purpose and an outcome from the
    /// lists, who was met when someone was, and no ЕГН or phone number in any text before consent.
    static func validate(
        _ input: ContactInput,
        layout: EntranceLayout?,
        today: CalendarDay,
        checks: inout FieldChecks
    ) -> ContactDraft? {
        let clientID = (input.clientId ?? "").trimmingCharacters(in: .whitespaces)
        let clientOK =
            clientIDLength.contains(clientID.count)
            && clientID.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        if !clientOK { checks.add("clientId", key: .outreachClientIdInvalid) }
        let flat = ContactRule.number(input.flat ?? "", digits: 4)
        var floor: Int?
        if let layout {
            if let flat, let found = layout.floor(ofFlat: flat) {
                floor = found
            } else {
                checks.add("flat", ContactProblem.flatNotInEntrance(first: layout.firstFlat, last: layout.lastFlat))
            }
        }
        let day = CalendarDay(iso: (input.day ?? "").trimmingCharacters(in: .whitespaces))
        if let day {
            if let problem = ContactRule.check(day: day, today: today) { checks.add("day", problem) }
        } else {
            checks.add("day", key: .dateInvalid)
        }
        let minutes = ContactRule.number(input.minutes ?? "", digits: 3)
        if minutes.map(ContactRule.minutes.contains) != true { checks.add("minutes", ContactProblem.minutesRange) }
        let purpose = ContactPurpose(rawValue: input.purpose ?? "")
        if purpose == nil { checks.add("purpose", key: .errorChooseFromList) }
        let outcome = ContactOutcome(rawValue: input.outcome ?? "")
        if outcome == nil { checks.add("outcome", key: .errorChooseFromList) }
        let someoneMet = outcome == .met
        let met = checks.text("met", input.met, maximum: 200, required: someoneMet)
        let talked = checks.text("talked", input.talked, maximum: 2000, required: false)
        let wants = checks.text("wants", input.wants, maximum: 2000, required: false)
        let promised = checks.text("promised", input.promised, maximum: 1000, required: false)
        for (field, text) in [("met", met), ("talked", talked), ("wants", wants), ("promised", promised)]
        where AnonymousText.holdsIdentifyingNumber(text) {
            checks.add(field, AnonymousTextProblem.identifyingNumber)
        }
        guard checks.problems.isEmpty, let flat, let floor, let day, let minutes, let purpose, let outcome else {
            return nil
        }
        return ContactDraft(
            clientID: clientID,
            flat: flat,
            floor: floor,
            day: day,
            minutes: minutes,
            purpose: purpose,
            outcome: outcome,
            met: met,
            talked: talked,
            wants: wants,
            promised: promised
        )
    }
}
