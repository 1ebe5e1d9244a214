/// Parts of a week, as the hours someone is free or wants help: per weekday, disjoint intervals of
/// minutes after midnight, sorted. Overlapping or touching intervals are merged when built, so a
/// minute is counted once however many services ask for it.
public struct WeeklyTimes: Hashable, Sendable {
    public private(set) var intervals: [Weekday: [TimeWindow]] = [:]

    public init() {}

    public init(_ parts: [(Weekday, TimeWindow)]) {
        for (day, window) in parts { add(window, on: day) }
    }

    /// A worker's or candidate's weekly shifts as times.
    public init(shifts: [Shift]) {
        for shift in shifts {
            if let window = TimeWindow(startMinute: shift.startMinute, endMinute: shift.endMinute) {
                add(window, on: shift.weekday)
            }
        }
    }

    public mutating func add(_ window: TimeWindow, on day: Weekday) {
        var all = (intervals[day] ?? []) + [window]
        all.sort { $0.startMinute < $1.startMinute }
        var merged: [TimeWindow] = []
        for next in all {
            if let last = merged.last, next.startMinute <= last.endMinute {
                merged[merged.count - 1] = TimeWindow(
                    startMinute: last.startMinute,
                    endMinute: max(last.endMinute, next.endMinute)
                )!
            } else {
                merged.append(next)
            }
        }
        intervals[day] = merged
    }

    public var isEmpty: Bool { intervals.values.allSatisfy(\.isEmpty) }

    /// Minutes in the week.
    public var minutes: Int {
        intervals.values.reduce(0) { total, windows in
            windows.reduce(total) { $0 + $1.endMinute - $1.startMinute }
        }
    }

    /// The times both cover, day by day.
    public func intersection(_ other: WeeklyTimes) -> WeeklyTimes {
        var out = WeeklyTimes()
        for day in Weekday.allCases {
            for a in intervals[day] ?? [] {
                for b in other.intervals[day] ?? [] {
                    if let common = TimeWindow(
                        startMinute: max(a.startMinute, b.startMinute),
                        endMinute: min(a.endMinute, b.endMinute)
                    ) {
                        out.add(common, on: day)
                    }
                }
            }
        }
        return out
    }

    /// Minutes both cover in the week.
    public func overlapMinutes(with other: WeeklyTimes) -> Int { intersection(other).minutes }

    /// The days that have any time, in the week's order.
    public var days: [Weekday] { Weekday.allCases.filter { !(intervals[$0] ?? []).isEmpty } }
}
