/// Sex as recorded in the civil register; the ЕГН encodes it in its ninth digit (DOMAIN §4.1).
public enum Sex: String, Codable, Sendable, CaseIterable {
    case male, female

    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.male, .bg): "мъж"
        case (.male, .en): "male"
        case (.female, .bg): "жена"
        case (.female, .en): "female"
        }
    }
}
