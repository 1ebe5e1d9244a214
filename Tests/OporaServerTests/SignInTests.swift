import Foundation
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Signing in and out")
struct SignInTests {
    @Test("A case worker signs in with the demo password and sees a Bulgarian home page")
    func signInSucceeds() async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            let response = try await browser.signIn("caseworker")
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/")
            let session = response.headers[.setCookie].first { $0.hasPrefix("opora_session=") } ?? ""
            #expect(session.contains("HttpOnly"))
            #expect(session.contains("SameSite=Lax"))
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains(#"<html lang="bg">"#))
            #expect(home.body.string.contains("Елена Димитрова"))
            #expect(home.body.string.contains(#"id="sign-out""#))
        }
    }

    @Test("A wrong password and an unknown account get the same answer")
    func failureRevealsNothing() async throws {
        try await withOpora { app, _ async throws in
            let wrongPassword = try await Browser(app).signIn("caseworker", password: "not-the-password")
            let unknownUser = try await Browser(app).signIn("nobody-here", password: "not-the-password")
            #expect(wrongPassword.status == .unauthorized)
            #expect(unknownUser.status == .unauthorized)
            let message = "Грешно потребителско име или парола, или профилът е временно заключен."
            #expect(wrongPassword.body.string.contains(message))
            #expect(unknownUser.body.string.contains(message))
            #expect(wrongPassword.body.string.contains(#"class="error-summary""#))
        }
    }

    @Test(
        "Five wrong passwords make that address wait before the account, with a delay that doubles; other addresses are not locked out"
    )
    func growingDelayPerAccountAndAddress() async throws {
        try await withOpora { app, clock async throws in
            let attacker = Browser(app, address: "203.0.113.7")
            for _ in 1...5 {
                #expect(try await attacker.signIn("manager", password: "wrong-password-1").status == .unauthorized)
            }
            #expect(try await attacker.signIn("manager").status == .unauthorized)
            #expect(try await Browser(app, address: "198.51.100.2").signIn("manager").status == .seeOther)
            clock.advance(minutes: 1)
            #expect(try await attacker.signIn("manager", password: "wrong-password-1").status == .unauthorized)
            clock.advance(minutes: 1)
            #expect(try await attacker.signIn("manager").status == .unauthorized)
            clock.advance(minutes: 3)
            #expect(try await attacker.signIn("manager").status == .seeOther)
        }
    }

    @Test("The API token exchange obeys the same lockout")
    func apiLockout() async throws {
        try await withOpora { app, _ async throws in
            let api = APIClient(app: app)
            for _ in 1...5 {
                let response = try await api.call(
                    .POST,
                    "/auth/token",
                    json: #"{"username":"director","password":"wrong-password-1"}"#
                )
                #expect(response.status == .unauthorized)
                #expect(response.headers.contentType?.description.contains("application/problem+json") == true)
            }
            let locked = try await api.call(
                .POST,
                "/auth/token",
                json: #"{"username":"director","password":"\#(demoPassword)"}"#
            )
            #expect(locked.status == .unauthorized)
        }
    }

    @Test("Many failures from one address are refused before any password is checked")
    func addressThrottle() async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            for attempt in 1...SignIn.addressMaximumFailures {
                _ = try await browser.signIn("user\(attempt)", password: "wrong-password-1")
            }
            let response = try await browser.signIn("caseworker")
            #expect(response.status == .tooManyRequests)
        }
    }

    @Test("A session idle for more than 30 minutes ends and asks to sign in again")
    func idleExpiry() async throws {
        try await withOpora { app, clock async throws in
            let browser = Browser(app)
            _ = try await browser.signIn("coordinator")
            clock.advance(minutes: 29)
            #expect(try await browser.get("/").status == .ok)
            clock.advance(minutes: 31)
            let expired = try await browser.get("/")
            #expect(expired.status == .seeOther)
            #expect(expired.headers.first(name: .location) == "/sign-in")
        }
    }

    @Test("Signing out ends the session on the server, not just in the browser")
    func signOut() async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            _ = try await browser.signIn("careworker")
            let stolen = browser.cookies["opora_session"]!
            let out = try await browser.post("/sign-out", [], from: "/")
            #expect(out.headers.first(name: .location) == "/sign-in")
            let thief = Browser(app)
            let response = try await thief.send(
                .GET,
                "/",
                body: nil,
                contentType: nil,
                cookie: "opora_session=\(stolen)"
            )
            #expect(response.status == .seeOther)
        }
    }

    @Test("Changing the password enforces the policy and the new password works")
    func passwordChange() async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            _ = try await browser.signIn("inspector")
            let weak = try await browser.post(
                "/account/password",
                [("current", demoPassword), ("new", "password1234"), ("repeated", "password1234")],
                from: "/account"
            )
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.body.string.contains(#"class="field-error""#))
            let strong = "Зелена-ливада-над-Осогово"
            let changed = try await browser.post(
                "/account/password",
                [("current", demoPassword), ("new", strong), ("repeated", strong)],
                from: "/account"
            )
            #expect(changed.status == .seeOther)
            #expect(try await Browser(app).signIn("inspector").status == .unauthorized)
            #expect(try await Browser(app).signIn("inspector", password: strong).status == .seeOther)
        }
    }

    @Test("The language switch shows English and is remembered for the user")
    func languageSwitch() async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            _ = try await browser.post("/language", [("lang", "en"), ("back", "/")], from: "/")
            let english = try await browser.get("/")
            #expect(english.body.string.contains(#"<html lang="en">"#))
            #expect(english.body.string.contains("Sign out"))
            let again = Browser(app)
            _ = try await again.signIn("caseworker")
            #expect(try await again.get("/").body.string.contains(#"<html lang="en">"#))
        }
    }
}

extension Browser {
    func send(
        _ method: HTTPMethod,
        _ path: String,
        body: String?,
        contentType: String?,
        cookie: String
    ) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.add(name: .cookie, value: cookie)
        return try await app.testing().sendRequest(
            method,
            path,
            headers: headers,
            body: body.map { ByteBuffer(string: $0) }
        )
    }
}
