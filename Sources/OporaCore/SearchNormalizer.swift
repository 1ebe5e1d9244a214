import Foundation

/// The form in which names are indexed and queries are matched (issue 3: find a person "by name,
/// Cyrillic or Latin, any part").
///
/// Both sides are folded the same way, so "Мария", "MARIA" and "María" all become "maria" and a
/// substring match on the folded name finds a person however the query was typed.
public enum SearchNormalizer {
    /// Lowercases, romanises Bulgarian Cyrillic by the Transliteration Act, drops diacritics and
    /// punctuation, and turns every run of spaces, dashes and other separators into one space.
    ///
    /// "iya" is folded to "ia" everywhere: the Act writes "ия" as "ia" at the end of a word and as
    /// "iya" inside it, so without this "Мария" (maria) would not be found inside "Марияна"
    /// (mariyana), nor "Mariya" typed in Latin find "Мария".
    ///
    /// Names are often written in older or foreign romanisations, so the common alternatives are
    /// folded to one form on both sides (`alternatives`): Tsvetana and Cvetana, Yordanka and
    /// Jordanka, Hristo and Khristo all find the same person.
    public static func fold(_ s: String) -> String {
        let latin = Transliteration.latin(s.lowercased())
        let stripped = latin.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var result = ""
        var pendingSpace = false
        for scalar in stripped.unicodeScalars {
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil {
                if pendingSpace, !result.isEmpty { result += " " }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            } else if properties.isWhitespace || properties.generalCategory == .dashPunctuation {
                pendingSpace = true
            }
        }
        return alternatives.reduce(result) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    /// Alternative spellings folded to one, applied in this order: "iya" of the Act to "ia"; "kh"
    /// (Khristo) to the Act's "h"; "ts" and "tz" (Tsvetana, Tzvetana) to "c" (Cvetana); "j"
    /// (Jordanka) to the Act's "y". Cyrillic never romanises to "c" or "j", so no name of the
    /// Act's form is changed into another's.
    static let alternatives: [(String, String)] = [("iya", "ia"), ("kh", "h"), ("ts", "c"), ("tz", "c"), ("j", "y")]
}
