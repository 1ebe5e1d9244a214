import Foundation
import Testing

@testable import OporaServer

@Suite("String catalogues")
struct CatalogueTests {
    static func load(_ language: String) throws -> [String: String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "Resources/Locales/\(language).json"))
        return try JSONDecoder().decode([String: String].self, from: data)
    }

    @Test("Bulgarian and English catalogues have the same keys and no empty strings")
    func sameKeys() throws {
        let bg = try Self.load("bg")
        let en = try Self.load("en")
        #expect(Set(bg.keys).subtracting(en.keys).sorted() == [], "missing in English")
        #expect(Set(en.keys).subtracting(bg.keys).sorted() == [], "missing in Bulgarian")
        #expect(bg.filter { $0.value.isEmpty }.keys.sorted() == [])
        #expect(en.filter { $0.value.isEmpty }.keys.sorted() == [])
    }

    @Test("Every string a template asks for is in the catalogue")
    func templatesUseKnownKeys() throws {
        let keys = Set(try Self.load("bg").keys)
        let views = URL(fileURLWithPath: packageRoot + "Resources/Views")
        let files = FileManager.default.enumerator(at: views, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "leaf" }
        #expect(files.count > 10)
        let pattern = try Regex(#"#t\("([a-z0-9_]+)"(, "[^"]*")?\)"#)
        var unknown: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: pattern) {
                let key = String(match.output[1].substring!)
                if !keys.contains(key) { unknown.append("\(file.lastPathComponent): \(key)") }
            }
        }
        #expect(unknown == [])
        let retired = try Regex(#"#\(t\.[a-z]"#)
        #expect(
            files.filter { (try? String(contentsOf: $0, encoding: .utf8))?.contains(retired) == true }.map(
                \.lastPathComponent
            ) == [],
            "templates read strings through #t(\"key\")"
        )
    }

    /// The keys a keys file declares, by member name: `static let name = CatalogueKey("key")`, one a line.
    /// Any other line that makes a key is returned as refused, so no key escapes the scan.
    static func declaredKeys(in text: String) -> (keys: [String: String], refused: [String]) {
        let declaration = /^\s*static let ([a-z][A-Za-z0-9]*) = CatalogueKey\("([a-z][a-z0-9_]*)"\)$/
        var keys: [String: String] = [:]
        var refused: [String] = []
        for line in text.split(separator: "\n") where line.contains("CatalogueKey(") {
            if let match = line.wholeMatch(of: declaration) {
                keys[String(match.output.1)] = String(match.output.2)
            } else {
                refused.append(line.trimmingCharacters(in: .whitespaces))
            }
        }
        return (keys, refused)
    }

    @Test("The scan of a keys file reads each declaration and refuses a key made any other way")
    func declarationScan() {
        let file = """
            extension CatalogueKey {
                static let homeTitle = CatalogueKey("home_title")
                static let computed = CatalogueKey("error_" + kind)
            }
            """
        let scanned = Self.declaredKeys(in: file)
        #expect(scanned.keys == ["homeTitle": "home_title"])
        #expect(scanned.refused == [#"static let computed = CatalogueKey("error_" + kind)"#])
    }

    @Test("Every key the Swift code names is declared in a keys file and is in both catalogues")
    func codeUsesKnownKeys() throws {
        let bg = try Self.load("bg")
        let en = try Self.load("en")
        let sources = try ScopedQueryTests.serverSources()
        let keyFiles = sources.filter { $0.path.hasSuffix("Keys.swift") }
        #expect(
            Set(keyFiles.map(\.path)).isSuperset(of: [
                "Platform/I18n/PlatformKeys.swift", "Cases/CasesKeys.swift", "Organisations/OrganisationsKeys.swift",
                "Territory/TerritoryKeys.swift",
            ])
        )
        var declared: [String] = []
        for file in keyFiles {
            let scanned = Self.declaredKeys(in: file.text)
            #expect(scanned.refused == [], "\(file.path) declares keys one a line")
            declared += scanned.keys.values
        }
        #expect(declared.count > 150, "the scan still finds the keys the code names")
        #expect(Set(declared).count == declared.count, "each key is declared once")
        #expect(declared.filter { bg[$0] == nil }.sorted() == [], "missing in Bulgarian")
        #expect(declared.filter { en[$0] == nil }.sorted() == [], "missing in English")
        // Elsewhere a key comes only from text that names one: a template's tag, a cookie, a field.
        let made = /CatalogueKey\("/
        #expect(
            sources.filter { !$0.path.hasSuffix("Keys.swift") && $0.text.contains(made) }.map(\.path) == [],
            "code names keys through the keys files' members"
        )
    }
}
