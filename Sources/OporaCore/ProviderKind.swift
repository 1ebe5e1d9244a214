/// Who runs a provider (DOMAIN §1.4): the municipality itself, a non-profit legal entity, or a
/// trader or company.
public enum ProviderKind: String, CaseIterable, Codable, Sendable {
    case municipal, ngo, privateCompany

    /// Private providers (NGOs included) need an АКСУ licence before they provide any social
    /// service; a municipality providing directly is not in the Act's list of licensees
    /// (DOMAIN §1.4, S6).
    public var needsLicence: Bool { self != .municipal }

    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.municipal, .bg): "общински доставчик"
        case (.municipal, .en): "municipal provider"
        case (.ngo, .bg): "неправителствена организация"
        case (.ngo, .en): "non-governmental organisation"
        case (.privateCompany, .bg): "частна фирма"
        case (.privateCompany, .en): "private company"
        }
    }
}
