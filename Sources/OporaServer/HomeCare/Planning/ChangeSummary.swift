import Foundation
import OporaCore
import OporaScheduling

/// What a new plan changes against the published one, in words: one line per moved visit, and
/// one notice per worker and per person it touches.
struct ChangeSummary: Sendable {
    struct Line: Encodable, Sendable {
        var person: String
        var day: String
        var before: String
        var after: String
    }

    var lines: [Line]
    /// Notices to send: who, about whom, and what to tell them. A worker gets one notice per
    /// person whose visits moved, so that erasing a person's data reaches every notice naming them.
    var notices: [(recipient: OutgoingNotice.Recipient, about: UUID?, text: String)]

    init(
        from old: CarePlan,
        to new: CarePlan,
        problem: CareProblem,
        monday: CalendarDay,
        workerNames: [String: String],
        personNames: [UUID: String],
        language: Language
    ) {
        let visits = Dictionary(problem.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let nobody = language == .bg ? "не е планирано" : "not planned"
        func slot(_ worker: String?, _ start: Double?) -> String {
            guard let worker, let start else { return nobody }
            return "\(TimeWindow.clock(Int(start))) · \(workerNames[worker] ?? worker)"
        }
        var lines: [Line] = []
        var byWorker: [WorkerAbout: [String]] = [:]
        var byPerson: [UUID: [String]] = [:]
        for change in Replanning.changes(from: old, to: new) {
            guard let visit = visits[change.visit] else { continue }
            let person = UUID(uuidString: visit.person)
            let name = person.flatMap { personNames[$0] } ?? "—"
            let date = monday.adding(days: visit.day)
            let day = date.weekday.short(in: language) + " " + date.display
            let line = Line(
                person: name,
                day: day,
                before: slot(change.oldWorker, change.oldStart),
                after: slot(change.newWorker, change.newStart)
            )
            lines.append(line)
            let text = "\(day) \(name): \(line.before) → \(line.after)"
            for worker in Set([change.oldWorker, change.newWorker].compactMap { $0 }) {
                byWorker[WorkerAbout(worker: worker, person: person), default: []].append(text)
            }
            if let person {
                byPerson[person, default: []].append("\(day): \(line.before) → \(line.after)")
            }
        }
        self.lines = lines
        let heading = language == .bg ? "Промени в графика:" : "Changes to the schedule:"
        notices =
            byWorker.sorted { $0.key < $1.key }.compactMap { key, texts in
                UUID(uuidString: key.worker).map {
                    (.user($0), key.person, ([heading] + texts).joined(separator: "\n"))
                }
            }
            + byPerson.sorted { $0.key.uuidString < $1.key.uuidString }.map { person, texts in
                (.person(person), person, ([heading] + texts).joined(separator: "\n"))
            }
    }

    private struct WorkerAbout: Hashable, Comparable {
        var worker: String
        var person: UUID?

        static func < (a: Self, b: Self) -> Bool {
            (a.worker, a.person?.uuidString ?? "") < (b.worker, b.person?.uuidString ?? "")
        }
    }
}
