import Fluent
import Foundation
import OporaCore

/// A centre's month of visits counted every way the manager reads it: per person, per service,
/// per worker, and each person's personal assistance against their grant. One bounded read of
/// the ledger; every visit is reckoned once by `VisitReckoning`.
struct MonthHours: Sendable {
    var month: CalendarMonth
    /// The month's weeks without a published plan; all of them means there is nothing to count.
    var weeksWithoutPlan: [CalendarDay]
    var total = HoursTally()
    var byPerson: [UUID: HoursTally] = [:]
    var bySource: [VisitSource: HoursTally] = [:]
    var byWorker: [UUID: HoursTally] = [:]
    var assistanceByPerson: [UUID: HoursTally] = [:]
    var visits: [LedgerVisit] = []

    var hasPublishedPlan: Bool { weeksWithoutPlan.count < month.weekMondays.count }

    init(month: CalendarMonth, weeksWithoutPlan: [CalendarDay], visits: [LedgerVisit]) {
        self.month = month
        self.weeksWithoutPlan = weeksWithoutPlan
        self.visits = visits.filter { month.contains($0.day) }
        for visit in self.visits {
            var tally = HoursTally()
            tally.add(visit.reckoning, missedReason: visit.record.missed, inForce: visit.inForce, due: visit.due)
            total.add(tally)
            byPerson[visit.personID, default: HoursTally()].add(tally)
            bySource[visit.source, default: HoursTally()].add(tally)
            byWorker[visit.workerID, default: HoursTally()].add(tally)
            if visit.source == .personalAssistance {
                assistanceByPerson[visit.personID, default: HoursTally()].add(tally)
            }
        }
    }

    static func load(
        provider: UUID,
        month: CalendarMonth,
        now: Date,
        _ scope: AccessScope,
        on db: any Database
    ) async throws
        -> MonthHours
    {
        let weeks = month.weekMondays
        let published = try await HoursStore.publishedWeeks(provider: provider, weeks: weeks, scope, on: db)
        let visits = try await HoursStore.visits(
            provider: provider,
            from: month.firstDay,
            through: month.lastDay,
            now: now,
            scope,
            on: db
        )
        return MonthHours(
            month: month,
            weeksWithoutPlan: weeks.filter { !published.contains($0.iso) },
            visits: visits
        )
    }

    /// Each person's use of their grant this month, for those with a grant or with personal
    /// assistance delivered.
    func entitlements(grants: [UUID: [GrantPeriod]], today: CalendarDay) -> [UUID: EntitlementUse] {
        var result: [UUID: EntitlementUse] = [:]
        for person in Set(grants.keys).union(assistanceByPerson.keys) {
            let tally = assistanceByPerson[person] ?? HoursTally()
            result[person] = EntitlementUse(
                month: month,
                grants: grants[person] ?? [],
                plannedMinutes: tally.plannedMinutes,
                deliveredMinutes: tally.deliveredMinutes,
                today: today
            )
        }
        return result.filter { $0.value.flag != .noGrant }
    }
}

/// The month's timesheets: each worker's days from the Monday of the month's first week, so the
/// week's 40 hours are placed right, with the plan's travel and waiting and their absences.
struct MonthTimesheets: Sendable {
    var month: CalendarMonth
    var weeksWithoutPlan: [CalendarDay]
    var sheets: [UUID: Timesheet]

    var hasPublishedPlan: Bool { weeksWithoutPlan.count < month.weekMondays.count }

    static func load(
        provider: UUID,
        month: CalendarMonth,
        now: Date,
        _ scope: AccessScope,
        on db: any Database
    ) async throws
        -> MonthTimesheets
    {
        let weeks = month.weekMondays
        let from = weeks.first!
        let through = weeks.last!.adding(days: 6)
        let published = try await HoursStore.publishedWeeks(provider: provider, weeks: weeks, scope, on: db)
        let visits = try await HoursStore.visits(
            provider: provider,
            from: from,
            through: through,
            now: now,
            scope,
            on: db
        )
        let planned = try await HoursStore.workerDays(provider: provider, weeks: weeks, scope, on: db)
        let absences = try await HoursStore.absences(
            provider: provider,
            from: month.firstDay,
            through: month.lastDay,
            scope,
            on: db
        )
        return MonthTimesheets(
            month: month,
            weeksWithoutPlan: weeks.filter { !published.contains($0.iso) },
            sheets: sheets(month: month, visits: visits, planned: planned, absences: absences)
        )
    }

    struct DayKey: Hashable {
        var worker: UUID
        var day: CalendarDay
    }

    static func sheets(
        month: CalendarMonth,
        visits: [LedgerVisit],
        planned: [HoursStore.WorkerDayFigures],
        absences: [UUID: [Absence]]
    ) -> [UUID: Timesheet] {
        var days: [DayKey: TimesheetDay] = [:]
        func entry(_ key: DayKey) -> TimesheetDay {
            days[key]
                ?? TimesheetDay(day: key.day, workedMinutes: 0, travelMinutes: 0, waitingMinutes: 0, recorded: false)
        }
        for visit in visits {
            let key = DayKey(worker: visit.workerID, day: visit.day)
            var day = entry(key)
            let reckoning = visit.reckoning
            day.workedMinutes += reckoning.deliveredMinutes
            if reckoning.outcome == .notRecorded {
                if visit.inForce && visit.due { day.unrecordedVisits += 1 }
            } else {
                day.recorded = true
            }
            days[key] = day
        }
        for figures in planned {
            let key = DayKey(worker: figures.workerID, day: figures.day)
            var day = entry(key)
            day.travelMinutes += figures.travelMinutes
            day.waitingMinutes += figures.waitingMinutes
            days[key] = day
        }
        let byWorker = Dictionary(grouping: days, by: { $0.key.worker })
        var result: [UUID: Timesheet] = [:]
        for worker in Set(byWorker.keys).union(absences.keys) {
            let sheet = Timesheet(
                month: month,
                days: (byWorker[worker] ?? []).map(\.value),
                absences: absences[worker] ?? []
            )
            if sheet.paidMinutes > 0 || sheet.unrecordedVisits > 0 || !sheet.absenceDays.isEmpty {
                result[worker] = sheet
            }
        }
        return result
    }
}
