/// ЕИК / БУЛСТАТ, the Unified Identification Code of a legal entity: 9 digits, or 13 for a
/// branch or unit (DOMAIN §4.3).
///
/// - 9th digit: Σ dᵢ·i (i = 1…8) mod 11; on 10, again with weights 3…10; on 10 again, 0.
/// - 13th digit: the first nine must be valid; then digits 9–12 with weights 2, 7, 3, 5 mod 11;
///   on 10, weights 4, 9, 5, 7; on 10 again, 0.
///
/// Only the bare digits are accepted: a "BG" VAT prefix is refused as not digits, as the
/// `panda-coop-eik` reference implementation refuses it.
public struct EIK: Hashable, Sendable {
    public let value: String

    public static func parse(_ raw: String) throws(IdentifierProblem) -> EIK {
        let digits = try identifierDigits(raw, lengths: [9, 13])
        guard ninthDigit(digits.prefix(8)) == digits[8] else { throw .wrongCheckDigit }
        if digits.count == 13, thirteenthDigit(digits[8..<12]) != digits[12] {
            throw .wrongCheckDigit
        }
        return EIK(value: String(raw.trimmingWhitespace()))
    }

    /// A branch's code is its parent's nine digits followed by four more.
    public var isBranch: Bool { value.count == 13 }

    /// The nine-digit code of the entity itself (for a branch, its parent).
    public var entityCode: String { String(value.prefix(9)) }

    /// The check digit for digits 1–8.
    public static func ninthDigit(_ firstEight: some Sequence<Int>) -> Int {
        checkDigit(Array(firstEight), [1, 2, 3, 4, 5, 6, 7, 8], [3, 4, 5, 6, 7, 8, 9, 10])
    }

    /// The check digit for digits 9–12 of a 13-digit code.
    public static func thirteenthDigit(_ ninthToTwelfth: some Sequence<Int>) -> Int {
        checkDigit(Array(ninthToTwelfth), [2, 7, 3, 5], [4, 9, 5, 7])
    }

    /// A valid nine-digit code from eight digits (0…99 999 999), or a branch code from those
    /// and a three-digit unit number; for demo data and tests.
    public static func make(firstEight: Int, branch: Int? = nil) -> EIK? {
        guard (0...99_999_999).contains(firstEight) else { return nil }
        var digits = CalendarDay.pad(firstEight, 8).map { $0.wholeNumberValue! }
        digits.append(ninthDigit(digits))
        if let branch {
            guard (0...999).contains(branch) else { return nil }
            digits += CalendarDay.pad(branch, 3).map { $0.wholeNumberValue! }
            digits.append(thirteenthDigit(digits[8..<12]))
        }
        return try? parse(digits.map(String.init).joined())
    }

    private static func checkDigit(_ digits: [Int], _ first: [Int], _ second: [Int]) -> Int {
        let remainder = weightedSum(digits, first) % 11
        guard remainder == 10 else { return remainder }
        let again = weightedSum(digits, second) % 11
        return again == 10 ? 0 : again
    }
}
