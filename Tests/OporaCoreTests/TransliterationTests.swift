import OporaCore
import Testing

@Suite("Transliteration")
struct TransliterationTests {
    /// The examples of DOMAIN §7 and of the Act's rules.
    @Test(arguments: [
        ("Иван Петров Христов", "Ivan Petrov Hristov"),
        ("Мария Стоянова Йорданова", "Maria Stoyanova Yordanova"),
        ("Юлия Щерева", "Yulia Shtereva"),
        ("Добруджа", "Dobrudzha"),
        ("Кърджали", "Kardzhali"),
        ("Гьоте", "Gyote"),
        ("София", "Sofia"),
        ("Мизия", "Mizia"),
        ("Марияна", "Mariyana"),
        ("Провадия", "Provadia"),
        ("Долна Митрополия", "Dolna Mitropolia"),
        ("България", "Bulgaria"),
        ("Живков", "Zhivkov"),
        ("ЖИВКОВ", "ZHIVKOV"),
        ("ЮЛИЯ ЩЕРЕВА", "YULIA SHTEREVA"),
        ("Щ", "Sht"),
        ("Чепеларе", "Chepelare"),
        ("Цар Калоян", "Tsar Kaloyan"),
        ("Дзержинско", "Dzerzhinsko"),
        ("Ьо", "Yo"),
        ("ия", "ia"),
        ("Мария-Антоанета", "Maria-Antoaneta"),
        ("Република България", "Republika Bulgaria"),
        ("РЕПУБЛИКА БЪЛГАРИЯ", "REPUBLIKA BULGARIA"),
        ("Българияна", "Balgariyana"),
        ("ѝ", "i"),
        ("ул. „Шипка“ № 6, ет. 2", "ul. „Shipka“ № 6, et. 2"),
        ("Smith Иванов", "Smith Ivanov"),
        ("İzmir Ş", "İzmir Ş"),
        ("", ""),
    ])
    func romanisesByTheAct(cyrillic: String, latin: String) {
        #expect(Transliteration.latin(cyrillic) == latin)
    }

    /// Every place name against the Latin name NSI publishes (about 4,500 distinct names).
    @Test func agreesWithNSIForEveryPlaceName() {
        let pairs = settlementNames.split(separator: "\n").map { $0.split(separator: "\t") }
        #expect(pairs.count > 4_000)
        for pair in pairs {
            #expect(Transliteration.latin(String(pair[0])) == String(pair[1]))
        }
    }

    @Test func everyBulgarianLetterBecomesLatin() {
        for letter in BulgarianCollation.alphabet {
            for form in [String(letter), String(letter).uppercased()] {
                let latin = Transliteration.latin(form)
                #expect(!latin.isEmpty && latin.unicodeScalars.allSatisfy { $0.isASCII }, "\(form) → \(latin)")
            }
        }
    }
}
