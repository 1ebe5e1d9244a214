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
        return alternatives(result)
    }

    /// Alternative spellings folded to the Act's, in this order: "j" (Jordanka) to "y"; "iya" to
    /// "ia"; a "c" not before "h" (Cvetana) to "ts"; an "h" not after "k", "s", "z" or "c" to "kh",
    /// so that Hristo and Khristo meet.
    ///
    /// Every rule turns a spelling the Act never writes into one it does, so the folded text is its
    /// own fold, and a fragment of a Bulgarian word is found inside the folded word (a rule that
    /// shortened the Act's "ts" to "c" would lose "t" of "тш").
    static func alternatives(_ text: String) -> String {
        let letters = Array(text.replacingOccurrences(of: "j", with: "y").replacingOccurrences(of: "iya", with: "ia"))
        var result = ""
        result.reserveCapacity(letters.count + 4)
        for (index, letter) in letters.enumerated() {
            let next = index + 1 < letters.count ? letters[index + 1] : nil
            let previous = result.last
            switch letter {
            case "c" where next != "h": result += "ts"
            case "h" where !["k", "s", "z", "c"].contains(previous): result += "kh"
            default: result.append(letter)
            }
        }
        return result
    }
}
