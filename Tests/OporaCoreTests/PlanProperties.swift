import Foundation
import OporaCore
import PropertyBased
import Testing

let frequencies = zip(
    Gen.int(in: 1...5),
    Gen.element(of: ServiceFrequency.Period.allCases).map { $0! },
    Gen.int(in: 1...240)
)
.compactMap { ServiceFrequency(visits: $0, per: $1, minutesPerVisit: $2) }
let caseStates = Gen.element(of: CaseState.allCases).map { $0! }

@Suite("Plan and case properties")
struct PlanProperties {
    /// Twelve months of a monthly service make twelve periods; a year of a weekly one is within
    /// a rounding minute per month of 365/7 weeks.
    @Test func monthlyTotalsAddUpOverAYear() async {
        await propertyCheck(input: frequencies, Gen.int(in: 1990...2090)) { frequency, year in
            let months = (1...12).map { frequency.minutes(inYear: year, month: $0) }
            let days = CalendarDay.isLeapYear(year) ? 366 : 365
            switch frequency.period {
            case .month: #expect(months.reduce(0, +) == 12 * frequency.minutesPerPeriod)
            case .day: #expect(months.reduce(0, +) == days * frequency.minutesPerPeriod)
            case .week:
                let exact = Double(days * frequency.minutesPerPeriod) / 7
                #expect(abs(Double(months.reduce(0, +)) - exact) <= 6)
            case .workingDay:
                let first = CalendarDay(year: year, month: 1, day: 1)!
                let workingDays = (0..<days).filter { first.adding(days: $0).weekday.isWorkingDay }.count
                #expect(months.reduce(0, +) == workingDays * frequency.minutesPerPeriod)
            }
        }
    }

    @Test func weeklyMinutesScaleWithVisits() async {
        await propertyCheck(input: frequencies) { frequency in
            let doubled = ServiceFrequency(
                visits: frequency.visits * 2,
                per: frequency.period,
                minutesPerVisit: frequency.minutesPerVisit
            )
            if let doubled, frequency.period != .month {
                #expect(doubled.weeklyMinutes == 2 * frequency.weeklyMinutes)
            }
            #expect(frequency.weeklyMinutes >= 0)
        }
    }

    @Test func changingOneServiceFrequencyIsExactlyOneChange() async {
        await propertyCheck(input: frequencies) { frequency in
            let old = PlanFixtures.plan()
            var new = old
            new.services[1].frequency = frequency
            let changes = SupportPlanDiff.changes(from: old, to: new)
            if frequency == old.services[1].frequency {
                #expect(changes.isEmpty)
            } else {
                #expect(
                    changes == [
                        .frequencyChanged(
                            serviceID: PlanFixtures.therapy,
                            from: old.services[1].frequency,
                            to: frequency
                        )
                    ]
                )
            }
            #expect(SupportPlanDiff.changes(from: new, to: new).isEmpty)
        }
    }

    @Test func transitionSucceedsExactlyWhenAllowedAndGivenAReason() async {
        let reasons = Gen.element(of: ["", " ", "\n", "reason", " moved away "]).map { $0! }
        await propertyCheck(count: 300, input: caseStates, caseStates, reasons) { from, to, reason in
            let result = Result { () throws(CaseTransitionProblem) in
                try CaseLifeCycle.transition(from: from, to: to, reason: reason, confirmedClosing: true)
            }
            switch result {
            case .success(let transition):
                #expect(CaseLifeCycle.canMove(from: from, to: to))
                #expect(
                    !transition.reason.isEmpty
                        && transition.reason == transition.reason.trimmingCharacters(in: .whitespacesAndNewlines)
                )
            case .failure(.illegal):
                #expect(!CaseLifeCycle.canMove(from: from, to: to))
            case .failure(.missingReason):
                #expect(CaseLifeCycle.canMove(from: from, to: to))
                #expect(reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            case .failure(let other):
                Issue.record("a confirmed move cannot fail with \(other)")
            }
        }
    }

    @Test func barthelTotalsAlwaysHaveTheirBand() async {
        let items = BarthelIndex.Item.allCases
        let scores = Gen.int(in: 0...11).array(of: items.count).map { choices in
            Dictionary(
                uniqueKeysWithValues: zip(items, choices).map { item, choice in
                    (item, item.allowedScores[choice % item.allowedScores.count])
                }
            )
        }
        await propertyCheck(count: 300, input: scores) { scores in
            let index = try BarthelIndex(scores: scores)
            #expect((0...100).contains(index.total) && index.total % 5 == 0)
            #expect(index.band.range.contains(index.total))
            #expect(index.totalOutOfTwenty * 5 == index.total)
        }
    }

    @Test func recommendationsStayWithinTheirLimits() async {
        let ratings = Gen.element(of: NeedRating.allCases).map { $0! }.array(of: LifeDomain.allCases.count)
        await propertyCheck(count: 300, input: ratings) { ratings in
            let domains = zip(LifeDomain.allCases, ratings).map {
                LifeDomainAssessment(domain: $0, rating: $1, inOwnWords: "")
            }
            let result = WeeklyHoursRecommendation.recommend(barthel: nil, lawton: nil, lifeDomains: domains)
            #expect(result.allSatisfy { $0.weeklyMinutes > 0 && !$0.reasons.isEmpty })
            #expect(
                result.allSatisfy { $0.weeklyMinutes <= WeeklyHoursRecommendation.assistantSupportWeeklyCapMinutes }
            )
            #expect(Set(result.map(\.type)).count == result.count)
            #expect(
                result.map(\.type) == SocialServiceType.allCases.filter { type in result.contains { $0.type == type } }
            )
        }
    }
}
