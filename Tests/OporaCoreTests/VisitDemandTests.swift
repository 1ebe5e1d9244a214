import Foundation
import OporaCore
import Testing

@Suite("A support plan becomes the visits of a week")
struct VisitDemandTests {
    static let service = UUID(uuidString: "00000000-0000-4000-8000-000000000001")!
    static let assistant = UUID(uuidString: "00000000-0000-4000-8000-0000000000a1")!

    static func day(_ iso: String) -> CalendarDay { CalendarDay(iso: iso)! }

    static func plan(
        _ visits: Int,
        per period: ServiceFrequency.Period,
        minutes: Int = 60,
        preferred: Set<Weekday> = [],
        start: String = "2026-11-02",
        personalAssistance: PersonalAssistanceGrant? = nil
    ) -> SupportPlan {
        let frequency = ServiceFrequency(visits: visits, per: period, minutesPerVisit: minutes)!
        return SupportPlan(
            goals: ["Да остане у дома"],
            services: [
                PlannedService(
                    serviceID: service,
                    type: .assistantSupport,
                    frequency: frequency,
                    preferredDays: preferred,
                    chosenWorkerID: assistant
                )
            ],
            startDate: day(start),
            reviewDate: day("2027-05-01"),
            personalAssistance: personalAssistance
        )
    }

    static func days(_ demand: WeekDemand) -> [String] { demand.visits.map(\.day.iso) }

    @Test("Three visits a week go to the days the person prefers, with the chosen worker")
    func preferredDays() {
        let demand = VisitDemandRule.week(
            of: Self.plan(3, per: .week, preferred: [.tuesday, .thursday, .saturday]),
            monday: Self.day("2026-12-07")
        )
        #expect(Self.days(demand) == ["2026-12-08", "2026-12-10", "2026-12-12"])
        #expect(demand.visits.allSatisfy { $0.chosenWorkerID == Self.assistant && $0.minutes == 60 })
        #expect(demand.visits.allSatisfy { $0.window == VisitDemandRule.defaultWindow })
        #expect(demand.generatedMinutes == demand.plannedWeeklyMinutes)
    }

    @Test("Without a preference, weekly visits are spread over the working week and skip the weekend")
    func spreadOverTheWeek() {
        #expect(
            Self.days(VisitDemandRule.week(of: Self.plan(3, per: .week), monday: Self.day("2026-12-07")))
                == ["2026-12-07", "2026-12-09", "2026-12-11"]
        )
        #expect(
            Self.days(VisitDemandRule.week(of: Self.plan(2, per: .week), monday: Self.day("2026-12-07")))
                == ["2026-12-07", "2026-12-09"]
        )
    }

    @Test("Christmas and the rest day it moves to Monday get no working-day visits")
    func restDaysOfTheLabourCode() {
        let christmas = VisitDemandRule.week(of: Self.plan(1, per: .workingDay), monday: Self.day("2026-12-21"))
        #expect(Self.days(christmas) == ["2026-12-21", "2026-12-22", "2026-12-23"])
        // 26 December 2026 is a Saturday, so Monday 28 December is a rest day; 1 January is a holiday.
        let newYear = VisitDemandRule.week(of: Self.plan(1, per: .workingDay), monday: Self.day("2026-12-28"))
        #expect(Self.days(newYear) == ["2026-12-29", "2026-12-30", "2026-12-31"])
        #expect(newYear.generatedMinutes < newYear.plannedWeeklyMinutes)
    }

    @Test("A daily service comes every day, holidays and weekends included")
    func dailyService() {
        let demand = VisitDemandRule.week(of: Self.plan(2, per: .day, minutes: 30), monday: Self.day("2026-12-21"))
        #expect(demand.visits.count == 14)
        #expect(Set(Self.days(demand)).count == 7)
    }

    @Test("A plan that starts on Wednesday asks for its share of the week's visits")
    func planStartsMidWeek() {
        let demand = VisitDemandRule.week(
            of: Self.plan(4, per: .week, start: "2026-12-09"),
            monday: Self.day("2026-12-07")
        )
        // 4 visits × 5 of 7 days = 2.86 → 3, on the working days from Wednesday.
        #expect(Self.days(demand) == ["2026-12-09", "2026-12-10", "2026-12-11"])
    }

    @Test("A plan that ends on Tuesday asks for its share up to that day")
    func planEndsMidWeek() {
        let demand = VisitDemandRule.week(
            of: Self.plan(3, per: .week),
            monday: Self.day("2026-12-07"),
            activeUntil: Self.day("2026-12-08")
        )
        #expect(Self.days(demand) == ["2026-12-07"])
    }

    @Test("A suspended case asks for no visits")
    func suspendedCase() {
        let demand = VisitDemandRule.week(of: Self.plan(1, per: .day), monday: Self.day("2026-12-07"), suspended: true)
        #expect(demand.visits.isEmpty)
        #expect(demand.plannedWeeklyMinutes == 7 * 60)
    }

    @Test("The weeks of a month add up to its monthly visits", arguments: [1, 2, 4, 6, 30])
    func monthlyVisitsAddUp(visits: Int) {
        let plan = Self.plan(visits, per: .month)
        let mondays = ["2026-11-30", "2026-12-07", "2026-12-14", "2026-12-21", "2026-12-28"].map(Self.day)
        let december = mondays.flatMap { VisitDemandRule.week(of: plan, monday: $0).visits }
            .filter { $0.day.month == 12 }
        #expect(december.count == visits)
        #expect(december.allSatisfy { BulgarianHolidays.isWorkingDay($0.day) })
    }

    @Test("Personal assistance beyond the week's share of the monthly entitlement is flagged")
    func personalAssistanceEntitlement() {
        let frequency = ServiceFrequency(visits: 1, per: .workingDay, minutesPerVisit: 120)!
        let grant = PersonalAssistanceGrant(
            degree: .first,
            monthlyHours: 40,
            assistantID: Self.assistant,
            frequency: frequency
        )
        let demand = VisitDemandRule.week(
            of: Self.plan(1, per: .week, personalAssistance: grant),
            monday: Self.day("2026-12-07")
        )
        let assistance = demand.visits.filter { $0.source == .personalAssistance }
        #expect(assistance.count == 5)
        // 40 h a month is 554 minutes in an average week (40 × 60 × 12 / 52); five visits of two hours are 600.
        #expect(demand.minutesBeyondEntitlement == 600 - 554)
        let quiet = VisitDemandRule.week(
            of: Self.plan(1, per: .week, personalAssistance: grant),
            monday: Self.day("2026-12-21")
        )
        #expect(quiet.minutesBeyondEntitlement == 0)
    }
}
