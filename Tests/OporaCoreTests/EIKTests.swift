import OporaCore
import Testing

@Suite("ЕИК")
struct EIKTests {
    /// DOMAIN §4.3 examples, both check-digit branches of both lengths.
    @Test(arguments: ["831173307", "131000161", "1310001610017", "1310001610062"])
    func workedExamplesAreValid(eik: String) throws {
        #expect(try EIK.parse(eik).value == eik)
    }

    @Test func ninthDigitFallsBackToSecondWeightsOnTen() {
        #expect(EIK.ninthDigit([8, 3, 1, 1, 7, 3, 3, 0]) == 7)
        #expect(EIK.ninthDigit([1, 3, 1, 0, 0, 0, 1, 6]) == 1)
    }

    @Test func thirteenthDigitFallsBackToSecondWeightsOnTen() {
        #expect(EIK.thirteenthDigit([1, 0, 0, 1]) == 7)
        #expect(EIK.thirteenthDigit([1, 0, 0, 6]) == 2)
    }

    @Test(arguments: [
        ("831173308", IdentifierProblem.wrongCheckDigit),
        ("131000160", .wrongCheckDigit),
        ("1310001610018", .wrongCheckDigit),
        ("8311733071234", .wrongCheckDigit),
        ("1310001620017", .wrongCheckDigit),
        ("BG831173307", .notDigits),
        ("831 173 307", .notDigits),
        ("83117330", .wrongLength(expected: [9, 13], actual: 8)),
        ("8311733070", .wrongLength(expected: [9, 13], actual: 10)),
        ("", .empty),
    ])
    func refusedWithTheReason(raw: String, problem: IdentifierProblem) {
        #expect(throws: problem) { try EIK.parse(raw) }
    }

    @Test func branchKnowsItsEntity() throws {
        let branch = try EIK.parse("1310001610062")
        #expect(branch.isBranch)
        #expect(branch.entityCode == "131000161")
        #expect(try !EIK.parse("131000161").isBranch)
        #expect(EIK.make(firstEight: 13_100_016, branch: 6)?.value == "1310001610062")
    }
}
