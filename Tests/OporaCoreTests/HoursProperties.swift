import Foundation
import OporaCore
import PropertyBased
import Testing

/// Every month Opora accepts, 2017–2100: few enough to check all of them.
let everyMonth: [CalendarMonth] = (CalendarMonth.earliestYear...CalendarMonth.latestYear).flatMap { year in
    (1...12).map { CalendarMonth(year: year, month: $0)! }
}

let timesheetDays = Gen.int(in: 0...13).array(of: 0...14).map { offsets in
    offsets.map { CalendarDay(year: 2026, month: 3, day: 23)!.adding(days: $0) }
}

@Suite("Hours and timesheet properties")
struct HoursProperties {
    @Test("Every month has its days once, in weeks from their Mondays, and reads back from its ISO text")
    func monthsCoverTheirDays() {
        for month in everyMonth {
            #expect(CalendarMonth(iso: month.iso) == month)
            #expect(month.days.count == month.dayCount)
            #expect(month.days.allSatisfy(month.contains))
            #expect(month.days.first == month.firstDay && month.days.last == month.lastDay)
            let mondays = month.weekMondays
            #expect((4...6).contains(mondays.count))
            #expect(mondays.allSatisfy { $0.weekday == .monday })
            for day in month.days {
                #expect(mondays.contains { $0 <= day && day < $0.adding(days: 7) })
            }
            if let next = month.next {
                #expect(next.previous == month)
                #expect(next.firstDay == month.lastDay.adding(days: 1))
            }
        }
    }

    @Test("A grant over the whole month is exactly its hours, in every month; split at any day it still is")
    func wholeMonthGrantIsItsHours() {
        for month in everyMonth {
            for hours in [0, 15, 42, 84, 168] {
                let whole = [GrantPeriod(from: month.firstDay.adding(days: -40), until: nil, monthlyHours: hours)]
                #expect(EntitlementUse.entitledMinutes(month: month, grants: whole) == hours * 60)
            }
            let split = month.dayCount / 2
            let halves = [
                GrantPeriod(from: month.firstDay, until: month.firstDay.adding(days: split - 1), monthlyHours: 84),
                GrantPeriod(from: month.firstDay.adding(days: split), until: month.lastDay, monthlyHours: 84),
            ]
            #expect(EntitlementUse.entitledMinutes(month: month, grants: halves) == 84 * 60)
        }
    }

    @Test("A grant changing mid-month lies between the two grants and follows the days each covers")
    func changingGrantLiesBetween() async {
        await propertyCheck(
            input: Gen.element(of: everyMonth).map { $0! },
            Gen.int(in: 0...PersonalAssistanceGrant.maximumMonthlyHours),
            Gen.int(in: 0...PersonalAssistanceGrant.maximumMonthlyHours),
            Gen.int(in: 1...27)
        ) { month, first, second, day in
            let change = CalendarDay(year: month.year, month: month.month, day: day + 1)!
            let grants = [
                GrantPeriod(from: month.firstDay, until: nil, monthlyHours: first),
                GrantPeriod(from: change, until: nil, monthlyHours: second),
            ]
            let minutes = EntitlementUse.entitledMinutes(month: month, grants: grants)!
            #expect(min(first, second) * 60 <= minutes && minutes <= max(first, second) * 60)
            let exact = Double(first * 60 * day + second * 60 * (month.dayCount - day)) / Double(month.dayCount)
            #expect(abs(Double(minutes) - exact) <= 0.5)
        }
    }

    @Test("Overtime is the day's hours beyond 8 plus the week's regular hours beyond 40, and never more than worked")
    func overtimeMatchesTheLabourCode() async {
        await propertyCheck(input: timesheetDays, Gen.int(in: 0...720).array(of: 15)) { days, minutes in
            let entries = zip(days, minutes).map {
                TimesheetDay(day: $0, workedMinutes: $1, travelMinutes: 0, waitingMinutes: 0, recorded: true)
            }
            let overtime = Timesheet.overtime(entries)
            var paid: [CalendarDay: Int] = [:]
            for entry in entries { paid[entry.day, default: 0] += entry.paidMinutes }
            for monday in Set(paid.keys.map { $0.adding(days: -(Weekday.allCases.firstIndex(of: $0.weekday)!)) }) {
                let week = paid.filter { $0.key >= monday && $0.key < monday.adding(days: 7) }
                let daily = week.values.reduce(0) { $0 + max(0, $1 - Timesheet.dayLimitMinutes) }
                let regular = week.values.reduce(0) { $0 + min($1, Timesheet.dayLimitMinutes) }
                let expected = daily + max(0, regular - Timesheet.weekLimitMinutes)
                #expect(week.keys.reduce(0) { $0 + overtime[$1]! } == expected)
            }
            for (day, minutes) in overtime { #expect(0 <= minutes && minutes <= paid[day]!) }
        }
    }

    @Test("The two months a week crosses share its overtime exactly")
    func monthsShareACrossingWeek() async {
        await propertyCheck(input: timesheetDays, Gen.int(in: 0...720).array(of: 15)) { days, minutes in
            let entries = zip(days, minutes).map {
                TimesheetDay(day: $0, workedMinutes: $1, travelMinutes: 5, waitingMinutes: 3, recorded: true)
            }
            let months = Set(entries.compactMap { CalendarMonth(containing: $0.day) })
            let sheets = months.map { Timesheet(month: $0, days: entries, absences: []) }
            #expect(sheets.reduce(0) { $0 + $1.overtimeMinutes } == Timesheet.overtime(entries).values.reduce(0, +))
            #expect(sheets.reduce(0) { $0 + $1.paidMinutes } == entries.reduce(0) { $0 + $1.paidMinutes })
        }
    }

    @Test("On the days the clocks change, a visit recorded at its planned time is delivered as planned")
    func clockChangeDays() {
        for year in 2024...2030 {
            for month in [3, 10] {
                let last = CalendarMonth(year: year, month: month)!.lastDay
                let sunday = (0..<7).map { last.adding(days: -$0) }.first { $0.weekday == .sunday }!
                for start in [60, 150, 180, 240, 600] {
                    let planned = SofiaTime.instant(on: sunday, minute: start)
                    let record = VisitRecord(checkIn: planned, checkOut: planned.addingTimeInterval(60 * 60))
                    let reckoning = VisitReckoning(plannedMinutes: 60, plannedStart: planned, record: record)
                    #expect(reckoning.outcome == .delivered && reckoning.deliveredMinutes == 60 && reckoning.asPlanned)
                }
            }
        }
    }
}
