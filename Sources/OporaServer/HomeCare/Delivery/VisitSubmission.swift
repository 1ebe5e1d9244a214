import Foundation
import OporaCore

/// One thing a worker sends about a visit, from a form or from the phone's outbox, checked at the
/// edge: the phone's id for it, what it is, when, and what goes with it.
struct VisitSubmission: Sendable, Equatable {
    enum Kind: String, Codable, Sendable, CaseIterable {
        case checkIn, checkOut, missed, progress
    }

    var clientID: String
    var kind: Kind
    var at: Date
    var reason: MissedReason?
    var tasks: Set<VisitTask>
    var note: String?
    var latitude: Double?
    var longitude: Double?

    static let noteMaximum = 1000

    /// What the form or body carries, before it is checked.
    struct Input: Codable, Sendable {
        var clientId: String?
        var kind: String?
        /// ISO 8601 instant; the server's clock when left out (a form posted online).
        var at: String?
        var reason: String?
        var tasks: [String]?
        var note: String?
        var latitude: Double?
        var longitude: Double?
    }

    /// Ids the phone makes are UUIDs; a form gets one from the page, so a double submit records once.
    static func validClientID(_ raw: String) -> Bool {
        (8...64).contains(raw.count) && raw.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    /// An ISO 8601 instant with or without fractions of a second (a browser's `toISOString()`).
    static func instant(_ raw: String) -> Date? {
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return plain.date(from: raw) ?? fractional.date(from: raw)
    }

    static func parse(_ input: Input, skill: CareSkill, now: Date, checks: inout FieldChecks) -> VisitSubmission? {
        let clientID = (input.clientId ?? "").trimmingCharacters(in: .whitespaces)
        if !validClientID(clientID) { checks.add("clientId", key: .visitClientIDInvalid) }
        let kind = input.kind.flatMap(Kind.init(rawValue:))
        if kind == nil { checks.add("kind", key: .errorChooseFromList) }
        var at = now
        if let raw = input.at, !raw.isEmpty {
            if let parsed = instant(raw) {
                at = parsed
            } else {
                checks.add("at", key: .visitTimeInvalid)
            }
        }
        var reason: MissedReason?
        if kind == .missed {
            reason = input.reason.flatMap(MissedReason.init(rawValue:))
            if reason == nil { checks.add("reason", key: .visitReasonRequired) }
        }
        var tasks: Set<VisitTask> = []
        let offered = Set(VisitTask.tasks(for: skill))
        for raw in input.tasks ?? [] {
            if let task = VisitTask(rawValue: raw), offered.contains(task) {
                tasks.insert(task)
            } else {
                checks.add("tasks", key: .visitTaskUnknown)
                break
            }
        }
        let note = checks.text("note", input.note, maximum: noteMaximum, required: reason == .other)
        var (latitude, longitude) = (input.latitude, input.longitude)
        if latitude != nil || longitude != nil {
            let valid =
                latitude.map { $0.isFinite && abs($0) <= 90 } == true
                && longitude.map { $0.isFinite && abs($0) <= 180 } == true
            if !valid {
                checks.add("latitude", key: .visitPositionInvalid)
                (latitude, longitude) = (nil, nil)
            }
        }
        guard checks.problems.isEmpty, let kind else { return nil }
        return VisitSubmission(
            clientID: clientID,
            kind: kind,
            at: at,
            reason: reason,
            tasks: tasks,
            note: note.isEmpty ? nil : note,
            latitude: latitude,
            longitude: longitude
        )
    }
}
