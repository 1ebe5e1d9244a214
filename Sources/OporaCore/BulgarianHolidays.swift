/// Official holidays and the rest days they bring, under the Labour Code (Кодекс на труда),
/// чл. 154, as in force since 1.01.2017 (SG No 105/2016). Working-day services, timesheets and
/// personal-assistance hours count working days with these removed.
///
/// - ал. 1: 1 January, 3 March, 1 May, 6 May, 24 May, 6 September, 22 September, 24, 25 and
///   26 December, and Orthodox Good Friday, Holy Saturday, Easter Sunday and Easter Monday.
///   (1 November is a day off for schools only, so it is not here.)
/// - ал. 2: when one of them other than the Easter days falls on a Saturday or Sunday, the first
///   working day after it is a rest day as well (two weekend holidays give two such days).
///
/// The Council of Ministers also moves single working days by decision each year; those are
/// not a rule and are passed in by the caller.
public enum BulgarianHolidays {
    /// The first year the current rules apply.
    public static let firstYear = 2017

    /// Orthodox Easter Sunday: the Julian computus (Meeus), moved by the 13 days between the
    /// Julian and Gregorian calendars in 1900–2099. `nil` outside those years.
    public static func orthodoxEaster(year: Int) -> CalendarDay? {
        guard (1900...2099).contains(year) else { return nil }
        let d = (19 * (year % 19) + 15) % 30
        let e = (2 * (year % 4) + 4 * (year % 7) - d + 34) % 7
        let julianMonth = (d + e + 114) / 31
        let julianDay = (d + e + 114) % 31 + 1
        return CalendarDay(year: year, month: julianMonth, day: julianDay)!.adding(days: 13)
    }

    /// The holidays of ал. 1 in `year`; `nil` before 2017 or after 2099.
    public static func officialHolidays(year: Int) -> Set<CalendarDay>? {
        guard year >= firstYear, let easter = orthodoxEaster(year: year) else { return nil }
        return Set(fixedHolidays(year: year) + easterHolidays(easter))
    }

    /// Official holidays and the rest days of ал. 2 in `year`; `nil` before 2017 or after 2099.
    public static func restDays(year: Int) -> Set<CalendarDay>? {
        guard let holidays = officialHolidays(year: year) else { return nil }
        var restDays = holidays
        // In date order, so two weekend holidays in a row take the next two free working days.
        // A December substitute always falls by the 28th, so none crosses into the next year.
        for holiday in fixedHolidays(year: year) where !holiday.weekday.isWorkingDay {
            var candidate = holiday.adding(days: 1)
            while !candidate.weekday.isWorkingDay || restDays.contains(candidate) {
                candidate = candidate.adding(days: 1)
            }
            restDays.insert(candidate)
        }
        return restDays
    }

    /// Monday to Friday and not a rest day.
    public static func isWorkingDay(_ day: CalendarDay) -> Bool {
        day.weekday.isWorkingDay && !(restDays(year: day.year)?.contains(day) ?? false)
    }

    private static func fixedHolidays(year: Int) -> [CalendarDay] {
        [(1, 1), (3, 3), (5, 1), (5, 6), (5, 24), (9, 6), (9, 22), (12, 24), (12, 25), (12, 26)]
            .map { CalendarDay(year: year, month: $0.0, day: $0.1)! }
    }

    private static func easterHolidays(_ easter: CalendarDay) -> [CalendarDay] {
        (-2...1).map { easter.adding(days: $0) }
    }
}
