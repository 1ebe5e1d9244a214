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
