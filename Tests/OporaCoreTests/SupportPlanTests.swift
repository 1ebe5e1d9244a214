import Foundation
import OporaCore
import Testing

enum PlanFixtures {
    static let homeCare = UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!
    static let therapy = UUID(uuidString: "00000000-0000-0000-0000-0000000000a2")!
    static let worker = UUID(uuidString: "00000000-0000-0000-0000-0000000000b1")!
    static let otherWorker = UUID(uuidString: "00000000-0000-0000-0000-0000000000b2")!

    static func plan() -> SupportPlan {
        SupportPlan(
            goals: ["Да живея у дома", "Да ходя до църквата"],
            services: [
                PlannedService(
                    serviceID: homeCare,
                    type: .assistantSupport,
                    frequency: ServiceFrequency(visits: 1, per: .workingDay, minutesPerVisit: 120)!,
                    preferredDays: [],
                    preferredTime: TimeWindow(startMinute: 480, endMinute: 720),
                    chosenWorkerID: worker
                ),
                PlannedService(
                    serviceID: therapy,
                    type: .therapyAndRehabilitation,
                    frequency: ServiceFrequency(visits: 2, per: .week, minutesPerVisit: 45)!,
                    preferredDays: [.tuesday, .thursday]
                ),
            ],
            startDate: CalendarDay(year: 2026, month: 12, day: 1)!,
            reviewDate: CalendarDay(year: 2027, month: 6, day: 1)!,
            personalAssistance: PersonalAssistanceGrant(
                degree: .third,
                monthlyHours: 84,
                assistantID: otherWorker,
                frequency: ServiceFrequency(visits: 1, per: .workingDay, minutesPerVisit: 210)!
            ),
            agreement: PlanAgreement(agreedBy: "Мария Иванова", agreedOn: CalendarDay(year: 2026, month: 11, day: 25)!)
        )
    }
}

@Suite("Support plan")
struct SupportPlanTests {
    @Test func weeklyHoursPerServiceAndInTotal() {
        let plan = PlanFixtures.plan()
        #expect(plan.weeklyMinutes(of: .assistantSupport) == 600)
        #expect(plan.weeklyMinutes(of: .therapyAndRehabilitation) == 90)
        #expect(plan.weeklyMinutes(of: .dayCare) == 0)
        #expect(plan.totalWeeklyMinutes == 690)
    }

    @Test func personalAssistanceAgainstTheEntitlement() throws {
        let plan = PlanFixtures.plan()
        // December 2026: 23 working days × 3.5 h = 80.5 h of 84.
        let december = try #require(plan.personalAssistanceUse(inYear: 2026, month: 12))
        #expect(december.plannedMinutes == 4_830 && december.entitledMinutes == 5_040)
        #expect(december.remainingMinutes == 210 && december.isWithinEntitlement)
        var more = plan
        more.personalAssistance?.frequency = ServiceFrequency(visits: 1, per: .workingDay, minutesPerVisit: 240)
        let over = try #require(more.personalAssistanceUse(inYear: 2026, month: 12))
        #expect(over.remainingMinutes == -480 && !over.isWithinEntitlement)
        more.personalAssistance?.frequency = nil
        #expect(more.personalAssistanceUse(inYear: 2026, month: 12) == nil)
    }

    @Test func theAgreementsAssistantIsTheOneChosenForAssistantSupport() {
        let plan = PlanFixtures.plan()
        #expect(PersonalAssistanceGrant.assistedService(in: plan.services)?.serviceID == PlanFixtures.homeCare)
        #expect(
            PersonalAssistanceGrant.assistedService(in: plan.services.reversed())?.serviceID == PlanFixtures.homeCare
        )
        #expect(PersonalAssistanceGrant.assistedService(in: [plan.services[1]])?.serviceID == PlanFixtures.therapy)
        #expect(PersonalAssistanceGrant.assistedService(in: []) == nil)
    }

    @Test func aGoodPlanHasNoProblems() {
        #expect(PlanFixtures.plan().problems().isEmpty)
    }

    /// A goal of 20,000 characters was saved from the plan form and printed on the ИПП.
    @Test func aGoalBeyondTheLimitIsRefusedNotCut() {
        var plan = PlanFixtures.plan()
        plan.goals = [String(repeating: "Я", count: SupportPlan.goalMaximum)]
        #expect(plan.problems().isEmpty)
        plan.goals.append(String(repeating: "Я", count: SupportPlan.goalMaximum + 1))
        #expect(plan.problems() == [.goalTooLong])
        #expect(SupportPlanProblem.goalTooLong.message(in: .bg).contains("500"))
    }

    @Test func everyProblemAtOnce() {
        var plan = PlanFixtures.plan()
        plan.goals = ["  "]
        plan.reviewDate = plan.startDate
        plan.services.append(plan.services[0])
        plan.personalAssistance?.monthlyHours = 90
        plan.personalAssistance?.frequency = ServiceFrequency(visits: 1, per: .day, minutesPerVisit: 180)
        #expect(
            plan.problems() == [
                .noGoal, .reviewNotAfterStart, .duplicateService(serviceID: PlanFixtures.homeCare),
                .personalAssistance(.hoursAboveCap(hours: 90, cap: 84)),
                .assistanceAboveEntitlement(plannedMinutes: 31 * 180, entitledMinutes: 90 * 60),
            ]
        )
    }

    /// 23 working days × 3 h 40 min = 84 h 20 min: over 84 h in the longest month, so refused
    /// even though most months would fit.
    @Test func entitlementIsCheckedAgainstTheLongestMonth() {
        var plan = PlanFixtures.plan()
        plan.personalAssistance?.frequency = ServiceFrequency(visits: 1, per: .workingDay, minutesPerVisit: 220)
        #expect(plan.problems() == [.assistanceAboveEntitlement(plannedMinutes: 23 * 220, entitledMinutes: 84 * 60)])
        plan.personalAssistance?.frequency = ServiceFrequency(visits: 1, per: .workingDay, minutesPerVisit: 219)
        #expect(plan.problems().isEmpty)
    }

    /// The rule that the API used to skip and the page checked on its own: at least one
    /// service, and a substitute who is someone else.
    @Test func aPlanNeedsAServiceAndASubstituteOtherThanTheChosenWorker() {
        var plan = PlanFixtures.plan()
        plan.services[0].substituteWorkerID = PlanFixtures.worker
        plan.personalAssistance?.substituteAssistantID = PlanFixtures.otherWorker
        #expect(
            plan.problems() == [
                .substituteIsChosenWorker(serviceIndex: 0), .substituteIsChosenWorker(serviceIndex: nil),
            ]
        )
        plan.services = []
        plan.personalAssistance = nil
        #expect(plan.problems() == [.noService])
    }

    @Test func grantHoursOutOfRangeDoNotDecode() throws {
        let grant = PersonalAssistanceGrant(degree: .third, monthlyHours: 84)
        let json = String(decoding: try JSONEncoder().encode(grant), as: UTF8.self)
        for hours in ["-1", "745", "9223372036854775807"] {
            let bad = json.replacingOccurrences(of: #""monthlyHours":84"#, with: #""monthlyHours":"# + hours)
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode(PersonalAssistanceGrant.self, from: Data(bad.utf8))
            }
        }
        #expect(try JSONDecoder().decode(PersonalAssistanceGrant.self, from: Data(json.utf8)) == grant)
    }

    @Test func problemsSpeakBothLanguages() {
        let problems: [SupportPlanProblem] = [
            .noGoal, .reviewNotAfterStart, .noService, .substituteIsChosenWorker(serviceIndex: 0),
            .duplicateService(serviceID: PlanFixtures.homeCare),
            .personalAssistance(.hoursAboveCap(hours: 90, cap: 84)),
            .assistanceAboveEntitlement(plannedMinutes: 5_580, entitledMinutes: 5_040),
        ]
        for problem in problems { #expect(problem.message(in: .bg) != problem.message(in: .en)) }
        #expect(
            SupportPlanProblem.assistanceAboveEntitlement(plannedMinutes: 5_580, entitledMinutes: 5_040).message(
                in: .en
            )
                == "Planned personal assistance (up to 93 h a month) exceeds the 84 h granted."
        )
        #expect(Set(problems.map(\.code)).count == problems.count)
    }

    @Test func codableRoundTrip() throws {
        let plan = PlanFixtures.plan()
        let data = try JSONEncoder().encode(plan)
        #expect(try JSONDecoder().decode(SupportPlan.self, from: data) == plan)
    }
}

@Suite("Support plan diff")
struct SupportPlanDiffTests {
    @Test func identicalVersionsHaveNoChanges() {
        #expect(SupportPlanDiff.changes(from: PlanFixtures.plan(), to: PlanFixtures.plan()).isEmpty)
    }

    @Test func everyKindOfChangeIsReportedInOrder() {
        let old = PlanFixtures.plan()
        var new = old
        new.goals = ["Да живея у дома", "Да се виждам с внуците"]
        new.services[0].frequency = ServiceFrequency(visits: 1, per: .workingDay, minutesPerVisit: 180)!
        new.services[0].preferredDays = [.monday, .wednesday]
        new.services[0].preferredTime = nil
        new.services[0].chosenWorkerID = PlanFixtures.otherWorker
        new.services[0].substituteWorkerID = PlanFixtures.worker
        new.services.remove(at: 1)
        let dayCare = PlannedService(
            serviceID: UUID(uuidString: "00000000-0000-0000-0000-0000000000a3")!,
            type: .dayCare,
            frequency: ServiceFrequency(visits: 2, per: .week, minutesPerVisit: 240)!
        )
        new.services.append(dayCare)
        new.startDate = CalendarDay(year: 2026, month: 12, day: 7)!
        new.reviewDate = CalendarDay(year: 2027, month: 3, day: 1)!
        new.personalAssistance = nil
        new.agreement = PlanAgreement(agreedBy: "Мария Иванова", agreedOn: CalendarDay(year: 2026, month: 12, day: 5)!)

        let changes = SupportPlanDiff.changes(from: old, to: new)
        #expect(
            changes == [
                .goalRemoved("Да ходя до църквата"),
                .goalAdded("Да се виждам с внуците"),
                .frequencyChanged(
                    serviceID: PlanFixtures.homeCare,
                    from: old.services[0].frequency,
                    to: new.services[0].frequency
                ),
                .preferredDaysChanged(serviceID: PlanFixtures.homeCare, from: [], to: [.monday, .wednesday]),
                .preferredTimeChanged(serviceID: PlanFixtures.homeCare, from: old.services[0].preferredTime, to: nil),
                .chosenWorkerChanged(
                    serviceID: PlanFixtures.homeCare,
                    from: PlanFixtures.worker,
                    to: PlanFixtures.otherWorker
                ),
                .substituteWorkerChanged(serviceID: PlanFixtures.homeCare, from: nil, to: PlanFixtures.worker),
                .serviceRemoved(old.services[1]),
                .serviceAdded(dayCare),
                .startDateChanged(from: old.startDate, to: new.startDate),
                .reviewDateChanged(from: old.reviewDate, to: new.reviewDate),
                .personalAssistanceChanged(from: old.personalAssistance, to: nil),
                .agreementChanged(from: old.agreement, to: new.agreement),
            ]
        )
        let english = changes.map { $0.message(in: .en) }
        #expect(english[0] == "Goal removed: “Да ходя до църквата”")
        #expect(
            english[2]
                == "service: frequency 1 visit each working day, 120 min each → 1 visit each working day, 180 min each"
        )
        #expect(english[3] == "service: preferred days any day → Monday, Wednesday")
        #expect(english[4] == "service: preferred time 08:00–12:00 → no preference")
        #expect(english[11] == "Personal assistance: 84 h/month → none")
        #expect(changes.map { $0.message(in: .bg) }[9] == "Начална дата: 01.12.2026 → 07.12.2026")
    }

    /// "Substitute worker changed" said neither which service nor who.
    @Test func aChangedSubstituteNamesTheServiceAndBothPeople() {
        let old = PlanFixtures.plan()
        var new = old
        new.services[0].substituteWorkerID = PlanFixtures.otherWorker
        new.services[0].chosenWorkerID = PlanFixtures.worker
        var oldWithSubstitute = old
        oldWithSubstitute.services[0].substituteWorkerID = PlanFixtures.worker
        let names = PlanNames(
            services: [PlanFixtures.homeCare: "Домашен патронаж Кюстендил"],
            people: [PlanFixtures.worker: "Елена Петрова", PlanFixtures.otherWorker: "Иван Колев"]
        )
        let messages = SupportPlanDiff.changes(from: oldWithSubstitute, to: new).map {
            $0.message(in: .bg, names: names)
        }
        #expect(messages == ["Домашен патронаж Кюстендил: заместник Елена Петрова → Иван Колев"])
    }

    /// "84 h/month → 84 h/month" appeared when only the assistant of the grant changed.
    @Test func aGrantWithTheSameHoursSaysWhatDidChange() throws {
        let old = PlanFixtures.plan()
        var new = old
        var grant = try #require(old.personalAssistance)
        grant.assistantID = PlanFixtures.worker
        new.personalAssistance = grant
        let names = PlanNames(
            services: [:],
            people: [PlanFixtures.worker: "Елена Петрова", PlanFixtures.otherWorker: "Иван Колев"]
        )
        let messages = SupportPlanDiff.changes(from: old, to: new).map { $0.message(in: .en, names: names) }
        #expect(messages.count == 1)
        #expect(messages[0] == "Personal assistance: assistant Иван Колев → Елена Петрова")
        #expect(!messages[0].contains("h/month"))
    }

    @Test func aServiceWhoseTypeChangedIsReplaced() {
        let old = PlanFixtures.plan()
        var new = old
        new.services[1].type = .dayCare
        #expect(
            SupportPlanDiff.changes(from: old, to: new) == [
                .serviceRemoved(old.services[1]), .serviceAdded(new.services[1]),
            ]
        )
    }

    @Test func reorderingServicesIsNoChange() {
        let old = PlanFixtures.plan()
        var new = old
        new.services.reverse()
        #expect(SupportPlanDiff.changes(from: old, to: new).isEmpty)
    }
}
