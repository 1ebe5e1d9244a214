/// ЛНЧ, the personal number of a foreigner: 10 digits with no date or sex in them (DOMAIN §4.2).
///
/// The tenth digit is Σ dᵢ·wᵢ mod 10 with weights 21, 19, 17, 13, 11, 9, 7, 3, 1. A ten-digit
/// number can be valid both as an ЕГН and as an ЛНЧ, so the identifier's type is always stored
/// with it, never guessed.
public struct LNCh: Hashable, Sendable {
    public let value: String

    public static let weights = [21, 19, 17, 13, 11, 9, 7, 3, 1]

    public static func parse(_ raw: String) throws(IdentifierProblem) -> LNCh {
        let digits = try identifierDigits(raw, lengths: [10])
        guard checkDigit(digits.prefix(9)) == digits[9] else { throw .wrongCheckDigit }
        return LNCh(value: String(raw.trimmingWhitespace()))
    }

    /// The tenth digit for the first nine.
    public static func checkDigit(_ firstNine: some Sequence<Int>) -> Int {
        weightedSum(firstNine, weights) % 10
    }

    /// Completes nine digits (0…999 999 999) with their check digit.
    public static func make(firstNine: Int) -> LNCh? {
        guard (0...999_999_999).contains(firstNine) else { return nil }
        let digits = CalendarDay.pad(firstNine, 9).map { $0.wholeNumberValue! }
        return try? parse(CalendarDay.pad(firstNine, 9) + String(checkDigit(digits)))
    }

    /// The last four digits only, as for the ЕГН.
    public var masked: String { maskAllButLastFour(value) }
}
