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
}
