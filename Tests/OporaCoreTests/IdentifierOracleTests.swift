import OporaCore
import Testing

/// Agreement with independent implementations on thousands of generated numbers
/// (Fixtures/make_fixtures.py).
@Suite("Identifier oracles")
struct IdentifierOracleTests {
    @Test func egnAgreesWithThePyPIPackage() throws {
        let lines = egnOracle.split(separator: "\n")
        #expect(lines.count > 3_000)
        for line in lines {
            let fields = line.split(separator: " ").map(String.init)
            let parsed = try? EGN.parse(fields[0])
            if fields[1] == "invalid" {
                #expect(parsed == nil, "\(fields[0]) should be refused")
            } else {
                #expect(parsed?.birthDate.iso == fields[1], "\(fields[0])")
                #expect(parsed?.sex == (fields[2] == "f" ? .female : .male), "\(fields[0])")
            }
        }
    }

    @Test func lnchAgreesWithPythonStdnum() {
        let lines = lnchOracle.split(separator: "\n")
        #expect(lines.count > 1_500)
        for line in lines {
            let fields = line.split(separator: " ").map(String.init)
            let accepted = (try? LNCh.parse(fields[0])) != nil
            #expect(accepted == (fields[1] == "valid"), "\(fields[0])")
        }
    }

    @Test func eikAgreesWithThePyPIPackage() {
        let lines = eikOracle.split(separator: "\n")
        #expect(lines.count > 2_000)
        for line in lines {
            let fields = line.split(separator: " ").map(String.init)
            let accepted = (try? EIK.parse(fields[0])) != nil
            #expect(accepted == (fields[1] == "valid"), "\(fields[0])")
        }
    }
}
