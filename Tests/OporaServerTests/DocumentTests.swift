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
