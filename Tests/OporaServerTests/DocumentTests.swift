import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

/// A printer that answers with a fixed PDF and keeps the page it was given.
final class ExpectedPrinter: DocumentPrinter, @unchecked Sendable {
    let pdf: Data
    private(set) var pages: [String] = []

    init(pdf: Data) { self.pdf = pdf }

    func pdf(html: String, publicDirectory: String, on pool: NIOThreadPool) async throws -> Data {
        pages.append(html)
        return pdf
    }
}

@Suite("Documents a person can read")
struct DocumentTests {
    @Test(
        "The support plan prints as the ИПП to sign: goals, services with days and hours, recommended hours, signatures"
    )
    func planDocument() async throws {
        try await withOpora { app, _ async throws in
            let s = try await ReferralLoopTests.assessedAndPlanned(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let page = try await browser.get("/cases/\(s.supportCase.id)/plan/print")
            #expect(page.status == .ok)
            let text = page.body.string
            #expect(text.contains("Индивидуален план за подкрепа № 1"))
            #expect(text.contains("Да излиза всяка седмица"))
            #expect(text.contains("понеделник, четвъртък"))
            #expect(text.contains("Препоръчани от оценката"))
            #expect(text.contains("01.06.2027"))
            #expect(text.contains(#"class="signatures""#))
            #expect(text.contains("Потребител или законен представител"))
            #expect(!text.contains(s.supportCase.id.uuidString + "<"))

            let printer = ExpectedPrinter(pdf: Data("%PDF-1.4 test".utf8))
            app.documentPrinter = printer
            let pdf = try await browser.get("/cases/\(s.supportCase.id)/plan/print.pdf")
            #expect(printer.pages.count == 1)
            #expect(printer.pages.first?.contains("Индивидуален план за подкрепа") == true)
            #expect(pdf.status == .ok)
            #expect(pdf.headers.contentType == HTTPMediaType(type: "application", subType: "pdf"))
            #expect(pdf.body.string.hasPrefix("%PDF"))

            let outsider = Browser(app)
            try await addStaff(app, username: "sofia-reader", role: .caseWorker, provider: DemoProviders.sofia.id)
            _ = try await outsider.signIn("sofia-reader")
            #expect(try await outsider.get("/cases/\(s.supportCase.id)/plan/print").status == .notFound)
        }
    }

    @Test(
        "An earlier version of the plan prints as it was, with its number, its date and a line that it was replaced; a version the case lacks is not found"
    )
    func earlierPlanVersion() async throws {
        try await withOpora { app, clock async throws in
            let s = try await ReferralLoopTests.assessedAndPlanned(app)
            clock.advance(minutes: 3 * 24 * 60)
            let service = try await APIClient.signIn(app, "admin").call(
                .GET,
                "/services?provider=\(DemoProviders.municipal.id)"
            ).json([ServiceDTO].self)[0]
            // The sign-in token of the first day has expired by now.
            let api = try await APIClient.signIn(app, "caseworker")
            let second = try await api.call(
                .POST,
                "/cases/\(s.supportCase.id)/plans",
                json:
                    #"{"basedOn":1,"plan":\#(CaseFlowTests.planFor(service.id, goal: "Да ходи до пазара", visits: 2))}"#
            )
            #expect(second.status == .created)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")

            let first = try await browser.get("/cases/\(s.supportCase.id)/plan/print?version=1")
            #expect(first.status == .ok)
            #expect(first.body.string.contains("Да излиза всяка седмица"))
            #expect(!first.body.string.contains("Да ходи до пазара"))
            #expect(first.body.string.contains("Версия: № 1 от 18.11.2026"))
            #expect(first.body.string.contains("Тази версия е заменена от версия № 2."))
            #expect(first.body.string.contains("/cases/\(s.supportCase.id)/plan/print.pdf?version=1"))
            let latest = try await browser.get("/cases/\(s.supportCase.id)/plan/print")
            #expect(latest.body.string.contains("Да ходи до пазара"))
            #expect(latest.body.string.contains("Версия: № 2 от 21.11.2026"))
            #expect(!latest.body.string.contains("заменена"))
            // "две", percent-encoded as a browser sends it.
            let asked = [
                "3", "0", "-1", "99999999999999999999999", "%D0%B4%D0%B2%D0%B5", String(repeating: "9", count: 5000),
            ]
            for asked in asked {
                let missing = try await browser.get("/cases/\(s.supportCase.id)/plan/print?version=" + asked)
                #expect(missing.status == .notFound, "version \(asked.prefix(30))")
            }

            let casePage = try await browser.get("/cases/\(s.supportCase.id)").body.string
            #expect(casePage.contains("/cases/\(s.supportCase.id)/plan/print?version=1"))
            #expect(casePage.contains("/cases/\(s.supportCase.id)/plan/print?version=2"))

            let printer = ExpectedPrinter(pdf: Data("%PDF-1.4 test".utf8))
            app.documentPrinter = printer
            let pdf = try await browser.get("/cases/\(s.supportCase.id)/plan/print.pdf?version=1")
            #expect(pdf.status == .ok)
            #expect(printer.pages.first?.contains("Да излиза всяка седмица") == true)

            // Another provider's worker finds no version of the case at all.
            try await addStaff(app, username: "sofia-reader", role: .caseWorker, provider: DemoProviders.sofia.id)
            let outsider = Browser(app)
            _ = try await outsider.signIn("sofia-reader")
            #expect(try await outsider.get("/cases/\(s.supportCase.id)/plan/print?version=1").status == .notFound)
        }
    }

    @Test(
        "The subject-access page is a document: Bulgarian labels, dates as 18.11.2026, answers in words, no ids, no JSON"
    )
    func exportDocument() async throws {
        try await withOpora { app, _ async throws in
            let s = try await ReferralLoopTests.assessedAndPlanned(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let page = try await browser.get("/people/\(s.person.id)/export")
            #expect(page.status == .ok)
            let text = page.body.string
            #expect(text.contains("Какво пази Опора за вас"))
            #expect(text.contains("17.03.1948"))
            #expect(text.contains("Стълбите са ми трудни"))
            #expect(text.contains("18.11.2026"))
            #expect(!text.contains("\"barthel\""))
            #expect(!text.contains("<pre"))
            #expect(!text.contains("2026-11-18"))
            // The only ids on the page are in links: to the JSON beside it and back to the page itself.
            let links = text.replacingOccurrences(of: "/people/\(s.person.id)/export", with: "")
            #expect(!links.contains(s.person.id.uuidString))
            #expect(!text.contains(s.supportCase.id.uuidString))
        }
    }
}
