/// ЕГН, the Unified Civil Number: 10 digits `YYMMDDRRRC` (DOMAIN §4.1).
///
/// - Digits 1–6 are the birth date; the month carries the century: 1–12 for 1900–1999,
///   21–32 for 1800–1899, 41–52 for 2000–2099 (Order РД 02-14-637/22.06.1998).
/// - Digit 9 is even for a man and odd for a woman.
/// - Digit 10 is Σ dᵢ·wᵢ mod 11 with weights 2, 4, 8, 5, 10, 9, 7, 3, 6, and 0 for a remainder of 10.
///
/// A checksum-valid ЕГН does not prove that the person exists; it only catches typing mistakes.
public struct EGN: Hashable, Sendable {
    public let value: String
    public let birthDate: CalendarDay
    public let sex: Sex

    public static let weights = [2, 4, 8, 5, 10, 9, 7, 3, 6]

    public static func parse(_ raw: String) throws(IdentifierProblem) -> EGN {
        let digits = try identifierDigits(raw, lengths: [10])
        let yy = digits[0] * 10 + digits[1]
        let mm = digits[2] * 10 + digits[3]
        let dd = digits[4] * 10 + digits[5]
        let century: Int
        let month: Int
        switch mm {
        case 1...12: (century, month) = (1900, mm)
        case 21...32: (century, month) = (1800, mm - 20)
        case 41...52: (century, month) = (2000, mm - 40)
        default: throw .impossibleDate
        }
        guard let birthDate = CalendarDay(year: century + yy, month: month, day: dd),
            !isSkippedByCalendarReform(birthDate)
        else { throw .impossibleDate }
        guard checkDigit(digits.prefix(9)) == digits[9] else { throw .wrongCheckDigit }
        return EGN(
            value: String(raw.trimmingWhitespace()),
            birthDate: birthDate,
            sex: digits[8] % 2 == 0 ? .male : .female
        )
    }

    /// Builds a valid ЕГН for a birth date and sex; `serial` (0–99) gives the first two digits of
    /// the birth-order number and, with `sex`, picks the even or odd third one, so different
    /// serials give different numbers. Used to make numbers for demo data and tests. `nil` when
    /// the date is outside 1800–2099 or is a day Bulgaria skipped in 1916.
    public static func make(birthDate: CalendarDay, sex: Sex, serial: Int) -> EGN? {
        guard (1800...2099).contains(birthDate.year), (0...99).contains(serial),
            !isSkippedByCalendarReform(birthDate)
        else { return nil }
        let monthOffset = birthDate.year < 1900 ? 20 : birthDate.year >= 2000 ? 40 : 0
        let ninth = (sex == .male ? 0 : 1) + 2 * (serial % 5)
        var digits = [
            birthDate.year % 100 / 10, birthDate.year % 10,
            (birthDate.month + monthOffset) / 10, (birthDate.month + monthOffset) % 10,
            birthDate.day / 10, birthDate.day % 10,
            serial / 10, serial % 10, ninth,
        ]
        digits.append(checkDigit(digits))
        return try? parse(digits.map(String.init).joined())
    }

    /// The tenth digit for the first nine.
    public static func checkDigit(_ firstNine: some Sequence<Int>) -> Int {
        let remainder = weightedSum(firstNine, weights) % 11
        return remainder == 10 ? 0 : remainder
    }

    /// Bulgaria moved to the Gregorian calendar in 1916: 31 March was followed by 14 April,
    /// so nobody was born on 1–13 April 1916 (DOMAIN §4.1, as the `egn` package checks).
    static func isSkippedByCalendarReform(_ day: CalendarDay) -> Bool {
        day.year == 1916 && day.month == 4 && day.day <= 13
    }

    /// The last four digits only, for lists and logs (DOMAIN §6.1: mask ЕГН in lists); the
    /// first six would give away the birth date.
    public var masked: String { maskAllButLastFour(value) }
}

/// `******7500`.
public func maskAllButLastFour(_ value: String) -> String {
    String(repeating: "*", count: max(0, value.count - 4)) + value.suffix(4)
}
