import Foundation
import OporaCore
import PropertyBased
import Testing

@Suite("Staff development: hours, yearly totals and supervision")
struct StaffDevelopmentRuleTests {
    @Test(
        "Hours are typed with a decimal comma or point, at most two decimals, from half an hour to a day",
        arguments: [
            ("1,5", 150), ("1.5", 150), ("2", 200), ("0,5", 50), ("0,75", 75), ("24", 2400), (" 3,25 ", 325),
            ("0,25", nil), ("24,5", nil), ("25", nil), ("1,555", nil), ("1,5,0", nil), ("", nil), ("-1", nil),
            ("1e1", nil), (",5", nil), ("1,", nil), ("٣", nil), ("100", nil),
        ] as [(String, Int?)]
    )
    func parsesHours(text: String, hundredths: Int?) {
        #expect(DevelopmentHours.parse(text) == hundredths)
    }

    @Test func formatsWithTheLanguagesDecimalSign() {
        #expect(DevelopmentHours.format(150, in: .bg) == "1,5")
        #expect(DevelopmentHours.format(150, in: .en) == "1.5")
        #expect(DevelopmentHours.format(75, in: .bg) == "0,75")
        #expect(DevelopmentHours.format(805, in: .bg) == "8,05")
        #expect(DevelopmentHours.format(1200, in: .bg) == "12")
    }

    @Test func everyValueInRangeSurvivesFormattingAndParsing() async {
        await propertyCheck(input: Gen.int(in: DevelopmentHours.range), Gen.element(of: Language.allCases).map { $0! })
        {
            hundredths,
            language in
            #expect(DevelopmentHours.parse(DevelopmentHours.format(hundredths, in: language)) == hundredths)
        }
    }

    @Test func supervisionIsDueThreeCalendarMonthsLaterClampedToTheMonthsEnd() {
        let day = { (iso: String) in CalendarDay(iso: iso)! }
        #expect(SupervisionRule.due(after: day("2026-01-15")) == day("2026-04-15"))
        #expect(SupervisionRule.due(after: day("2025-11-30")) == day("2026-02-28"))
        #expect(SupervisionRule.due(after: day("2027-11-30")) == day("2028-02-29"))
        #expect(SupervisionRule.due(after: day("2026-10-31")) == day("2027-01-31"))
        #expect(!SupervisionRule.isOverdue(last: day("2026-01-15"), today: day("2026-04-15")))
        #expect(SupervisionRule.isOverdue(last: day("2026-01-15"), today: day("2026-04-16")))
        #expect(SupervisionRule.isOverdue(last: nil, today: day("2026-04-16")))
        // A supervision dated after today has not happened.
        #expect(SupervisionRule.isOverdue(last: day("2026-05-01"), today: day("2026-04-16")))
    }

    @Test func dueDayIsAfterTheLastAndAtMostThreeMonthsOfDaysLater() async {
        await propertyCheck(input: egnDays) { day in
            let due = SupervisionRule.due(after: day)
            #expect(due > day)
            #expect((89...92).contains(day.days(until: due)))
            #expect(!SupervisionRule.isOverdue(last: day, today: due))
            #expect(SupervisionRule.isOverdue(last: day, today: due.adding(days: 1)))
        }
    }

    @Test func yearlyTotalsAddEachActivityToItsYearAndKind() {
        let day = { (iso: String) in CalendarDay(iso: iso)! }
        let activities = [
            DevelopmentActivity(worker: "a", kind: .training, day: day("2026-01-01"), hundredths: 150),
            DevelopmentActivity(worker: "a", kind: .training, day: day("2026-12-31"), hundredths: 400),
            DevelopmentActivity(worker: "a", kind: .supervision, day: day("2026-06-10"), hundredths: 200),
            DevelopmentActivity(worker: "a", kind: .training, day: day("2025-12-31"), hundredths: 800),
            DevelopmentActivity(worker: "b", kind: .psychologicalSupport, day: day("2027-01-01"), hundredths: 100),
        ]
        let totals = DevelopmentYear.totals(activities, year: 2026)
        #expect(totals["a"]?.byKind[.training] == 550)
        #expect(totals["a"]?.total == 750)
        #expect(totals["a"]?.sessions == 3)
        #expect(totals["b"] == nil)
        let last = SupervisionRule.lastSupervision(activities, today: day("2026-07-01"))
        #expect(last == ["a": day("2026-06-10")])
    }

    @Test func yearlyTotalsOfAllYearsAddUpToEveryActivity() async {
        let activity = zip(
            Gen.int(in: 0...3),
            Gen.element(of: DevelopmentKind.allCases).map { $0! },
            Gen.int(in: 0...1500),
            Gen.int(in: DevelopmentHours.range)
        ).map { worker, kind, offset, hours in
            DevelopmentActivity(
                worker: worker,
                kind: kind,
                day: CalendarDay(iso: "2024-01-01")!.adding(days: offset),
                hundredths: hours
            )
        }
        await propertyCheck(input: activity.array(of: 0...30)) { activities in
            let years = (2024...2028).map { DevelopmentYear.totals(activities, year: $0) }
            let sum = years.flatMap(\.values).reduce(0) { $0 + $1.total }
            #expect(sum == activities.reduce(0) { $0 + $1.hundredths })
            #expect(years.flatMap(\.values).reduce(0) { $0 + $1.sessions } == activities.count)
        }
    }

    @Test func aRecordIsOfSomethingThatHappened() {
        let today = CalendarDay(iso: "2026-11-20")!
        #expect(DevelopmentDayProblem.check(today, today: today) == nil)
        #expect(DevelopmentDayProblem.check(today.adding(days: 1), today: today) == .inTheFuture)
        #expect(DevelopmentDayProblem.check(CalendarDay(iso: "2021-01-01")!, today: today) == nil)
        #expect(DevelopmentDayProblem.check(CalendarDay(iso: "2020-12-31")!, today: today) == .tooOld)
    }
}
