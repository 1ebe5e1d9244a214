import OporaCore
import PropertyBased
import Testing

let bulgarianLetter = Gen.element(of: BulgarianCollation.alphabet).map { $0! }
let bulgarianWord = bulgarianLetter.string(of: 2...10)
let bulgarianText = bulgarianWord.array(of: 1...4).map { $0.joined(separator: " ") }
let mixedText = Gen.element(of: BulgarianCollation.alphabet + Array("abcxyzABCXYZ- .,'ÉéÀ0123")).map { $0! }.string(
    of: 0...20
)

@Suite("Text properties")
struct TextProperties {
    @Test func transliterationOfBulgarianIsPlainASCII() async {
        await propertyCheck(input: bulgarianText) { text in
            #expect(Transliteration.latin(text).allSatisfy { $0.isASCII })
            #expect(Transliteration.latin(text.uppercased()).allSatisfy { $0.isASCII })
        }
    }

    /// Case goes through unchanged: all-capital words romanise to all capitals, small to small.
    @Test func transliterationPreservesCaseOfWholeWords() async {
        await propertyCheck(input: bulgarianText) { text in
            let latin = Transliteration.latin(text)
            #expect(latin == latin.lowercased())
            #expect(Transliteration.latin(text.uppercased()) == latin.uppercased())
        }
    }

    @Test func capitalisedWordsRomaniseToCapitalisedWords() async {
        await propertyCheck(input: bulgarianWord) { word in
            let capitalised = word.prefix(1).uppercased() + word.dropFirst()
            let latin = Transliteration.latin(capitalised)
            #expect(latin.first!.isUppercase)
            #expect(latin.dropFirst().allSatisfy { $0.isLowercase })
        }
    }

    @Test func foldingIsIdempotentAndCaseBlind() async {
        await propertyCheck(input: mixedText) { text in
            let folded = SearchNormalizer.fold(text)
            #expect(SearchNormalizer.fold(folded) == folded)
            #expect(SearchNormalizer.fold(text.uppercased()) == folded)
            #expect(folded.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == " ") })
        }
    }

    /// A query of a whole word, or of a word less its last letter, finds the text. Texts with
    /// "йа", "йъ", "ьа" or "ьъ" are left out: Bulgarian spells that sound я (and writes ь only
    /// before о), and folding "ийа" like "ия" means its prefix "ий" would not be found.
    @Test func aFoldedWordIsFoundInsideTheFoldedText() async {
        let notBulgarian = ["йа", "йъ", "ьа", "ьъ"]
        await propertyCheck(input: bulgarianText.filter { text in !notBulgarian.contains { text.contains($0) } }) {
            text in
            let folded = SearchNormalizer.fold(text)
            for word in text.split(separator: " ") {
                #expect(folded.contains(SearchNormalizer.fold(String(word.dropLast(word.count > 2 ? 1 : 0)))))
            }
        }
    }

    /// For words of Bulgarian letters the order is the alphabet's, letter by letter.
    @Test func collationOfBulgarianWordsFollowsTheAlphabet() async {
        let rank = Dictionary(uniqueKeysWithValues: BulgarianCollation.alphabet.enumerated().map { ($1, $0) })
        await propertyCheck(input: bulgarianWord, bulgarianWord) { a, b in
            let expected = a.map { rank[$0]! }.lexicographicallyPrecedes(b.map { rank[$0]! })
            #expect(BulgarianCollation.areInIncreasingOrder(a, b) == expected)
            #expect((BulgarianCollation.sortKey(a) < BulgarianCollation.sortKey(b)) == expected)
        }
    }

    @Test func collationIsAStrictTotalOrder() async {
        await propertyCheck(count: 300, input: mixedText, mixedText, mixedText) { a, b, c in
            let less = BulgarianCollation.areInIncreasingOrder
            #expect(!less(a, a))
            if a != b { #expect(less(a, b) != less(b, a)) }
            if less(a, b) && less(b, c) { #expect(less(a, c)) }
        }
    }

    @Test func sortKeyIgnoresCase() async {
        await propertyCheck(input: mixedText) { text in
            #expect(BulgarianCollation.sortKey(text.uppercased()) == BulgarianCollation.sortKey(text.lowercased()))
        }
    }

    @Test func aCommonPasswordStaysCommonWithDigitsAppended() async {
        await propertyCheck(
            input: Gen.element(of: ["password", "dragon", "sunshine", "letmein", "парола"]).map { $0! },
            digits.array(of: 1...8)
        ) { word, suffix in
            let password = word + suffix.map(String.init).joined()
            #expect(PasswordPolicy.problems(password: password, username: "").contains(.common))
        }
    }
}
