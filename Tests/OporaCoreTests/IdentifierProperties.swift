import OporaCore
import PropertyBased
import Testing

/// Days from 1800-01-01 to 2099-12-31, the range an ЕГН can encode.
let egnDays = Gen.int(
    in: CalendarDay(year: 1800, month: 1, day: 1)!
        .daysSinceEpoch...CalendarDay(year: 2099, month: 12, day: 31)!.daysSinceEpoch
)
.map { CalendarDay(daysSinceEpoch: $0)! }
let sexes = Gen.element(of: Sex.allCases).map { $0! }
let digits = Gen.int(in: 0...9)

@Suite("Identifier properties")
struct IdentifierProperties {
    @Test func egnMadeFromADateAndSexParsesBackToThem() async {
        await propertyCheck(count: 500, input: egnDays, sexes, Gen.int(in: 0...99)) { day, sex, serial in
            guard let egn = EGN.make(birthDate: day, sex: sex, serial: serial) else {
                #expect(day.year == 1916 && day.month == 4 && day.day <= 13)
                return
            }
            let parsed = try EGN.parse(egn.value)
            #expect(parsed == egn)
            #expect(parsed.birthDate == day)
            #expect(parsed.sex == sex)
        }
    }

    @Test func egnWithAnyOtherCheckDigitIsRefused() async {
        await propertyCheck(input: egnDays, sexes, Gen.int(in: 1...9)) { day, sex, shift in
            guard let egn = EGN.make(birthDate: day, sex: sex, serial: 42) else { return }
            let last = egn.value.last!.wholeNumberValue!
            let wrong = egn.value.dropLast() + String((last + shift) % 10)
            #expect(throws: IdentifierProblem.wrongCheckDigit) { try EGN.parse(String(wrong)) }
        }
    }

    /// The ЛНЧ weights are all odd and none is a multiple of 5, so they are units mod 10:
    /// changing any one digit always changes the check.
    @Test func lnchCatchesEverySingleDigitMistake() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...999_999_999), Gen.int(in: 0...9), Gen.int(in: 1...9)) {
            nine,
            position,
            shift in
            let lnch = LNCh.make(firstNine: nine)!
            var chars = Array(lnch.value)
            chars[position] = Character(String((chars[position].wholeNumberValue! + shift) % 10))
            #expect(throws: IdentifierProblem.wrongCheckDigit) { try LNCh.parse(String(chars)) }
        }
    }

    @Test func eikMadeFromAnyDigitsParsesBack() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...99_999_999), Gen.int(in: 0...999).optional) {
            eight,
            branch in
            let eik = try #require(EIK.make(firstEight: eight, branch: branch))
            #expect(eik.value.count == (branch == nil ? 9 : 13))
            #expect(try EIK.parse(eik.value) == eik)
            #expect(try EIK.parse(eik.entityCode).value == eik.entityCode)
        }
    }

    @Test func eikWithAnyOtherLastDigitIsRefused() async {
        await propertyCheck(input: Gen.int(in: 0...99_999_999), Gen.int(in: 0...999).optional, Gen.int(in: 1...9)) {
            eight,
            branch,
            shift in
            let eik = EIK.make(firstEight: eight, branch: branch)!
            let last = eik.value.last!.wholeNumberValue!
            #expect(throws: IdentifierProblem.wrongCheckDigit) {
                try EIK.parse(eik.value.dropLast() + String((last + shift) % 10))
            }
        }
    }

    @Test func anyStringWithANonDigitIsRefusedAsSuch() async {
        let noise = Gen.element(of: Array("abcXYZ-./ЕГН٣")).map { $0! }
        await propertyCheck(input: digits.array(of: 10), Gen.int(in: 0...9), noise) { number, position, character in
            var chars = number.map { Character(String($0)) }
            chars[position] = character
            #expect(throws: IdentifierProblem.notDigits) { try EGN.parse(String(chars)) }
            #expect(throws: IdentifierProblem.notDigits) { try LNCh.parse(String(chars)) }
        }
    }
}
