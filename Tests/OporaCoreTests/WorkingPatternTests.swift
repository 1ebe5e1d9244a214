import OporaCore
import Testing

@Suite("A member of staff's working pattern")
struct WorkingPatternTests {
    static func shift(_ weekday: Weekday, _ start: String, _ end: String) -> Shift {
        Shift(
            weekday: weekday,
            startMinute: TimeWindow.minute(ofClock: start)!,
            endMinute: TimeWindow.minute(ofClock: end)!
        )
    }

    static func day(_ iso: String) -> CalendarDay { CalendarDay(iso: iso)! }

    @Test("Two shifts a day that do not overlap, within the contract, are accepted")
    func splitShifts() {
        let pattern = WorkingPattern(
            contractHours: 30,
            shifts: [
                Self.shift(.monday, "08:00", "12:00"), Self.shift(.monday, "15:00", "18:00"),
                Self.shift(.tuesday, "08:00", "16:00"),
            ]
        )
        #expect(pattern.problems() == [])
    }

    @Test("Overlapping shifts on one day are refused, naming the later shift")
    func overlappingShifts() {
        let pattern = WorkingPattern(
            contractHours: 40,
            shifts: [
                Self.shift(.monday, "08:00", "12:00"), Self.shift(.tuesday, "11:00", "15:00"),
                Self.shift(.monday, "11:30", "14:00"),
            ]
        )
        #expect(pattern.problems() == [.shiftsOverlap(first: 0, second: 2)])
        #expect(pattern.problems().first?.field == "shifts.2")
    }

    @Test(
        "Contract hours beyond the Labour Code's 40 a week are refused, in Bulgarian and English",
        arguments: [0, 41, 168]
    )
    func contractHours(hours: Int) {
        let problems = WorkingPattern(contractHours: hours, shifts: []).problems()
        #expect(problems == [.contractHoursOutOfRange(hours)])
        #expect(problems[0].field == "contractHours")
        #expect(problems[0].message(in: .bg).contains("чл. 136"))
        #expect(problems[0].message(in: .en).contains("Art. 136"))
    }

    @Test("Shifts that add up to more than the contract are refused with both figures")
    func patternBeyondContract() {
        let shifts = [Weekday.monday, .tuesday, .wednesday].map { Self.shift($0, "08:00", "16:00") }
        let problems = WorkingPattern(contractHours: 20, shifts: shifts).problems()
        #expect(problems == [.patternBeyondContract(patternMinutes: 24 * 60, contractMinutes: 20 * 60)])
        #expect(problems[0].message(in: .bg) == "Смените са 24 ч. седмично, повече от 20 ч. по договор.")
    }

    @Test("A shift that ends before it starts or lasts beyond twelve hours is refused")
    func impossibleShifts() {
        let pattern = WorkingPattern(
            contractHours: 40,
            shifts: [Self.shift(.friday, "16:00", "08:00"), Self.shift(.saturday, "06:00", "19:00")]
        )
        #expect(pattern.problems() == [.shiftImpossible(index: 0), .shiftTooLong(index: 1)])
    }

    @Test("An absence that ends before it starts is refused")
    func absenceBackwards() {
        let pattern = WorkingPattern(
            contractHours: 40,
            shifts: [],
            absences: [Absence(kind: .sickness, from: Self.day("2026-12-10"), until: Self.day("2026-12-08"))]
        )
        #expect(pattern.problems() == [.absenceEndsBeforeItStarts(index: 0)])
        #expect(pattern.problems()[0].field == "absences.0")
    }

    @Test("No shift is worked during an absence or on a rest day")
    func shiftsOnADay() {
        let pattern = WorkingPattern(
            contractHours: 40,
            shifts: [
                Self.shift(.thursday, "08:00", "12:00"), Self.shift(.tuesday, "14:00", "18:00"),
                Self.shift(.tuesday, "08:00", "12:00"),
            ],
            absences: [Absence(kind: .leave, from: Self.day("2026-12-15"), until: Self.day("2026-12-16"))]
        )
        #expect(pattern.shifts(on: Self.day("2026-12-08")).map(\.startMinute) == [8 * 60, 14 * 60])
        #expect(pattern.shifts(on: Self.day("2026-12-15")).isEmpty)
        #expect(pattern.shifts(on: Self.day("2026-12-24")).isEmpty)
        #expect(pattern.shifts(on: Self.day("2026-12-17")).count == 1)
    }
}
