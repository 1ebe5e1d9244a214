import OporaCore
import Testing

@Suite("Bulgarian collation")
struct BulgarianCollationTests {
    @Test func alphabetIsInItsOwnOrder() {
        let shuffled = BulgarianCollation.alphabet.map(String.init).reversed()
        let sorted = shuffled.sorted(by: BulgarianCollation.areInIncreasingOrder)
        #expect(sorted == BulgarianCollation.alphabet.map(String.init))
        #expect(BulgarianCollation.alphabet.count == 30)
    }

    @Test func namesSortAsInABulgarianDirectory() {
        let names = [
            "Ясенов", "Щерев", "Цветанова", "Ъглев", "Юнаков", "Шишков", "Ьолева", "Чолаков",
            "Иванов", "Йорданов", "Smith", "Андреев", "ангелов", "Иван Петров", "Анчев",
        ]
        let sorted = names.sorted(by: BulgarianCollation.areInIncreasingOrder)
        #expect(
            sorted == [
                "ангелов", "Андреев", "Анчев", "Иван Петров", "Иванов", "Йорданов", "Цветанова",
                "Чолаков", "Шишков", "Щерев", "Ъглев", "Ьолева", "Юнаков", "Ясенов", "Smith",
            ]
        )
    }

    /// Plain String comparison puts Latin first and capitals before small letters.
    @Test func latinAfterCyrillicAndSmallLettersAmongCapitals() {
        #expect(BulgarianCollation.areInIncreasingOrder("Андреев", "Smith"))
        #expect(BulgarianCollation.areInIncreasingOrder("а", "Я"))
        #expect(BulgarianCollation.areInIncreasingOrder("б", "В"))
    }

    @Test func caseIsIgnoredInTheKey() {
        #expect(BulgarianCollation.sortKey("ПЕТРОВ") == BulgarianCollation.sortKey("петров"))
        #expect(BulgarianCollation.sortKey("Émile") == BulgarianCollation.sortKey("emile"))
    }

    @Test func graveAccentedIIsAnIButShortIIsItsOwnLetter() {
        #expect(BulgarianCollation.sortKey("ѝ") == BulgarianCollation.sortKey("и"))
        #expect(BulgarianCollation.sortKey("й") != BulgarianCollation.sortKey("и"))
        #expect(BulgarianCollation.areInIncreasingOrder("ия", "йа"))
    }

    @Test func separatorsCountOnceAndSortFirst() {
        #expect(BulgarianCollation.sortKey("Иванова-Петрова") == BulgarianCollation.sortKey("Иванова  Петрова"))
        #expect(BulgarianCollation.sortKey("  Иван ") == BulgarianCollation.sortKey("Иван"))
        #expect(BulgarianCollation.areInIncreasingOrder("Иван Петров", "Иваново"))
    }

    @Test func digitsBeforeLettersAndOtherCyrillicAfterBulgarian() {
        let sorted = ["ы", "z", "9", "я", "1"].sorted(by: BulgarianCollation.areInIncreasingOrder)
        #expect(sorted == ["1", "9", "я", "ы", "z"])
    }

    @Test func keyIsPlainLowercaseASCII() {
        let key = BulgarianCollation.sortKey("Петров-Smith 3 ß 中")
        #expect(key.allSatisfy { $0.isASCII && ($0.isNumber || $0.isLowercase) })
    }

    @Test func tiesAreBrokenSoTheOrderIsTotal() {
        #expect(
            BulgarianCollation.areInIncreasingOrder("ПЕТРОВ", "петров")
                != BulgarianCollation.areInIncreasingOrder("петров", "ПЕТРОВ")
        )
        #expect(!BulgarianCollation.areInIncreasingOrder("петров", "петров"))
    }
}
