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

    /// Where server code names a catalogue key: `text("…")`, `flash: "…"`, `key: "…"`, `label: "…"` and a
    /// ternary's alternatives, across line breaks, since the formatter puts arguments on lines of their own.
    static func keysNamed(in text: String) -> [String] {
        let keyUse = try! Regex(
            #"(?:text\(|flash:|,\s*key:|label:|titled\(|problem\([^,()]*,)\s*(?:[^"()]*\?\s*)?"([a-z][a-z0-9_]*)"(?:\s*:\s*"([a-z][a-z0-9_]*)")?"#
        )
        return text.matches(of: keyUse).flatMap { match in
            [match.output[1].substring, match.output[2].substring].compactMap { $0.map(String.init) }.filter {
                $0.contains("_")
            }
        }
    }

    @Test("The source scan finds keys however the formatter breaks the call")
    func scanFindsKeysAcrossLines() {
        let code = """
            req.text("home_title")
            checks.add(
                "name",
                key: "error_required")
            NavigationEntry(href: "/people", label: "nav_people", permission: nil, position: 1)
            req.redirect(to: "/", flash: ok ? "saved" : "error_conflict")
            req.text(blank ? "error_required" : "error_too_long")
            """
        #expect(
            Self.keysNamed(in: code) == [
                "home_title", "error_required", "nav_people", "error_conflict", "error_required", "error_too_long",
            ]
        )
    }

    @Test("Every key the server code names is in the catalogue")
    func codeUsesKnownKeys() throws {
        let keys = Set(try Self.load("bg").keys)
        let sources = URL(fileURLWithPath: packageRoot + "Sources/OporaServer")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        var named = 0
        var unknown: [String] = []
        for file in files {
            for key in Self.keysNamed(in: try String(contentsOf: file, encoding: .utf8)) {
                named += 1
                if !keys.contains(key) { unknown.append("\(file.lastPathComponent): \(key)") }
            }
        }
        #expect(named > 180, "the scan still finds the keys the code names")
        #expect(unknown == [])
    }
}
