import OporaCore
import Testing

@Suite("ЕГН")
struct EGNTests {
    /// DOMAIN §4.1 worked examples, cross-checked there against three independent implementations.
    @Test(arguments: [
        ("6101047500", "1961-01-04", Sex.male),
        ("7501020018", "1975-01-02", Sex.female),
        ("0341151233", "2003-01-15", Sex.female),
        ("0052290029", "2000-12-29", Sex.male),
        ("9921080010", "1899-01-08", Sex.female),
        ("8812102466", "1988-12-10", Sex.male),
    ])
    func workedExamplesAreValid(egn: String, birthDate: String, sex: Sex) throws {
        let parsed = try EGN.parse(egn)
        #expect(parsed.value == egn)
        #expect(parsed.birthDate == CalendarDay(iso: birthDate))
        #expect(parsed.sex == sex)
    }

    @Test func pressExampleFailsTheChecksum() {
        #expect(throws: IdentifierProblem.wrongCheckDigit) { try EGN.parse("8812102461") }
    }

    @Test func surroundingWhitespaceIsForgiven() throws {
        #expect(try EGN.parse("  6101047500\n").value == "6101047500")
    }

    @Test(arguments: [
        ("", IdentifierProblem.empty),
        ("   ", .empty),
        ("610104750", .wrongLength(expected: [10], actual: 9)),
        ("61010475000", .wrongLength(expected: [10], actual: 11)),
        ("61010 47500", .notDigits),
        ("610104750O", .notDigits),
        ("６１０１０４７５００", .notDigits),
        ("6113047500", .impossibleDate),
        ("6100047500", .impossibleDate),
        ("6133047500", .impossibleDate),
        ("6153047500", .impossibleDate),
        ("6102300000", .impossibleDate),
        ("0142290000", .impossibleDate),
        ("1604050000", .impossibleDate),
        ("6101047501", .wrongCheckDigit),
    ])
    func refusedWithTheReason(raw: String, problem: IdentifierProblem) {
        #expect(throws: problem) { try EGN.parse(raw) }
    }

    @Test func leapDayIn2000sIsAccepted() throws {
        let egn = try #require(
            EGN.make(birthDate: CalendarDay(year: 2024, month: 2, day: 29)!, sex: .female, serial: 7)
        )
        #expect(egn.value.hasPrefix("244229"))
        #expect(try EGN.parse(egn.value).birthDate.iso == "2024-02-29")
    }

    @Test func daysSkippedBy1916CalendarReformAreRefused() {
        for day in 1...13 {
            #expect(EGN.make(birthDate: CalendarDay(year: 1916, month: 4, day: day)!, sex: .male, serial: 1) == nil)
        }
        #expect(EGN.make(birthDate: CalendarDay(year: 1916, month: 3, day: 31)!, sex: .male, serial: 1) != nil)
        #expect(EGN.make(birthDate: CalendarDay(year: 1916, month: 4, day: 14)!, sex: .male, serial: 1) != nil)
    }

    @Test func makeOutsideEncodableCenturiesIsNil() {
        #expect(EGN.make(birthDate: CalendarDay(year: 1799, month: 12, day: 31)!, sex: .male, serial: 0) == nil)
        #expect(EGN.make(birthDate: CalendarDay(year: 2100, month: 1, day: 1)!, sex: .male, serial: 0) == nil)
        #expect(EGN.make(birthDate: CalendarDay(year: 1950, month: 1, day: 1)!, sex: .male, serial: 100) == nil)
    }

    @Test func checkDigitUsesPowersOfTwoModEleven() {
        #expect(EGN.weights == (1...9).map { (1 << $0) % 11 })
        #expect(EGN.checkDigit([9, 9, 2, 1, 0, 8, 0, 0, 1]) == 0)
    }

    @Test func maskedShowsOnlyTheLastFourDigits() throws {
        #expect(try EGN.parse("6101047500").masked == "******7500")
    }
}
