import Foundation

/// One visit a support plan asks for in a given week, before anyone is assigned to it.
public struct DemandVisit: Hashable, Sendable {
    /// A service of the register, or personal assistance, which the Personal Assistance Act
    /// governs rather than the register.
    public enum Source: Hashable, Sendable {
        case service(UUID, SocialServiceType)
        case personalAssistance
        /// A visit a coordinator added for one week only, outside the plan's frequency.
        case oneOff
    }

    public var day: CalendarDay
    public var source: Source
    /// When the visit may take place; the plan's preferred time, or the working day.
    public var window: TimeWindow
    public var minutes: Int
    /// The worker the person chose: a hard choice for the planner whenever that worker works.
    public var chosenWorkerID: UUID?
    /// A preference for when the chosen worker is away.
    public var substituteWorkerID: UUID?

    public init(
        day: CalendarDay,
        source: Source,
        window: TimeWindow,
        minutes: Int,
        chosenWorkerID: UUID? = nil,
        substituteWorkerID: UUID? = nil
    ) {
        self.day = day
        self.source = source
        self.window = window
        self.minutes = minutes
        self.chosenWorkerID = chosenWorkerID
        self.substituteWorkerID = substituteWorkerID
    }
}

/// A person's visits in one week, with the minutes the plan asks for beside the minutes
/// generated, so a coordinator sees where holidays or a plan starting mid-week made the
/// difference.
public struct WeekDemand: Hashable, Sendable {
    public var visits: [DemandVisit]
    /// The plan's minutes in an average week (`ServiceFrequency.weeklyMinutes`, every service).
    public var plannedWeeklyMinutes: Int
    public var generatedMinutes: Int { visits.reduce(0) { $0 + $1.minutes } }
    /// Personal-assistance minutes of the week beyond the week's share of the monthly
    /// entitlement (`monthlyHours` × 12 / 52 weeks); zero when within it or without a grant.
    public var minutesBeyondEntitlement: Int
}

/// Turns a support plan into the visits of one week (issue 12, "Demand").
///
/// The rules, in order:
/// - a suspended case asks for no visits; a plan counts only from its start day and up to the day
///   its case closed (or the plan was replaced), so a plan that starts or ends mid-week asks for
///   the part of the week it covers;
/// - no visit falls on a rest day of the Labour Code (`BulgarianHolidays.restDays`), nor on a
///   weekend, unless the person named that weekday among the preferred days or the service is
///   daily;
/// - daily and working-day services repeat their visits on every such day; weekly ones take the
///   preferred days first, then the other days spread over the week; a week only partly covered
///   by the plan asks for that share of the weekly visits, rounded to the nearest; monthly ones
///   spread their visits over the month's working days, so the weeks of a month add up to the
///   month's visits.
public enum VisitDemandRule {
    /// The window of a visit whose plan names no preferred time: the working day in home care.
    public static let defaultWindow = TimeWindow(startMinute: 8 * 60, endMinute: 18 * 60)!

    public static func week(
        of plan: SupportPlan,
        monday: CalendarDay,
        activeUntil: CalendarDay? = nil,
        suspended: Bool = false
    ) -> WeekDemand {
        let planned =
            plan.services.reduce(0) { $0 + $1.frequency.weeklyMinutes }
            + (plan.personalAssistance?.frequency?.weeklyMinutes ?? 0)
        guard !suspended else {
            return WeekDemand(visits: [], plannedWeeklyMinutes: planned, minutesBeyondEntitlement: 0)
        }
        let days = (0..<7).map { monday.adding(days: $0) }
        let active = days.filter { day in day >= plan.startDate && (activeUntil.map { day <= $0 } ?? true) }
        var visits: [DemandVisit] = []
        for service in plan.services {
            visits += self.visits(
                of: service.frequency,
                preferred: service.preferredDays,
                days: days,
                active: active
            ).map { day in
                DemandVisit(
                    day: day,
                    source: .service(service.serviceID, service.type),
                    window: service.preferredTime ?? defaultWindow,
                    minutes: service.frequency.minutesPerVisit,
                    chosenWorkerID: service.chosenWorkerID,
                    substituteWorkerID: service.substituteWorkerID
                )
            }
        }
        var beyond = 0
        if let grant = plan.personalAssistance, let frequency = grant.frequency {
            let assistance = self.visits(of: frequency, preferred: [], days: days, active: active).map { day in
                DemandVisit(
                    day: day,
                    source: .personalAssistance,
                    window: defaultWindow,
                    minutes: frequency.minutesPerVisit,
                    chosenWorkerID: grant.assistantID,
                    substituteWorkerID: grant.substituteAssistantID
                )
            }
            visits += assistance
            let weekShare = (grant.monthlyHours * 60 * 12 + 26) / 52
            beyond = max(0, assistance.reduce(0) { $0 + $1.minutes } - weekShare)
        }
        visits.sort { ($0.day, $0.window.startMinute) < ($1.day, $1.window.startMinute) }
        return WeekDemand(visits: visits, plannedWeeklyMinutes: planned, minutesBeyondEntitlement: beyond)
    }

    /// The days of the week that get a visit, one entry per visit.
    static func visits(
        of frequency: ServiceFrequency,
        preferred: Set<Weekday>,
        days: [CalendarDay],
        active: [CalendarDay]
    ) -> [CalendarDay] {
        let open = active.filter { isOpen($0, preferred: preferred) }
        switch frequency.period {
        case .day:
            return active.flatMap { Array(repeating: $0, count: frequency.visits) }
        case .workingDay:
            return open.filter { BulgarianHolidays.isWorkingDay($0) }.flatMap {
                Array(repeating: $0, count: frequency.visits)
            }
        case .week:
            let share = (frequency.visits * active.count * 2 + 7) / 14
            return spread(share, over: open, preferred: preferred)
        case .month:
            return monthly(frequency.visits, days: days, active: active, preferred: preferred)
        }
    }

    /// A working day, or a weekend day the person asked for; never a rest day.
    static func isOpen(_ day: CalendarDay, preferred: Set<Weekday>) -> Bool {
        if BulgarianHolidays.restDays(year: day.year)?.contains(day) == true { return false }
        return day.weekday.isWorkingDay || preferred.contains(day.weekday)
    }

    /// `count` visits over the open days: preferred days first, then the others at even steps;
    /// more visits than days put a second visit on the same days in the same order.
    static func spread(_ count: Int, over open: [CalendarDay], preferred: Set<Weekday>) -> [CalendarDay] {
        guard count > 0, !open.isEmpty else { return [] }
        let first = open.filter { preferred.contains($0.weekday) }
        let others = open.filter { !preferred.contains($0.weekday) }
        var order = first
        for day in evenOrder(others) where !order.contains(day) { order.append(day) }
        return (0..<count).map { order[$0 % order.count] }.sorted()
    }

    /// The days in an order that keeps consecutive picks apart: Monday, Wednesday, Friday,
    /// Tuesday, Thursday for a working week.
    static func evenOrder(_ days: [CalendarDay]) -> [CalendarDay] {
        stride(from: 0, to: days.count, by: 2).map { days[$0] }
            + stride(from: 1, to: days.count, by: 2).map { days[$0] }
    }

    /// The month's visits spread over its open days (`floor((i + ½) · n / v)`), so the visits of
    /// every week of the month add up to the month's; those of this week's active days are kept.
    static func monthly(
        _ count: Int,
        days: [CalendarDay],
        active: [CalendarDay],
        preferred: Set<Weekday>
    ) -> [CalendarDay] {
        var result: [CalendarDay] = []
        for month in Set(days.map { [$0.year, $0.month] }) {
            guard let first = CalendarDay(year: month[0], month: month[1], day: 1) else { continue }
            let monthDays = (0..<CalendarDay.daysInMonth(year: month[0], month: month[1])).map {
                first.adding(days: $0)
            }
            var open = monthDays.filter {
                isOpen($0, preferred: preferred) && (preferred.isEmpty || preferred.contains($0.weekday))
            }
            if open.isEmpty { open = monthDays.filter { isOpen($0, preferred: []) } }
            guard !open.isEmpty, count > 0 else { continue }
            for index in 0..<count {
                let day = open[(2 * index + 1) * open.count / (2 * count)]
                if active.contains(day) { result.append(day) }
            }
        }
        return result.sorted()
    }
}
