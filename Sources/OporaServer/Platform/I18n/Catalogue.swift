import Foundation
import OporaCore
import Vapor

/// Every string the interface shows, per language, read from `Resources/Locales/<lang>.json`.
struct Catalogue: Sendable {
    let strings: [Language: [String: String]]

    static func load(from resourcesDirectory: String) throws -> Catalogue {
        var strings: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let path = resourcesDirectory + "Locales/\(language.rawValue).json"
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CatalogueMissing(path: path)
            }
            strings[language] = try JSONDecoder().decode([String: String].self, from: data)
        }
        return Catalogue(strings: strings)
    }

    /// The key itself when a string is missing, so a gap shows on the page instead of crashing it;
    /// the catalogue test keeps that from reaching users.
    func text(_ key: CatalogueKey, _ language: Language) -> String {
        strings[language]?[key.rawValue] ?? key.rawValue
    }

    func has(_ key: CatalogueKey, _ language: Language) -> Bool { strings[language]?[key.rawValue] != nil }
}

struct CatalogueMissing: Error, CustomStringConvertible {
    let path: String
    var description: String { "The string catalogue \(path) is missing" }
}

extension Application {
    private struct CatalogueKey: StorageKey { typealias Value = Catalogue }

    var catalogue: Catalogue {
        get { storage[CatalogueKey.self] ?? Catalogue(strings: [:]) }
        set { storage[CatalogueKey.self] = newValue }
    }
}

extension Request {
    static let languageCookie = "opora_lang"

    /// The signed-in user's choice, else the visitor's cookie, else Bulgarian.
    var language: Language {
        if let user = auth.get(CurrentUser.self) { return user.language }
        if let raw = cookies[Self.languageCookie]?.string, let language = Language(rawValue: raw) { return language }
        return .bg
    }

    func text(_ key: CatalogueKey) -> String { application.catalogue.text(key, language) }
}
