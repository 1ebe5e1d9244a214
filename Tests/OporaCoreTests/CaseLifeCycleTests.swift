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
        let transition = try CaseLifeCycle.transition(
            from: pair[0],
            to: pair[1],
            reason: "  agreed with the person ",
            confirmedClosing: true
        )
        #expect(transition.to == pair[1] && transition.from == pair[0])
        #expect(transition.reason == "agreed with the person")
        #expect(throws: CaseTransitionProblem.missingReason(from: pair[0], to: pair[1])) {
            try CaseLifeCycle.transition(from: pair[0], to: pair[1], reason: " \n ", confirmedClosing: true)
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
            state = try CaseLifeCycle.transition(
                from: state,
                to: next,
                reason: reason,
                confirmedClosing: next == .closed
            )
            .to
        }
        #expect(state == .closed)
    }

    @Test(arguments: CaseState.allCases.filter { CaseLifeCycle.canMove(from: $0, to: .closed) })
    func closingWithoutConfirmationIsRefused(from: CaseState) {
        #expect(throws: CaseTransitionProblem.closingNotConfirmed) {
            try CaseLifeCycle.transition(from: from, to: .closed, reason: "moved away")
        }
    }

    /// Closed on 1 November 2026 from the active stage; the window is 30 days.
    static let reopenTable: [(today: String, reason: String, outcome: String)] = [
        ("2026-11-01", "closed by mistake", "active"),
        ("2026-11-15", "  closed the wrong case ", "active"),
        ("2026-12-01", "closed by mistake", "active"),
        ("2026-12-02", "closed by mistake", "tooLate"),
        ("2027-03-01", "closed by mistake", "tooLate"),
        ("2026-11-10", "  ", "missingReason"),
    ]

    @Test(arguments: reopenTable.indices)
    func reopeningAClosedCaseWithinTheWindow(row: Int) {
        let (today, reason, outcome) = Self.reopenTable[row]
        let closedOn = CalendarDay(iso: "2026-11-01")!
        let result = Result { () throws(CaseTransitionProblem) in
            try CaseLifeCycle.reopen(
                state: .closed,
                closedFrom: .active,
                closedOn: closedOn,
                today: CalendarDay(iso: today)!,
                reason: reason
            )
        }
        switch (result, outcome) {
        case (.success(let move), "active"):
            #expect(move.from == .closed && move.to == .active)
            #expect(move.reason == reason.trimmingCharacters(in: .whitespaces))
        case (.failure(.reopenTooLate(let on, let last)), "tooLate"):
            #expect(on == closedOn && last == CalendarDay(iso: "2026-12-01")!)
        case (.failure(.missingReason(.closed, .active)), "missingReason"): break
        default: Issue.record("row \(row): \(result) is not \(outcome)")
        }
    }

    @Test(arguments: CaseState.allCases.filter { $0 != .closed })
    func onlyAClosedCaseCanBeReopened(state: CaseState) {
        #expect(throws: CaseTransitionProblem.notClosed) {
            try CaseLifeCycle.reopen(
                state: state,
                closedFrom: .active,
                closedOn: CalendarDay(iso: "2026-11-01")!,
                today: CalendarDay(iso: "2026-11-02")!,
                reason: "by mistake"
            )
        }
    }

    @Test func labelsInBothLanguages() {
        LabelTests.check(CaseState.self) { $0.label(in: $1) }
    }
}

@Suite("Case numbers")
struct CaseNumberTests {
    static let prefixes: [(String, String)] = [
        ("Комплекс за социални услуги", "КСУ"),
        ("Община Кюстендил – Център за грижа в домашна среда", "ОКЦГ"),
        ("Подкрепа за независим живот", "ПНЖ"),
        ("„—“ 42", "СЛ"),
    ]

    @Test(arguments: prefixes.indices)
    func thePrefixIsTheInitialsOfTheProvidersName(row: Int) {
        #expect(CaseNumber.prefix(forProviderNamed: Self.prefixes[row].0) == Self.prefixes[row].1)
    }

    @Test func theNumberShowsYearAndAtLeastFourDigits() {
        #expect(CaseNumber(prefix: "КСУ", year: 2026, sequence: 42).display == "КСУ-2026-0042")
        #expect(CaseNumber(prefix: "КСУ", year: 2026, sequence: 12345).display == "КСУ-2026-12345")
    }
}
