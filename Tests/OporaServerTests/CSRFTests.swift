import Foundation
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Cross-site request forgery")
struct CSRFTests {
    @Test("Signing in without the form's token is refused")
    func signInNeedsToken() async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            let response = try await browser.post(
                "/sign-in",
                [("username", "admin"), ("password", demoPassword)],
                csrf: false
            )
            #expect(response.status == .forbidden)
            #expect(browser.cookies["opora_session"] == nil)
        }
    }

    @Test("A signed-in form posted without its token, or with another session's, changes nothing")
    func signedInFormsNeedTheirToken() async throws {
        try await withOpora { app, _ async throws in
            let victim = Browser(app)
            _ = try await victim.signIn("admin")
            let attacker = Browser(app)
            _ = try await attacker.signIn("manager")
            let attackerToken = try #require(
                try await { () async throws -> String? in
                    _ = try await attacker.get("/account")
                    return attacker.csrfToken()
                }()
            )
            let missing = try await victim.post("/account/tokens", [("name", "forged")], csrf: false)
            #expect(missing.status == .forbidden)
            let foreign = try await victim.post(
                "/account/tokens",
                [("name", "forged"), ("_csrf", attackerToken)],
                csrf: false
            )
            #expect(foreign.status == .forbidden)
            let page = try await victim.get("/account")
            #expect(!page.body.string.contains("forged"))
        }
    }
}
