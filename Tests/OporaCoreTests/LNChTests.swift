import OporaCore
import Testing

@Suite("ЛНЧ")
struct LNChTests {
    /// DOMAIN §4.2 examples.
    @Test(arguments: ["1234567893", "1001000004"])
    func workedExamplesAreValid(lnch: String) throws {
        #expect(try LNCh.parse(lnch).value == lnch)
    }

    @Test(arguments: [
        ("1234567890", IdentifierProblem.wrongCheckDigit),
        ("1001000005", .wrongCheckDigit),
        ("123456789", .wrongLength(expected: [10], actual: 9)),
        ("12345678a3", .notDigits),
        ("", .empty),
    ])
    func refusedWithTheReason(raw: String, problem: IdentifierProblem) {
        #expect(throws: problem) { try LNCh.parse(raw) }
    }

    @Test func checkDigitIsWeightedSumModTen() {
        #expect(LNCh.checkDigit([1, 2, 3, 4, 5, 6, 7, 8, 9]) == 3)
        #expect(LNCh.make(firstNine: 123_456_789)?.value == "1234567893")
        #expect(LNCh.make(firstNine: 1_000_000_000) == nil)
    }

    @Test func aNumberCanBeBothEGNAndLNCh() throws {
        // DOMAIN §4.2: the type must be stored, because one string can pass both checks.
        let both = (0..<100_000).lazy.compactMap { LNCh.make(firstNine: 610_104_000 + $0) }
            .first { (try? EGN.parse($0.value)) != nil }
        #expect(both != nil)
    }
}
