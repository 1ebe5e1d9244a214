import OporaCore
import Testing

@Suite("Search normalizer")
struct SearchNormalizerTests {
    @Test(arguments: [
        ("Мария Иванова", "maria ivanova"),
        ("MARIA IVANOVA", "maria ivanova"),
        ("María Ivánova", "maria ivanova"),
        ("  Иванова-Петрова ", "ivanova petrova"),
        ("Кърджали", "kardzhali"),
        ("O'Neil", "oneil"),
        ("ул. „Шипка“ 6", "ul shipka 6"),
        ("Йорданов", "yordanov"),
        ("", ""),
    ])
    func folds(input: String, folded: String) {
        #expect(SearchNormalizer.fold(input) == folded)
    }

    @Test func wordFinalAndInnerIyaMeet() {
        #expect(SearchNormalizer.fold("Марияна").contains(SearchNormalizer.fold("Мария")))
        #expect(SearchNormalizer.fold("Мария") == SearchNormalizer.fold("Mariya"))
        #expect(SearchNormalizer.fold("Мария") == SearchNormalizer.fold("Maria"))
    }

    @Test func cyrillicAndLatinQueriesFindTheSameName() {
        let name = SearchNormalizer.fold("Стоянова Йорданова")
        #expect(name.contains(SearchNormalizer.fold("йорд")))
        #expect(name.contains(SearchNormalizer.fold("Yord")))
        #expect(name.contains(SearchNormalizer.fold("STOYANOVA")))
    }
}

@Suite("Alternative Latin spellings")
struct AlternativeSpellingTests {
    @Test(
        "A name typed in a common older or foreign romanisation finds the Cyrillic name",
        arguments: [
            ("Цветана", "Cvetana"), ("Цветана", "Tsvetana"), ("Йорданка", "Jordanka"),
            ("Йорданка", "Yordanka"), ("Христо", "Khristo"), ("Христо", "Hristo"),
            ("Цецка Христова", "Cecka Khristova"),
        ]
    )
    func alternativeFindsName(cyrillic: String, latin: String) {
        #expect(SearchNormalizer.fold(cyrillic) == SearchNormalizer.fold(latin))
    }

    @Test("A fragment in either spelling is found inside the folded name")
    func fragmentsMeet() {
        let name = SearchNormalizer.fold("Цветана Йорданова")
        #expect(name.contains(SearchNormalizer.fold("Tsvet")))
        #expect(name.contains(SearchNormalizer.fold("cvet")))
        #expect(name.contains(SearchNormalizer.fold("Jord")))
    }
}
