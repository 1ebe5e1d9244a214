import Foundation
import Testing

@testable import OporaServer

/// The person's own page is read by people who may find long sentences and office words hard
/// (issue 18: plain language checked). Every text of it, in both languages, is held to that.
@Suite("The own page's plain language")
struct PlainLanguageTests {
    /// Easy-read guidance keeps a sentence to about fifteen words.
    static let longestSentence = 15
    static let officeWords = [
        "съгласно", "субект", "администратор", "чл.", "алинея", "верифик", "оторизац", "параметър", "статус",
        "pursuant", "data subject", "controller", "authoriz", "parameter", "hereby",
    ]

    @Test("Every sentence of the own page has at most fifteen words and no office words, in Bulgarian and English")
    func shortSentences() throws {
        for language in ["bg", "en"] {
            let texts = try CatalogueTests.load(language).filter { $0.key.hasPrefix("my_") }
            #expect(texts.count > 50, "the own page's texts are found")
            for (key, text) in texts {
                let sentences = text.split(whereSeparator: { ".!?".contains($0) })
                for sentence in sentences {
                    let words = sentence.split(whereSeparator: \.isWhitespace).count
                    #expect(words <= Self.longestSentence, "\(language) \(key): \(words) words in “\(sentence)”")
                }
                let lowered = text.lowercased()
                for word in Self.officeWords {
                    #expect(!lowered.contains(word), "\(language) \(key) says “\(word)”")
                }
            }
        }
    }
}
