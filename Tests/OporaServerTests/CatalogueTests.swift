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

    @Test("Every key the server code names is in the catalogue")
    func codeUsesKnownKeys() throws {
        let keys = Set(try Self.load("bg").keys)
        let sources = URL(fileURLWithPath: packageRoot + "Sources/OporaServer")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        let literal = try Regex(#""([a-z]+_[a-z0-9_]+)""#)
        var unknown: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            // Lines that look a message up: text("…"), flash: "…", add(…, key: "…"), with ternary alternatives.
            for line in text.split(separator: "\n")
            where line.contains("text(") || line.contains("flash:") || line.contains(", key:") {
                for match in line.matches(of: literal) {
                    let key = String(match.output[1].substring!)
                    if !keys.contains(key) { unknown.append("\(file.lastPathComponent): \(key)") }
                }
            }
        }
        #expect(unknown == [])
    }
}
