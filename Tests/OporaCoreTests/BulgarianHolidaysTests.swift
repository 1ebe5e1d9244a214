import OporaCore
import Testing

@Suite("Bulgarian holidays")
struct BulgarianHolidaysTests {
    static func day(_ iso: String) -> CalendarDay { CalendarDay(iso: iso)! }

    @Test(arguments: [
        (2017, "2017-04-16"), (2021, "2021-05-02"), (2022, "2022-04-24"), (2023, "2023-04-16"),
        (2024, "2024-05-05"), (2025, "2025-04-20"), (2026, "2026-04-12"), (2027, "2027-05-02"),
    ])
    func orthodoxEaster(year: Int, easter: String) {
        #expect(BulgarianHolidays.orthodoxEaster(year: year) == Self.day(easter))
        #expect(BulgarianHolidays.orthodoxEaster(year: year)?.weekday == .sunday)
    }

    @Test func officialHolidaysOf2026() throws {
        let holidays = try #require(BulgarianHolidays.officialHolidays(year: 2026))
        #expect(holidays.count == 14)
        for iso in [
            "2026-01-01", "2026-03-03", "2026-04-10", "2026-04-11", "2026-04-12", "2026-04-13", "2026-05-01",
            "2026-05-06", "2026-05-24", "2026-09-06", "2026-09-22", "2026-12-24", "2026-12-25", "2026-12-26",
        ] {
            #expect(holidays.contains(Self.day(iso)), "\(iso)")
        }
        #expect(!holidays.contains(Self.day("2026-11-01")))
    }

    /// 2026: 24 May and 6 September fall on Sundays, 26 December on a Saturday.
    @Test func weekendHolidaysGiveTheNextWorkingDay() throws {
        let rest = try #require(BulgarianHolidays.restDays(year: 2026))
        #expect(rest.contains(Self.day("2026-05-25")))
        #expect(rest.contains(Self.day("2026-09-07")))
        #expect(rest.contains(Self.day("2026-12-28")))
        #expect(rest.count == 17)
    }

    /// 2021: 1 May was a Saturday and Easter Monday was 3 May, so the rest day was 4 May;
    /// 25 and 26 December were a weekend, so 27 and 28 December were rest days.
    @Test func substitutesSkipEasterAndEachOther() throws {
        let rest = try #require(BulgarianHolidays.restDays(year: 2021))
        #expect(rest.contains(Self.day("2021-05-04")))
        #expect(rest.contains(Self.day("2021-12-27")) && rest.contains(Self.day("2021-12-28")))
        #expect(!rest.contains(Self.day("2021-12-29")))
    }

    /// 2022: 24 and 25 December were a weekend and 26 December a Monday holiday, so the rest
    /// days were 27 and 28 December.
    @Test func substitutesSkipWeekdayHolidays() throws {
        let rest = try #require(BulgarianHolidays.restDays(year: 2022))
        #expect(rest.contains(Self.day("2022-12-27")) && rest.contains(Self.day("2022-12-28")))
        #expect(BulgarianHolidays.isWorkingDay(Self.day("2022-12-29")))
        #expect(!BulgarianHolidays.isWorkingDay(Self.day("2022-12-28")))
        #expect(!BulgarianHolidays.isWorkingDay(Self.day("2022-12-31")))
    }

    @Test func easterHolidaysOnAWeekendGiveNoExtraDay() throws {
        let rest = try #require(BulgarianHolidays.restDays(year: 2023))
        // Holy Saturday 15.04 and Easter Sunday 16.04; 17.04 is Easter Monday itself, 18.04 is worked.
        #expect(BulgarianHolidays.isWorkingDay(Self.day("2023-04-18")))
        // 1 January 2023 was a Sunday: 2 January was a rest day.
        #expect(rest.contains(Self.day("2023-01-02")))
    }

    @Test func onlyYearsUnderTheCurrentRules() {
        #expect(BulgarianHolidays.officialHolidays(year: 2016) == nil)
        #expect(BulgarianHolidays.restDays(year: 2100) == nil)
        #expect(BulgarianHolidays.orthodoxEaster(year: 1899) == nil)
        #expect(BulgarianHolidays.isWorkingDay(Self.day("2016-01-04")))
    }

    @Test func workingDayServicesSkipRestDays() throws {
        let frequency = ServiceFrequency(visits: 1, per: .workingDay, minutesPerVisit: 60)!
        let rest = try #require(BulgarianHolidays.restDays(year: 2026))
        // December 2026: 23 weekdays, less 24, 25 and 28 December.
        #expect(frequency.minutes(inYear: 2026, month: 12, holidays: rest) == 20 * 60)
    }

    /// 2027: 1 May is both Labour Day and Holy Saturday; as a non-Easter holiday on a weekend
    /// it gives a rest day, the first free working day after Easter Monday.
    @Test func labourDayOnHolySaturdayStillGivesARestDay() throws {
        let rest = try #require(BulgarianHolidays.restDays(year: 2027))
        #expect(rest.contains(Self.day("2027-05-04")))
        #expect(BulgarianHolidays.isWorkingDay(Self.day("2027-05-05")))
    }
}
