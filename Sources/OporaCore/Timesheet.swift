/// One worker's day as the timesheet counts it.
public struct TimesheetDay: Hashable, Sendable {
    public var day: CalendarDay
    /// Minutes delivered on visits (`VisitReckoning.deliveredMinutes`).
    public var workedMinutes: Int
    /// Travel between the visits and waiting before them, as the published plan has them.
    public var travelMinutes: Int
    public var waitingMinutes: Int
    /// The worker recorded something that day (a check-in or a missed visit): only then do the
    /// plan's travel and waiting count, since they were on the road.
    public var recorded: Bool
    /// Visits of the day nobody recorded: the clerk asks before paying.
    public var unrecordedVisits: Int

    public init(
        day: CalendarDay,
        workedMinutes: Int,
        travelMinutes: Int,
        waitingMinutes: Int,
        recorded: Bool,
        unrecordedVisits: Int = 0
    ) {
        self.day = day
        self.workedMinutes = workedMinutes
        self.travelMinutes = travelMinutes
        self.waitingMinutes = waitingMinutes
        self.recorded = recorded
        self.unrecordedVisits = unrecordedVisits
    }

    /// Working time of the day: visits, and travel and waiting between them when on the road.
    public var paidMinutes: Int { workedMinutes + (recorded ? travelMinutes + waitingMinutes : 0) }
}

/// A worker's month for the payroll clerk: worked, travel, waiting and overtime, and the days of
/// absence by kind.
///
/// Overtime follows the Labour Code's normal working time of 8 hours a day and 40 hours a week
/// (чл. 136 КТ): first what a day holds beyond 8 hours, then what the week's regular hours hold
/// beyond 40, counted on the day the 40th hour is passed. A week that crosses into the next
/// month counts its days from its Monday, so each month gets exactly the overtime of its days.
public struct Timesheet: Hashable, Sendable {
    public static let dayLimitMinutes = 8 * 60
    public static let weekLimitMinutes = 40 * 60

    public var month: CalendarMonth
    public var workedMinutes = 0
    public var travelMinutes = 0
    public var waitingMinutes = 0
    public var overtimeMinutes = 0
    public var daysWorked = 0
    public var unrecordedVisits = 0
    /// Working days (not rest days) of absence in the month, by kind.
    public var absenceDays: [Absence.Kind: Int] = [:]

    public var paidMinutes: Int { workedMinutes + travelMinutes + waitingMinutes }

    /// `days` may include days of the weeks around the month; only the month's are summed, the
    /// others only place the week's 40 hours.
    public init(month: CalendarMonth, days: [TimesheetDay], absences: [Absence]) {
        self.month = month
        let overtime = Self.overtime(days)
        var paidOn: [CalendarDay: Int] = [:]
        for day in days where month.contains(day.day) {
            workedMinutes += day.workedMinutes
            unrecordedVisits += day.unrecordedVisits
            if day.recorded {
                travelMinutes += day.travelMinutes
                waitingMinutes += day.waitingMinutes
            }
            paidOn[day.day, default: 0] += day.paidMinutes
        }
        // Several entries may name one day (two shifts): the day is worked, and overtimed, once.
        daysWorked = paidOn.values.filter { $0 > 0 }.count
        overtimeMinutes = paidOn.keys.reduce(0) { $0 + (overtime[$1] ?? 0) }
        for day in month.days where BulgarianHolidays.isWorkingDay(day) {
            guard let absence = absences.last(where: { $0.from <= day && day <= $0.until }) else { continue }
            absenceDays[absence.kind, default: 0] += 1
        }
    }

    /// Overtime minutes per day: beyond 8 hours that day, and beyond the week's 40 regular hours.
    public static func overtime(_ days: [TimesheetDay]) -> [CalendarDay: Int] {
        var paid: [CalendarDay: Int] = [:]
        for day in days { paid[day.day, default: 0] += day.paidMinutes }
        var result: [CalendarDay: Int] = [:]
        var regularInWeek: [CalendarDay: Int] = [:]
        for day in paid.keys.sorted() {
            let minutes = paid[day]!
            let monday = day.adding(days: -CalendarMonth.weekdayIndex(day))
            let regular = min(minutes, dayLimitMinutes)
            let before = regularInWeek[monday, default: 0]
            let after = before + regular
            regularInWeek[monday] = after
            let beyondWeek = max(0, after - max(before, weekLimitMinutes))
            result[day] = (minutes - regular) + beyondWeek
        }
        return result
    }
}
