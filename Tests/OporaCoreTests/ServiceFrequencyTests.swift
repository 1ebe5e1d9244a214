import Foundation
import OporaCore
import Testing

@Suite("Service frequency")
struct ServiceFrequencyTests {
    @Test(arguments: [
        (3, ServiceFrequency.Period.week, 45, 135),
        (1, .day, 60, 420),
        (2, .workingDay, 120, 1_200),
        (4, .month, 60, 55),  // 240 × 12 / 52 = 55.38…
        (1, .month, 13, 3),  // 13 × 12 / 52 = 3
    ])
    func weeklyMinutes(visits: Int, period: ServiceFrequency.Period, minutes: Int, weekly: Int) throws {
        let frequency = try #require(ServiceFrequency(visits: visits, per: period, minutesPerVisit: minutes))
        #expect(frequency.weeklyMinutes == weekly)
    }

    @Test func refusesNothingAndMoreThanADay() {
        #expect(ServiceFrequency(visits: 0, per: .week, minutesPerVisit: 30) == nil)
        #expect(ServiceFrequency(visits: 1, per: .week, minutesPerVisit: 0) == nil)
        #expect(ServiceFrequency(visits: 3, per: .day, minutesPerVisit: 481) == nil)
        #expect(ServiceFrequency(visits: 3, per: .day, minutesPerVisit: 480) != nil)
        #expect(ServiceFrequency(visits: 3, per: .week, minutesPerVisit: 600) != nil)
    }

    /// Numbers from a request are checked before any product is taken: the extremes of `Int`
    /// are refused, not multiplied (4611686018427387904 × 45 used to trap the server).
    @Test(arguments: [Int.min, -1, 0, ServiceFrequency.maximumVisits + 1, 4_611_686_018_427_387_904, Int.max])
    func refusesVisitsOutOfRange(visits: Int) {
        for period in ServiceFrequency.Period.allCases {
            #expect(ServiceFrequency(visits: visits, per: period, minutesPerVisit: 45) == nil)
        }
    }

    @Test(arguments: [Int.min, -1, 0, ServiceFrequency.maximumMinutesPerVisit + 1, Int.max])
    func refusesMinutesOutOfRange(minutes: Int) {
        for period in ServiceFrequency.Period.allCases {
            #expect(ServiceFrequency(visits: 1, per: period, minutesPerVisit: minutes) == nil)
        }
    }

    @Test func decodingRefusesTheExtremes() throws {
        let json = #"{"visits":4611686018427387904,"period":"week","minutesPerVisit":45}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ServiceFrequency.self, from: Data(json.utf8)) }
        let most = try #require(ServiceFrequency(visits: 1000, per: .month, minutesPerVisit: 44))
        #expect(most.minutesPerPeriod == 44_000)
        #expect(most.weeklyMinutes > 0)
    }

    /// Bulgarian shows a decimal comma ("6,5 ч."), English a point; whole hours have no decimal.
    @Test func decimalHoursUseTheLanguagesSeparator() {
        #expect(decimalHours(390, in: .bg) == "6,5")
        #expect(decimalHours(390, in: .en) == "6.5")
        #expect(decimalHours(360, in: .bg) == "6")
        #expect(decimalHours(45, in: .bg) == "0,8")
    }

    /// November 2026 has 30 days and 21 working days; February 2026 has 28 and 20.
    @Test func minutesInACalendarMonth() {
        let daily = ServiceFrequency(visits: 1, per: .day, minutesPerVisit: 60)!
        let workingDays = ServiceFrequency(visits: 1, per: .workingDay, minutesPerVisit: 240)!
        let weekly = ServiceFrequency(visits: 2, per: .week, minutesPerVisit: 60)!
        let monthly = ServiceFrequency(visits: 2, per: .month, minutesPerVisit: 90)!
        #expect(daily.minutes(inYear: 2026, month: 11) == 30 * 60)
        #expect(workingDays.minutes(inYear: 2026, month: 11) == 21 * 240)
        #expect(workingDays.minutes(inYear: 2026, month: 2) == 20 * 240)
        #expect(weekly.minutes(inYear: 2026, month: 2) == 480)
        #expect(weekly.minutes(inYear: 2026, month: 11) == 514)  // 120 × 30 / 7 = 514.29
        #expect(monthly.minutes(inYear: 2026, month: 11) == 180)
        #expect(daily.minutes(inYear: 2026, month: 13) == 0)
    }

    @Test func holidaysOnWorkingDaysAreNotWorked() {
        let workingDays = ServiceFrequency(visits: 1, per: .workingDay, minutesPerVisit: 60)!
        // 24.12.2026 is a Thursday and 26.12.2026 a Saturday: only the first removes a working day.
        let holidays: Set<CalendarDay> = [
            CalendarDay(year: 2026, month: 12, day: 24)!, CalendarDay(year: 2026, month: 12, day: 26)!,
        ]
        #expect(workingDays.minutes(inYear: 2026, month: 12) == 23 * 60)
        #expect(workingDays.minutes(inYear: 2026, month: 12, holidays: holidays) == 22 * 60)
    }

    @Test func describedInBothLanguages() {
        let frequency = ServiceFrequency(visits: 3, per: .week, minutesPerVisit: 45)!
        #expect(frequency.description(in: .bg) == "3 посещения седмично по 45 мин.")
        #expect(frequency.description(in: .en) == "3 visits a week, 45 min each")
        #expect(
            ServiceFrequency(visits: 1, per: .workingDay, minutesPerVisit: 240)!.description(in: .en)
                == "1 visit each working day, 240 min each"
        )
        LabelTests.check(ServiceFrequency.Period.self) { $0.label(in: $1) }
    }

    @Test func hoursAndMinutesForDisplay() {
        #expect(hoursAndMinutes(135, in: .bg) == "2 ч 15 мин")
        #expect(hoursAndMinutes(120, in: .en) == "2 h")
        #expect(hoursAndMinutes(45, in: .en) == "45 min")
    }

    @Test func timeWindow() {
        #expect(TimeWindow(startMinute: 480, endMinute: 750)?.display == "08:00–12:30")
        #expect(TimeWindow(startMinute: 600, endMinute: 600) == nil)
        #expect(TimeWindow(startMinute: 0, endMinute: 1_441) == nil)
        #expect(TimeWindow(startMinute: -1, endMinute: 60) == nil)
    }

    @Test func clockTimesAsTimeInputsSendThem() {
        #expect(TimeWindow.minute(ofClock: "08:30") == 510)
        #expect(TimeWindow.minute(ofClock: "0:05") == 5)
        #expect(TimeWindow.minute(ofClock: "23:59") == 1_439)
        for bad in ["24:00", "12:60", "12", "12:", ":30", "8:30:00", "-1:30", "+8:30", "08:3a", "", "٠٨:٣٠"] {
            #expect(TimeWindow.minute(ofClock: bad) == nil, "\(bad)")
        }
        #expect(TimeWindow.clock(510) == "08:30")
    }

    @Test func decodingAppliesTheSameChecks() throws {
        let decoder = JSONDecoder()
        let frequency = try decoder.decode(
            ServiceFrequency.self,
            from: Data(#"{"visits":2,"period":"week","minutesPerVisit":60}"#.utf8)
        )
        #expect(frequency == ServiceFrequency(visits: 2, per: .week, minutesPerVisit: 60))
        #expect(throws: DecodingError.self) {
            try decoder.decode(
                ServiceFrequency.self,
                from: Data(#"{"visits":0,"period":"week","minutesPerVisit":60}"#.utf8)
            )
        }
        #expect(throws: DecodingError.self) {
            try decoder.decode(TimeWindow.self, from: Data(#"{"startMinute":600,"endMinute":540}"#.utf8))
        }
        #expect(
            try decoder.decode(TimeWindow.self, from: Data(#"{"startMinute":540,"endMinute":600}"#.utf8)).display
                == "09:00–10:00"
        )
        #expect(throws: DecodingError.self) {
            try decoder.decode(LawtonIADL.Bands.self, from: Data(#"{"severeUpTo":5,"moderateUpTo":3}"#.utf8))
        }
        #expect(
            try decoder.decode(LawtonIADL.Bands.self, from: Data(#"{"severeUpTo":2,"moderateUpTo":5}"#.utf8))
                == .default
        )
    }
}
