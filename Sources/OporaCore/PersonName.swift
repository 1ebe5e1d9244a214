/// A Bulgarian name as registered: given name, father's name (презиме) and family name, in
/// Cyrillic, which is the master; the Latin form, the search form and the sort key are derived
/// (DOMAIN §7).
public struct PersonName: Hashable, Codable, Sendable {
    public var given: String
    /// Презиме, the patronymic; many foreigners have none.
    public var middle: String
    public var family: String

    public init(given: String, middle: String = "", family: String) {
        self.given = String(given.trimmingWhitespace())
        self.middle = String(middle.trimmingWhitespace())
        self.family = String(family.trimmingWhitespace())
    }

    /// "Мария Стоянова Йорданова".
    public var full: String { [given, middle, family].filter { !$0.isEmpty }.joined(separator: " ") }

    /// "Maria Stoyanova Yordanova", by the Transliteration Act.
    public var latin: String { Transliteration.latin(full) }

    /// Both scripts folded, so a search for any part of the name in Cyrillic or Latin matches
    /// (issue 3, step 1).
    public var searchText: String { SearchNormalizer.fold(full) }

    /// Lists of people sort by family name, then given name, then father's name.
    public var sortKey: String {
        BulgarianCollation.sortKey([family, given, middle].filter { !$0.isEmpty }.joined(separator: " "))
    }

    /// Two records that may be the same person: the same folded full name and birth date
    /// (issue 3: "same name and birth date warned").
    public static func mayBeSamePerson(
        _ a: PersonName,
        born aBorn: CalendarDay,
        _ b: PersonName,
        born bBorn: CalendarDay
    ) -> Bool {
        aBorn == bBorn && a.searchText == b.searchText
    }
}
