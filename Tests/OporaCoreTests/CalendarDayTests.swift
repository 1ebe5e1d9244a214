import Foundation
import OporaCore
import Testing

@Suite("Calendar day")
struct CalendarDayTests {
    @Test func validatesDays() {
        #expect(CalendarDay(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDay(year: 2026, month: 2, day: 29) == nil)
        #expect(CalendarDay(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDay(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDay(year: 2026, month: 4, day: 31) == nil)
        #expect(CalendarDay(year: 2026, month: 13, day: 1) == nil)
        #expect(CalendarDay(year: 2026, month: 0, day: 1) == nil)
        #expect(CalendarDay(year: 2026, month: 1, day: 0) == nil)
        #expect(CalendarDay(year: 0, month: 1, day: 1) == nil)
    }

    @Test(arguments: ["2026-11-25", "1899-01-08", "0001-01-01", "9999-12-31"])
    func isoRoundTrips(iso: String) throws {
        #expect(try #require(CalendarDay(iso: iso)).iso == iso)
    }

    @Test(arguments: [
        "2026-11-5", "26-11-25", "2026/11/25", "2026-11-25T00:00", "2026-02-30", "", "２０２６-11-25", "+026-11-25",
    ])
    func isoRefusesAnythingElse(text: String) {
        #expect(CalendarDay(iso: text) == nil)
    }

    @Test func displaysTheBulgarianWay() {
        #expect(CalendarDay(year: 2026, month: 11, day: 25)?.display == "25.11.2026")
        #expect(CalendarDay(year: 2026, month: 1, day: 5)?.display == "05.01.2026")
    }

    @Test func addingDaysCrossesMonthsYearsAndLeapDays() {
        let day = CalendarDay(year: 2024, month: 2, day: 28)!
        #expect(day.adding(days: 1).iso == "2024-02-29")
        #expect(day.adding(days: 2).iso == "2024-03-01")
        #expect(CalendarDay(year: 2026, month: 12, day: 31)!.adding(days: 1).iso == "2027-01-01")
        #expect(CalendarDay(year: 2026, month: 1, day: 1)!.adding(days: -1).iso == "2025-12-31")
        #expect(CalendarDay(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
        #expect(CalendarDay(year: 2026, month: 11, day: 25)!.daysSinceEpoch == 20_782)
    }

    @Test func weekdays() {
        #expect(CalendarDay(year: 2026, month: 11, day: 25)!.weekday == .wednesday)
        #expect(CalendarDay(year: 1970, month: 1, day: 1)!.weekday == .thursday)
        #expect(CalendarDay(year: 1969, month: 12, day: 28)!.weekday == .sunday)
    }

    @Test func ageCountsCompletedYears() {
        let birth = CalendarDay(year: 1961, month: 1, day: 4)!
        #expect(birth.age(on: CalendarDay(year: 2026, month: 1, day: 3)!) == 64)
        #expect(birth.age(on: CalendarDay(year: 2026, month: 1, day: 4)!) == 65)
        let leap = CalendarDay(year: 2000, month: 2, day: 29)!
        #expect(leap.age(on: CalendarDay(year: 2026, month: 2, day: 28)!) == 25)
        #expect(leap.age(on: CalendarDay(year: 2026, month: 3, day: 1)!) == 26)
    }

    @Test func todayIsTheDayInSofia() {
        // 2026-11-25 22:30 UTC is already 26 November in Sofia (UTC+2 in winter).
        let lateEvening = Date(timeIntervalSince1970: 1_795_645_800)
        #expect(CalendarDay.today(at: lateEvening).iso == "2026-11-26")
        // 2026-07-01 21:30 UTC is 2 July in summer time (UTC+3).
        #expect(CalendarDay.today(at: Date(timeIntervalSince1970: 1_782_941_400)).iso == "2026-07-02")
    }

    @Test func encodesAsTheISOString() throws {
        let day = CalendarDay(year: 2026, month: 11, day: 25)!
        let data = try JSONEncoder().encode([day])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-11-25"]"#)
        #expect(try JSONDecoder().decode([CalendarDay].self, from: data) == [day])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDay].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }
}

@Suite("Sofia time")
struct SofiaTimeTests {
    @Test func formatsInBulgarianLocalTime() {
        // 2026-11-25 12:05 UTC = 14:05 in Sofia (EET).
        let winter = Date(timeIntervalSince1970: 1_795_608_300)
        #expect(SofiaTime.date(winter) == "25.11.2026")
        #expect(SofiaTime.time(winter) == "14:05")
        #expect(SofiaTime.dateTime(winter) == "25.11.2026 14:05")
        // 2026-07-01 06:00 UTC = 09:00 in Sofia (EEST).
        #expect(SofiaTime.dateTime(Date(timeIntervalSince1970: 1_782_885_600)) == "01.07.2026 09:00")
        #expect(SofiaTime.zone.identifier == "Europe/Sofia")
    }
}
