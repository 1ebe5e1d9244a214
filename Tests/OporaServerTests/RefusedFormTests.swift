import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

@Suite("A refused form keeps what was typed and says what is wrong, the same way on every page")
struct RefusedFormTests {
    @Test("The person form keeps the evidence typed for a target group, with the message beside the date")
    func personFormKeepsTargetGroupEvidence() async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let refused = try await browser.post(
                "/people",
                [
                    ("givenName", "Стефка"), ("familyName", "Илиева"), ("identifierType", "egn"),
                    ("identifier", "4813170428"),
                    ("settlementEkatte", "41112"), ("targetGroups[]", "elderly"),
                    ("targetGroupSince[elderly]", "2024-13-40"),
                    ("targetGroupEvidence[elderly]", "Решение на ТЕЛК № 0123"),
                ],
                from: "/people/new"
            )
            #expect(refused.status == .unprocessableEntity)
            let page = refused.body.string
            #expect(page.contains(#"value="Решение на ТЕЛК № 0123""#))
            #expect(page.contains(#"value="2024-13-40""#))
            #expect(page.contains(#"id="tg-since-elderly-error""#))
            #expect(page.contains(##"<a href="#identifier">Идентификатор: "##), "the summary names and links the field")
        }
    }

    @Test("A provider form refused lists every message in the summary, each linked to its field")
    func summaryListsEveryMessage() async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            _ = try await browser.signIn("director")
            let refused = try await browser.post(
                "/providers",
                [("name", ""), ("eik", "123"), ("kind", "ngo"), ("municipalityCode", "KNL29")],
                from: "/providers/new"
            )
            #expect(refused.status == .unprocessableEntity)
            let summary = try #require(refused.body.string.firstMatch(of: /<div class="error-summary"[\s\S]*?<\/div>/))
                .output
            #expect(summary.contains(##"<a href="#name">"##))
            #expect(summary.contains(##"<a href="#eik">"##))
        }
    }

    @Test("Every template that shows a message beside a field shows the one summary partial")
    func everyFormTemplateUsesThePartial() throws {
        let root = packageRoot + "/Resources/Views"
        let paths =
            FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".leaf") }
            ?? []
        var missing: [String] = []
        for path in paths where !path.hasPrefix("partials/") {
            let text = try String(contentsOfFile: root + "/" + path, encoding: .utf8)
            #expect(!text.contains(#"class="error-summary""#), "\(path) draws its own summary")
            if text.contains("field-error"), !text.contains(#"#extend("partials/error-summary")"#) {
                missing.append(path)
            }
        }
        #expect(missing.isEmpty, "templates without the summary: \(missing)")
    }
}
