import Foundation
import OporaCore
import Testing

@Suite("Hours against plans, entitlements and timesheets")
struct HoursReconciliationTests {
    let start = Date(timeIntervalSince1970: 1_795_000_000)

    func reckon(_ planned: Int, in minutes: Int?, missed: MissedReason? = nil, late: Double = 0) -> VisitReckoning {
        let checkIn = minutes == nil && missed == nil ? nil : start.addingTimeInterval(late * 60)
        let record = VisitRecord(
            checkIn: missed == nil ? checkIn : nil,
            checkOut: minutes.map { checkIn!.addingTimeInterval(Double($0) * 60) },
            missed: missed
        )
        return VisitReckoning(plannedMinutes: planned, plannedStart: start, record: record)
    }

    @Test(
        "A tally counts planned and delivered minutes, outcomes and missed reasons; a withdrawn visit only if recorded"
    )
    func tally() {
        var tally = HoursTally()
        tally.add(reckon(60, in: 60), missedReason: nil, inForce: true)
        tally.add(reckon(60, in: 30), missedReason: nil, inForce: true)
        tally.add(reckon(60, in: nil, missed: .inHospital), missedReason: .inHospital, inForce: true)
        tally.add(reckon(60, in: nil), missedReason: nil, inForce: true)
        tally.add(reckon(60, in: 60, late: 40), missedReason: nil, inForce: true)
        tally.add(reckon(45, in: nil), missedReason: nil, inForce: false)
        tally.add(reckon(45, in: 45), missedReason: nil, inForce: false)
        var later = HoursTally()
        later.add(reckon(30, in: nil), missedReason: nil, inForce: true, due: false)
        #expect(later.upcoming == 1 && later.notRecorded == 0 && later.plannedMinutes == 30)
        #expect(tally.plannedVisits == 5 && tally.plannedMinutes == 300)
        #expect(tally.deliveredMinutes == 60 + 30 + 60 + 45)
        #expect(tally.delivered == 3 && tally.cutShort == 1 && tally.missed == 1 && tally.notRecorded == 1)
        #expect(tally.asPlanned == 2)
        #expect(tally.missedByReason == [.inHospital: 1])
        #expect(tally.asPlannedShare == 0.4)
        #expect(tally.shortfallMinutes == 300 - 195)
    }

    @Test(
        "Over-use is flagged at once, under-use only when the month has ended",
        arguments: [
            (delivered: 84 * 60 + 1, today: "2026-11-10", flag: EntitlementUse.Flag.overUse),
            (delivered: 84 * 60, today: "2026-12-01", flag: .withinEntitlement),
            (delivered: 67 * 60, today: "2026-12-01", flag: .underUse),
            (delivered: 68 * 60, today: "2026-12-01", flag: .withinEntitlement),
            (delivered: 10, today: "2026-11-30", flag: .inProgress),
        ]
    )
    func flags(delivered: Int, today: String, flag: EntitlementUse.Flag) {
        let month = CalendarMonth(iso: "2026-11")!
        let use = EntitlementUse(
            month: month,
            grants: [GrantPeriod(from: CalendarDay(iso: "2026-01-01")!, until: nil, monthlyHours: 84)],
            plannedMinutes: 84 * 60,
            deliveredMinutes: delivered,
            today: CalendarDay(iso: today)!
        )
        #expect(use.entitledMinutes == 84 * 60)
        #expect(use.flag == flag)
    }

    @Test("Without a grant the month has none; minutes delivered anyway are over-use")
    func noGrant() {
        let month = CalendarMonth(iso: "2026-11")!
        let ended = CalendarDay(iso: "2026-12-05")!
        let before = GrantPeriod(
            from: CalendarDay(iso: "2026-01-01")!,
            until: CalendarDay(iso: "2026-10-31")!,
            monthlyHours: 42
        )
        #expect(
            EntitlementUse(month: month, grants: [before], plannedMinutes: 0, deliveredMinutes: 0, today: ended).flag
                == .noGrant
        )
        #expect(
            EntitlementUse(month: month, grants: [], plannedMinutes: 0, deliveredMinutes: 30, today: ended).flag
                == .overUse
        )
    }

    @Test("A grant that starts on the 16th of a 30-day month gives half its hours")
    func grantFromMidMonth() {
        let month = CalendarMonth(iso: "2026-11")!
        let grant = GrantPeriod(from: CalendarDay(iso: "2026-11-16")!, until: nil, monthlyHours: 42)
        #expect(EntitlementUse.entitledMinutes(month: month, grants: [grant]) == 21 * 60)
    }

    @Test(
        "Months outside 2017–2100 or not written YYYY-MM are refused",
        arguments: [
            "2026-13", "2026-00", "2016-12", "2101-01", "99999-01", "2026-1", "2026/11", "", "2026-11-01", "２０２６-11",
            "9223372036854775807-01",
        ]
    )
    func badMonths(text: String) {
        #expect(CalendarMonth(iso: text) == nil)
    }

    @Test("A timesheet sums visits, travel and waiting of the days on the road, overtime and absences by kind")
    func timesheet() {
        let month = CalendarMonth(iso: "2026-11")!
        // Monday 2 November to Friday 6 November, 9 hours of visits each: 5 × 1 h daily overtime.
        var days = (0..<5).map {
            TimesheetDay(
                day: CalendarDay(iso: "2026-11-02")!.adding(days: $0),
                workedMinutes: 8 * 60,
                travelMinutes: 45,
                waitingMinutes: 15,
                recorded: true
            )
        }
        // Saturday: 3 hours more, all beyond the week's 40 regular hours.
        days.append(
            TimesheetDay(
                day: CalendarDay(iso: "2026-11-07")!,
                workedMinutes: 150,
                travelMinutes: 30,
                waitingMinutes: 0,
                recorded: true
            )
        )
        // A day nothing was recorded: the plan's travel does not count.
        days.append(
            TimesheetDay(
                day: CalendarDay(iso: "2026-11-09")!,
                workedMinutes: 0,
                travelMinutes: 60,
                waitingMinutes: 10,
                recorded: false,
                unrecordedVisits: 3
            )
        )
        // The last days of October belong to October's timesheet.
        days.append(
            TimesheetDay(
                day: CalendarDay(iso: "2026-10-30")!,
                workedMinutes: 600,
                travelMinutes: 0,
                waitingMinutes: 0,
                recorded: true
            )
        )
        let absences = [
            Absence(kind: .sickness, from: CalendarDay(iso: "2026-11-12")!, until: CalendarDay(iso: "2026-11-16")!),
            Absence(kind: .leave, from: CalendarDay(iso: "2026-11-30")!, until: CalendarDay(iso: "2026-12-04")!),
        ]
        let sheet = Timesheet(month: month, days: days, absences: absences)
        #expect(sheet.workedMinutes == 5 * 480 + 150)
        #expect(sheet.travelMinutes == 5 * 45 + 30)
        #expect(sheet.waitingMinutes == 5 * 15)
        #expect(sheet.overtimeMinutes == 5 * 60 + 180)
        #expect(sheet.daysWorked == 6)
        #expect(sheet.unrecordedVisits == 3)
        // 12, 13 and 16 November are working days; 14 and 15 are a weekend.
        #expect(sheet.absenceDays == [.sickness: 3, .leave: 1])
    }
}
