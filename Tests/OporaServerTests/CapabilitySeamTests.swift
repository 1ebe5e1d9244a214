import Foundation
import OporaCore
import Testing
import Vapor

@testable import OporaServer

@Suite("Capabilities plug into Platform through one contract")
struct CapabilitySeamTests {
    /// Folders under `Sources/OporaServer` that hold a capability: every folder but Platform.
    static func capabilityFolders() throws -> [String] {
        let root = packageRoot + "/Sources/OporaServer"
        return try FileManager.default.contentsOfDirectory(atPath: root).filter { name in
            var folder: ObjCBool = false
            return name != "Platform" && FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &folder)
                && folder.boolValue
        }.sorted()
    }

    /// Names of the types a set of files declares (structs, enums, classes, protocols, actors).
    static func declaredTypes(in files: [(path: String, text: String)]) -> Set<String> {
        let declaration =
            /(?m)^(?:public |private |fileprivate )?(?:final )?(?:struct|enum|class|protocol|actor)\s+([A-Z]\w*)/
        return Set(files.flatMap { $0.text.matches(of: declaration).map { String($0.output.1) } })
    }

    /// Lines of Platform's sources that name one of the types.
    static func references(to types: Set<String>, in files: [(path: String, text: String)]) throws -> [String] {
        guard !types.isEmpty else { return [] }
        // Simple boundaries: by Unicode's rules `Provider.find` would be one word.
        let named = try Regex(#"\b(\#(types.sorted().joined(separator: "|")))\b"#).wordBoundaryKind(.simple)
        var found: [String] = []
        for file in files {
            for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("///") && line.contains(named) {
                found.append("\(file.path):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        return found
    }

    @Test("Platform names no type of any capability")
    func platformNamesNoCapability() throws {
        let sources = try ScopedQueryTests.serverSources()
        let folders = try Self.capabilityFolders()
        #expect(Set(folders).isSuperset(of: ["Cases", "Organisations", "Territory"]))
        let platform = sources.filter { $0.path.hasPrefix("Platform/") }
        let capabilities = sources.filter { file in folders.contains { file.path.hasPrefix($0 + "/") } }
        let types = Self.declaredTypes(in: capabilities).subtracting(Self.declaredTypes(in: platform))
        #expect(
            types.isSuperset(of: ["Person", "Provider", "Municipality", "Dashboard", "DemoPeople", "CasesCapability"])
        )
        let offenders = try Self.references(to: types, in: platform)
        #expect(
            offenders.isEmpty,
            "Platform reaches capabilities only through the Capability contract:\n\(offenders.joined(separator: "\n"))"
        )
    }

    @Test("The check would catch Platform naming a capability's type")
    func theCheckCatchesAReference() throws {
        let capability = [("Cases/X.swift", "struct Dashboard {}\nfinal class Person: Model {}")]
        let types = Self.declaredTypes(in: capability)
        #expect(types == ["Dashboard", "Person"])
        let platform = [
            ("Platform/Home.swift", "/// Unlike the Dashboard, this is generic.\nlet d = Dashboard.build()")
        ]
        #expect(try Self.references(to: types, in: platform) == ["Platform/Home.swift:2: let d = Dashboard.build()"])
    }

    @Test("Other capabilities read the territory through its queries only")
    func territoryIsReadThroughItsQueries() throws {
        let direct = /\b(Oblast|Municipality|Settlement)\s*\.\s*(query|find)\s*\(/
        var offenders: [String] = []
        for file in try ScopedQueryTests.serverSources() where !file.path.hasPrefix("Territory/") {
            for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(direct) {
                offenders.append("\(file.path):\(number + 1)")
            }
        }
        #expect(offenders.isEmpty, "use TerritoryQueries: \(offenders)")
    }

    @Test("Adding a capability needs only its folder and one line in configure")
    func configureListsEachCapabilityOnce() throws {
        let configure = try String(
            contentsOfFile: packageRoot + "/Sources/OporaServer/configure.swift",
            encoding: .utf8
        )
        let routes = try String(contentsOfFile: packageRoot + "/Sources/OporaServer/routes.swift", encoding: .utf8)
        for name in ["TerritoryCapability", "OrganisationsCapability", "CasesCapability"] {
            #expect(configure.components(separatedBy: name + "()").count == 2, "\(name) is listed once in configure")
            #expect(!routes.contains(name))
        }
        for folder in try Self.capabilityFolders() {
            #expect(
                !routes.contains(folder + "Routes") && !routes.contains(folder + "API"),
                "routes.swift registers \(folder) itself"
            )
        }
    }

    @Test("Every field of the core's table of personal data has a holder")
    func everyPersonalDataFieldIsHeld() async throws {
        try await withOpora { app, _ async throws in
            let held = app.capabilities.personalDataHolders.reduce(into: Set<PersonalDataField>()) {
                $0.formUnion($1.fields)
            }
            #expect(Set(PersonalDataField.allCases).subtracting(held).isEmpty)
        }
    }

    @Test("Every permission a capability checks is declared by it, each under its own name")
    func permissionsAreDeclaredOnce() async throws {
        try await withOpora { app, _ async throws in
            let declared = app.capabilities.all.flatMap(\.permissions)
            #expect(Set(declared.map(\.name)).count == declared.count)
            #expect(declared.contains(.viewPeople) && declared.contains(.editProviders))
        }
    }

    @Test("The menu lists each capability's items by position, and only those the role may use")
    func navigationComesFromCapabilities() async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let page = try await browser.get("/")
            let hrefs = page.body.string.matches(of: /<nav[\s\S]*?<\/nav>/).first.map { String($0.output) } ?? ""
            let order = ["/people", "/referrals", "/providers", "/territory", "/account"].map {
                hrefs.range(of: "href=\"\($0)\"")?.lowerBound
            }
            #expect(order.allSatisfy { $0 != nil })
            #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
            #expect(!hrefs.contains("/admin/users"))
        }
    }
}
