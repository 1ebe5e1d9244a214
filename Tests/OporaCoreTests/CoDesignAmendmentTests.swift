import Foundation
import OporaCore
import PropertyBased
import Testing

/// One step a workshop could take on a proposal: amend it with one of a few wordings, or decide
/// the n-th amendment so far.
private enum Step: Sendable {
    case amend(Int)
    case decide(Int, accept: Bool)
}

private let step = zip(Gen.int(in: 0...2), Gen.int(in: 0...5), Gen.bool).map { kind, n, yes in
    kind == 0 ? Step.amend(n) : Step.decide(n, accept: yes)
}

private let wordings = ["Транспорт до центъра", "Транспорт до центъра и обратно", "Още часове", "", "Начало"]

@Suite("Amendments to a proposal")
struct CoDesignAmendmentTests {
    @Test("Accepting an amendment makes it the text and lets the other open ones lapse")
    func acceptSupersedes() throws {
        var ledger = AmendmentLedger(text: "Транспорт до центъра", entries: [])
        let a = try ledger.propose(id: UUID(), text: "  Транспорт до центъра и обратно ")
        let b = try ledger.propose(id: UUID(), text: "Безплатен транспорт до центъра")
        #expect(a.text == "Транспорт до центъра и обратно" && a.basedOn == "Транспорт до центъра")
        #expect(try ledger.decide(a.id, accept: true) == [a.id, b.id])
        #expect(ledger.text == "Транспорт до центъра и обратно")
        #expect(ledger.entries.map(\.state) == [.accepted, .superseded])
        #expect(throws: AmendmentProblem.alreadyDecided) { try ledger.decide(b.id, accept: true) }
        #expect(throws: AmendmentProblem.alreadyDecided) { try ledger.decide(a.id, accept: false) }
    }

    @Test("An empty, too long or unchanged amendment is refused, and a rejected one changes nothing")
    func refusals() throws {
        var ledger = AmendmentLedger(text: "Още часове", entries: [])
        #expect(throws: AmendmentProblem.empty) { try ledger.propose(id: UUID(), text: "   ") }
        #expect(throws: AmendmentProblem.unchanged) { try ledger.propose(id: UUID(), text: "Още часове ") }
        #expect(throws: AmendmentProblem.tooLong) {
            try ledger.propose(id: UUID(), text: String(repeating: "я", count: AmendmentLedger.textMaximum + 1))
        }
        let a = try ledger.propose(id: UUID(), text: "Още часове в събота")
        #expect(try ledger.decide(a.id, accept: false) == [a.id])
        #expect(ledger.text == "Още часове" && ledger.entries[0].state == .rejected)
        #expect(throws: AmendmentProblem.unknown) { try ledger.decide(UUID(), accept: true) }
    }

    @Test("An amendment written against an older text cannot be accepted, even if it came in open")
    func staleBaseLapses() throws {
        let old = AmendmentLedger.Entry(id: UUID(), text: "Б", basedOn: "А", state: .open)
        var ledger = AmendmentLedger(text: "В", entries: [old])
        #expect(throws: AmendmentProblem.superseded) { try ledger.decide(old.id, accept: true) }
    }

    @Test("Whatever the workshop does, the text is the last accepted wording and nothing is decided twice")
    func invariants() async {
        await propertyCheck(input: step.array(of: 0...12)) { steps in
            var ledger = AmendmentLedger(text: "Начало", entries: [])
            var expected = "Начало"
            var decided: Set<UUID> = []
            for step in steps {
                switch step {
                case .amend(let n):
                    _ = try? ledger.propose(id: UUID(), text: wordings[n % wordings.count])
                case .decide(let n, let accept):
                    guard !ledger.entries.isEmpty else { continue }
                    let entry = ledger.entries[n % ledger.entries.count]
                    if let changed = try? ledger.decide(entry.id, accept: accept) {
                        #expect(!decided.contains(entry.id))
                        decided.insert(entry.id)
                        if accept { expected = entry.text }
                        #expect(changed.first == entry.id)
                    }
                }
                #expect(ledger.text == expected)
                // No open amendment is left against a text that is gone.
                #expect(ledger.entries.filter { $0.state == .open }.allSatisfy { $0.basedOn == ledger.text })
                #expect(ledger.entries.allSatisfy { $0.text != $0.basedOn })
            }
            let accepted = ledger.entries.filter { $0.state == .accepted }
            #expect(accepted.last.map(\.text) ?? "Начало" == ledger.text)
        }
    }

    @Test("An answer to a session's invitation says coming or not, and only until the session's day")
    func sessionAnswers() {
        let day = CalendarDay(year: 2027, month: 2, day: 3)!
        #expect(SessionRegistrationRule.problem(sessionDay: day, today: day, coming: true) == nil)
        #expect(
            SessionRegistrationRule.problem(sessionDay: day, today: day.adding(days: 1), coming: true) == .sessionPast
        )
        #expect(SessionRegistrationRule.problem(sessionDay: day, today: day, coming: nil) == .chooseComing)
    }
}
