import OporaCore
import Testing

@Suite("Planning rules: capacity status, indicators over no data, the checklist and closing a visit")
struct PlanningRuleTests {
    @Test("Capacity status: free places, full, a waiting list as soon as someone waits, none without places")
    func capacityStatus() {
        #expect(CapacityStatus.of(places: 30, occupied: 28, waiting: 0) == .free(places: 2))
        #expect(CapacityStatus.of(places: 30, occupied: 30, waiting: 0) == .full)
        #expect(CapacityStatus.of(places: 30, occupied: 34, waiting: 0) == .full)
        #expect(CapacityStatus.of(places: 30, occupied: 30, waiting: 3) == .waitingList(waiting: 3, free: 0))
        #expect(CapacityStatus.of(places: 30, occupied: 20, waiting: 1).freePlaces == 10)
        #expect(CapacityStatus.of(places: nil, occupied: 5, waiting: 2) == .notCounted)
        #expect(CapacityStatus.of(places: nil, occupied: 5, waiting: 2).freePlaces == nil)
        #expect(CapacityStatus.full.label(in: .bg) == "запълнена")
    }

    @Test("A licence is flagged when missing, expired or within 90 days of expiry; a municipality needs none")
    func licence() {
        let day = CalendarDay(year: 2026, month: 12, day: 1)!
        #expect(LicenceState.of(required: false, expiry: nil, on: day) == .notRequired)
        #expect(LicenceState.of(required: true, expiry: nil, on: day) == .missing)
        #expect(LicenceState.of(required: true, expiry: CalendarDay(iso: "2026-11-30"), on: day) == .expired)
        #expect(LicenceState.of(required: true, expiry: CalendarDay(iso: "2027-01-31"), on: day) == .expiringSoon)
        #expect(LicenceState.of(required: true, expiry: CalendarDay(iso: "2029-06-30"), on: day) == .valid)
    }

    @Test("An indicator over a period with no data, or a zero denominator, is no data rather than 0")
    func noData() {
        #expect(PlanningIndicator.coverage.value(numerator: 0, denominator: 1000, hasData: false) == nil)
        #expect(PlanningIndicator.coverage.value(numerator: 3, denominator: 0, hasData: true) == nil)
        #expect(PlanningIndicator.coverage.value(numerator: 0, denominator: 1000, hasData: true) == 0)
        #expect(PlanningIndicator.coverage.value(numerator: 45, denominator: 60_000, hasData: true) == 0.75)
        #expect(PlanningIndicator.occupancy.value(numerator: 28, denominator: 40, hasData: true) == 70)
        #expect(PlanningIndicator.waiting.value(numerator: 4, hasData: true) == 4)
        let line = NeedsLine(
            needing: 0,
            receiving: 0,
            waiting: 0,
            longestWaitDays: nil,
            mapCapacity: 20,
            population: 5_000,
            hasData: false
        )
        #expect(line.coverage == nil && line.occupancy == nil && line.gap == nil)
    }

    @Test("Each definition names its numerator and denominator, in both languages")
    func definitions() {
        #expect(
            PlanningIndicator.coverage.definition(in: .bg).hasPrefix("(ползващи услугата) / (население на общината")
        )
        #expect(PlanningIndicator.coverage.definition(in: .bg).hasSuffix("× 1000"))
        #expect(PlanningIndicator.occupancy.definition(in: .en).hasSuffix("× 100"))
        #expect(PlanningIndicator.waiting.definition(in: .en) == "referrals sent and not yet decided")
    }

    @Test("A gap is flagged where need exceeds the Map's capacity, and where there is need and no capacity")
    func gaps() {
        func line(needing: Int, capacity: Int?) -> NeedsLine {
            NeedsLine(
                needing: needing,
                receiving: 0,
                waiting: 0,
                longestWaitDays: nil,
                mapCapacity: capacity,
                population: 1000,
                hasData: true
            )
        }
        #expect(line(needing: 45, capacity: 40).gap == 5)
        #expect(line(needing: 40, capacity: 40).gap == nil)
        #expect(line(needing: 3, capacity: nil).gap == 3)
        #expect(line(needing: 0, capacity: nil).gap == nil)
    }

    @Test("The checklist scores each heading as a share of its most; a heading with nothing scored is left out")
    func scoring() {
        let shares = ChecklistScoring.shares(["org-licence": .met, "org-rules": .partly, "staff-numbers": .notMet])
        #expect(shares[.organisation] == 0.75)
        #expect(shares[.staff] == 0)
        #expect(shares[.effectiveness] == nil)
        #expect(Set(QualityCriterion.checklist.map(\.heading)) == Set(QualityHeading.allCases))
        #expect(Set(QualityCriterion.checklist.map(\.id)).count == QualityCriterion.checklist.count)
    }

    @Test("A visit with open recommendations cannot be closed; a closed one cannot be closed again")
    func closingAVisit() throws {
        #expect(throws: MonitoringProblem.openRecommendations(2)) {
            try VisitStatus.close(from: .open, openRecommendations: 2)
        }
        #expect(throws: MonitoringProblem.alreadyClosed) {
            try VisitStatus.close(from: .closed, openRecommendations: 0)
        }
        #expect(try VisitStatus.close(from: .open, openRecommendations: 0) == .closed)
        #expect(MonitoringProblem.openRecommendations(2).message(in: .bg).contains("отворени препоръки (2)"))
    }

    @Test("A recommendation is overdue only while open and past its deadline")
    func overdue() {
        let deadline = CalendarDay(year: 2026, month: 11, day: 20)!
        let after = CalendarDay(year: 2026, month: 11, day: 21)!
        #expect(RecommendationStatus.isOverdue(.open, deadline: deadline, on: after))
        #expect(!RecommendationStatus.isOverdue(.open, deadline: deadline, on: deadline))
        #expect(!RecommendationStatus.isOverdue(.closed, deadline: deadline, on: after))
    }

    @Test("A good practice without evidence, or with a line too short to be evidence, is refused")
    func practiceEvidence() throws {
        #expect(throws: GoodPracticeProblem.noEvidence) { try GoodPracticeRule.check(evidence: "   ") }
        #expect(throws: GoodPracticeProblem.evidenceTooShort) { try GoodPracticeRule.check(evidence: "работи добре") }
        try GoodPracticeRule.check(evidence: "Чакащите намаляха от 14 на 3 за една година по данни на общината.")
    }
}
