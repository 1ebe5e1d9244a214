import Foundation
import OporaCore
import PropertyBased
import Testing

let anyDay = Gen.int(
    in: CalendarDay(year: 1, month: 1, day: 1)!
        .daysSinceEpoch...CalendarDay(year: 9999, month: 12, day: 31)!.daysSinceEpoch
)
.map { CalendarDay(daysSinceEpoch: $0)! }

@Suite("Calendar properties")
struct CalendarProperties {
    @Test func isoAndJSONRoundTrip() async {
        await propertyCheck(count: 300, input: anyDay) { day in
            #expect(CalendarDay(iso: day.iso) == day)
            #expect(CalendarDay(daysSinceEpoch: day.daysSinceEpoch) == day)
            let json = try JSONEncoder().encode(day)
            #expect(try JSONDecoder().decode(CalendarDay.self, from: json) == day)
        }
    }

    @Test func nextDayIsTheCalendarsNextDay() async {
        await propertyCheck(count: 300, input: egnDays) { day in
            let next = day.adding(days: 1)
            if day.day < CalendarDay.daysInMonth(year: day.year, month: day.month) {
                #expect(next == CalendarDay(year: day.year, month: day.month, day: day.day + 1))
            } else if day.month < 12 {
                #expect(next == CalendarDay(year: day.year, month: day.month + 1, day: 1))
            } else {
                #expect(next == CalendarDay(year: day.year + 1, month: 1, day: 1))
            }
            #expect(Weekday.allCases[(Weekday.allCases.firstIndex(of: day.weekday)! + 1) % 7] == next.weekday)
        }
    }

    @Test func addingThenSubtractingReturnsAndOrderFollowsDayNumbers() async {
        await propertyCheck(input: egnDays, egnDays, Gen.int(in: -20_000...20_000)) { a, b, n in
            #expect(a.adding(days: n).adding(days: -n) == a)
            #expect(a.days(until: a.adding(days: n)) == n)
            #expect((a < b) == (a.daysSinceEpoch < b.daysSinceEpoch))
        }
    }

    @Test func ageGrowsByOneOnEachBirthday() async {
        await propertyCheck(input: egnDays, Gen.int(in: 0...110)) { birth, years in
            let year = birth.year + years
            let birthday = CalendarDay(
                year: year,
                month: birth.month,
                day: min(birth.day, CalendarDay.daysInMonth(year: year, month: birth.month))
            )!
            let onBirthday = birth.age(on: birthday)
            // On 28 February of a common year, someone born on 29 February is still a year younger.
            #expect(onBirthday == (birthday.day == birth.day ? years : years - 1))
            #expect(birth.age(on: birthday.adding(days: -1)) == years - 1 || birthday.day != birth.day)
        }
    }

    @Test func sofiaTimeAgreesWithFoundationsFormatter() async {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Sofia")
        formatter.dateFormat = "dd.MM.yyyy HH:mm"
        await propertyCheck(count: 300, input: Gen.int(in: 0...4_102_444_800)) { seconds in
            let instant = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(SofiaTime.dateTime(instant) == formatter.string(from: instant))
            #expect(CalendarDay.today(at: instant).display == SofiaTime.date(instant))
        }
    }

    /// Orthodox Easter falls on a Sunday between 4 April and 8 May in 1900–2099.
    @Test func orthodoxEasterIsASpringSunday() async {
        await propertyCheck(input: Gen.int(in: 1900...2099)) { year in
            let easter = try #require(BulgarianHolidays.orthodoxEaster(year: year))
            #expect(easter.weekday == .sunday)
            #expect(
                CalendarDay(year: year, month: 4, day: 4)! <= easter
                    && easter <= CalendarDay(year: year, month: 5, day: 8)!
            )
        }
    }

    /// Each fixed-date holiday on a weekend adds exactly one working weekday to the rest days,
    /// also when it coincides with an Easter day (1 May 2027 is Holy Saturday).
    @Test func everyWeekendHolidayGetsOneWorkingDay() async {
        let fixed = [(1, 1), (3, 3), (5, 1), (5, 6), (5, 24), (9, 6), (9, 22), (12, 24), (12, 25), (12, 26)]
        await propertyCheck(input: Gen.int(in: BulgarianHolidays.firstYear...2099)) { year in
            let holidays = try #require(BulgarianHolidays.officialHolidays(year: year))
            let rest = try #require(BulgarianHolidays.restDays(year: year))
            let weekendFixed = fixed.map { CalendarDay(year: year, month: $0.0, day: $0.1)! }
                .filter { !$0.weekday.isWorkingDay }
            let added = rest.subtracting(holidays)
            #expect(rest.isSuperset(of: holidays))
            #expect(added.count == weekendFixed.count)
            #expect(added.allSatisfy { $0.weekday.isWorkingDay && $0.year == year })
        }
    }
}
