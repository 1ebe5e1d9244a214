import OporaCore
import Testing

@Suite("Case life cycle")
struct CaseLifeCycleTests {
    static let legal: Set<String> = [
        "request→assessment", "request→closed",
        "assessment→plan", "assessment→closed",
        "plan→active", "plan→assessment", "plan→closed",
        "active→review", "active→suspended", "active→closed",
        "review→active", "review→plan", "review→assessment", "review→suspended", "review→closed",
        "suspended→active", "suspended→review", "suspended→closed",
    ]

    static let allPairs = CaseState.allCases.flatMap { from in CaseState.allCases.map { (from, $0) } }

    @Test(arguments: allPairs.filter { legal.contains("\($0.0.rawValue)→\($0.1.rawValue)") }.map { [$0.0, $0.1] })
    func legalTransitionSucceedsWithAReason(pair: [CaseState]) throws {
        let transition = try CaseLifeCycle.transition(from: pair[0], to: pair[1], reason: "  agreed with the person ")
        #expect(transition.to == pair[1] && transition.from == pair[0])
        #expect(transition.reason == "agreed with the person")
        #expect(throws: CaseTransitionProblem.missingReason(from: pair[0], to: pair[1])) {
            try CaseLifeCycle.transition(from: pair[0], to: pair[1], reason: " \n ")
        }
    }

    /// Every one of the 31 pairs not listed above, including staying put and leaving "closed".
    @Test(arguments: allPairs.filter { !legal.contains("\($0.0.rawValue)→\($0.1.rawValue)") }.map { [$0.0, $0.1] })
    func illegalTransitionIsRefusedNamingBothStates(pair: [CaseState]) {
        #expect(throws: CaseTransitionProblem.illegal(from: pair[0], to: pair[1])) {
            try CaseLifeCycle.transition(from: pair[0], to: pair[1], reason: "any reason")
        }
        let problem = CaseTransitionProblem.illegal(from: pair[0], to: pair[1])
        for language in Language.allCases {
            #expect(problem.message(in: language).contains(pair[0].label(in: language)))
            #expect(problem.message(in: language).contains(pair[1].label(in: language)))
        }
    }

    @Test func tableAndCountsAgree() {
        #expect(Self.allPairs.count == 49)
        #expect(Self.legal.count == 18)
        #expect(CaseLifeCycle.allowedTransitions.values.map(\.count).reduce(0, +) == 18)
        #expect(CaseLifeCycle.allowedTransitions[.closed] == [])
        #expect(CaseLifeCycle.initialState == .request)
    }

    @Test func aTypicalCaseRunsItsCourse() throws {
        var state = CaseLifeCycle.initialState
        for (next, reason) in [
            (CaseState.assessment, "request accepted"), (.plan, "assessment signed"), (.active, "plan agreed"),
            (.suspended, "in hospital"), (.review, "back home, needs changed"), (.plan, "more hours"),
            (.active, "new plan agreed"), (.closed, "moved to another town"),
        ] {
            state = try CaseLifeCycle.transition(from: state, to: next, reason: reason).to
        }
        #expect(state == .closed)
    }

    @Test func labelsInBothLanguages() {
        LabelTests.check(CaseState.self) { $0.label(in: $1) }
    }
}
