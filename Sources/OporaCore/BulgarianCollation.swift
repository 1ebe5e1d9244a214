import Foundation

/// Sorting of names in Bulgarian alphabetical order (issue 2: "names sorted in Bulgarian
/// alphabetical order").
///
/// Unicode scalar order already puts а…я in Bulgarian order except for the letters Russian adds
/// (ы, э, ё), and it puts Latin before Cyrillic and capitals before small letters; a database's
/// default collation may do anything. `sortKey` spells the Bulgarian order out in characters whose
/// byte order and locale order agree, so `ORDER BY sort_key` sorts the same on SQLite and on
/// PostgreSQL whatever collation the column has.
///
/// Order of characters: word separators, then digits, then the 30 letters of the Bulgarian
/// alphabet, then other Cyrillic letters, then Latin letters, then everything else. Case is
/// ignored; a letter with a diacritic sorts as its base letter (ѝ as и, é as e), except й,
/// which is a letter of its own.
public enum BulgarianCollation {
    /// The Bulgarian alphabet in its official order.
    public static let alphabet: [Character] = Array("абвгдежзийклмнопрстуфхцчшщъьюя")

    /// Compares by `sortKey`; strings whose keys are equal (they differ only in case, diacritics
    /// or punctuation) fall back to Unicode order so that the order is total and repeatable.
    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        let keyA = sortKey(a)
        let keyB = sortKey(b)
        if keyA != keyB { return keyA < keyB }
        return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    /// A string of `0-9a-z` whose plain byte order is the Bulgarian alphabetical order of `s`.
    ///
    /// Each character becomes a two-symbol base-36 code; characters outside the known groups
    /// become `zz` followed by their scalar value in four symbols, so the code stays prefix-free
    /// and order-preserving. Runs of spaces and punctuation count as one separator, which sorts
    /// first so that "Иван Петров" comes before "Иванов".
    public static func sortKey(_ s: String) -> String {
        var key = ""
        var pendingSeparator = false
        for scalar in s.lowercased().unicodeScalars {
            if let rank = rank(of: scalar) {
                if pendingSeparator, !key.isEmpty { key += code(separatorRank) }
                pendingSeparator = false
                key += code(rank)
            } else if let base = baseLetter(of: scalar), let rank = rank(of: base) {
                if pendingSeparator, !key.isEmpty { key += code(separatorRank) }
                pendingSeparator = false
                key += code(rank)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingSeparator, !key.isEmpty { key += code(separatorRank) }
                pendingSeparator = false
                key += "zz" + base36(Int(scalar.value), width: 4)
            } else if scalar.properties.generalCategory.isMark {
                continue
            } else {
                pendingSeparator = true
            }
        }
        return key
    }

    private static let separatorRank = 0
    private static let digitBase = 1
    private static let bulgarianBase = 11
    private static let otherCyrillicBase = 41
    private static let latinBase = 41 + 256

    private static let bulgarianRanks: [Unicode.Scalar: Int] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($1.unicodeScalars.first!, bulgarianBase + $0) }
    )

    private static func rank(of scalar: Unicode.Scalar) -> Int? {
        if let rank = bulgarianRanks[scalar] { return rank }
        switch scalar.value {
        case 0x30...0x39: return digitBase + Int(scalar.value - 0x30)
        case 0x61...0x7A: return latinBase + Int(scalar.value - 0x61)
        case 0x0400...0x04FF where scalar.properties.isAlphabetic && baseLetter(of: scalar) == nil:
            // Letters with a diacritic (ё, ѝ) are left to their base letter by the caller.
            return otherCyrillicBase + Int(scalar.value - 0x0400)
        default: return nil
        }
    }

    private static func baseLetter(of scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        guard decomposed.count > 1, let first = decomposed.first else { return nil }
        return first
    }

    private static func code(_ rank: Int) -> String { base36(rank, width: 2) }

    private static func base36(_ value: Int, width: Int) -> String {
        let digits = String(value, radix: 36)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension Unicode.GeneralCategory {
    var isMark: Bool {
        self == .nonspacingMark || self == .spacingMark || self == .enclosingMark
    }
}
