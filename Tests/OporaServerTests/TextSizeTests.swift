import Testing
import VaporTesting

@testable import OporaServer

@Suite("Larger text")
struct TextSizeTests {
    @Test("Larger text is chosen before or after signing in, kept on the device, and comes back to the same page")
    func largerText() async throws {
        try await withOpora { app, _ in
            let browser = Browser(app)
            #expect(!(try await browser.get("/sign-in")).body.string.contains(#"class="large-text""#))
            let chosen = try await browser.post(
                "/text-size",
                [("size", "large"), ("back", "/sign-in")],
                from: "/sign-in"
            )
            #expect(chosen.status == .seeOther && chosen.headers.first(name: .location) == "/sign-in")
            #expect(chosen.headers[.setCookie].contains { $0.hasPrefix("opora_text=large") })
            #expect(try await browser.get("/sign-in").body.string.contains(#"<html lang="bg" class="large-text">"#))
            _ = try await browser.signIn("caseworker")
            let home = try await browser.get("/").body.string
            #expect(home.contains(#"class="large-text""#) && home.contains("Обичаен текст"))

            let unknown = try await browser.post("/text-size", [("size", "huge"), ("back", "/")], from: "/")
            #expect(unknown.status == .badRequest)
            let elsewhere = try await browser.post(
                "/text-size",
                [("size", "normal"), ("back", "https://example.org/")],
                from: "/"
            )
            #expect(elsewhere.headers.first(name: .location) == "/")
            #expect(!(try await browser.get("/")).body.string.contains(#"class="large-text""#))
            let forged = try await browser.post("/text-size", [("size", "large"), ("back", "/")], csrf: false)
            #expect(forged.status == .forbidden)
        }
    }
}
