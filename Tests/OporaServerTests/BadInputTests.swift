import Foundation
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Bad input gets a 4xx, never a 500")
struct BadInputTests {
    @Test("An unknown page answers 404 in Bulgarian without internals")
    func unknownPage() async throws {
        try await withOpora(seed: false) { app, _ async throws in
            let response = try await Browser(app).get("/no/such/page")
            #expect(response.status == .notFound)
            #expect(response.body.string.contains("Страницата не е намерена."))
            #expect(!response.body.string.contains("Abort"))
        }
    }

    @Test("An unknown API route answers problem details")
    func unknownAPIRoute() async throws {
        try await withOpora(seed: false) { app, _ async throws in
            let response = try await APIClient(app: app).call(.GET, "/nothing-here")
            #expect(response.status == .notFound)
            #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
        }
    }

    @Test("A method the path does not take answers 405 with the methods it does")
    func wrongMethod() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "caseworker")
            let response = try await api.call(.DELETE, "/people")
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers.first(name: .allow) == "GET, HEAD, POST")
            #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            let person = try await api.call(.PUT, "/people/\(UUID())")
            #expect(person.status == .methodNotAllowed)
            #expect(person.headers.first(name: .allow) == "GET, HEAD, PATCH")
            #expect(try await api.call(.DELETE, "/no/such/thing").status == .notFound)
        }
    }

    @Test("A malformed UUID in the path is a 4xx")
    func malformedUUID() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "admin")
            #expect(try await api.call(.GET, "/providers/not-a-uuid").status == .badRequest)
            let browser = Browser(app)
            _ = try await browser.signIn("admin")
            let page = try await browser.get("/providers/not-a-uuid")
            #expect((400..<500).contains(page.status.code))
        }
    }

    @Test("A settlement search with an empty municipality, or a fragment of more characters than allowed, is a 400")
    func settlementSearchLimits() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "admin")
            #expect(try await api.call(.GET, "/settlements?municipality=&q=%D0%9A").status == .badRequest)
            // One letter under 200 combining marks: one glyph, 201 characters as the API document counts them.
            let piled = "o" + String(repeating: "\u{0301}", count: 200)
            let query = piled.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await api.call(.GET, "/settlements?q=\(query)").status == .badRequest)
            #expect(try await api.call(.GET, "/settlements?municipality=KNL29").status == .ok)
        }
    }

    @Test("Malformed JSON is a 400 with problem details")
    func malformedJSON() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "admin")
            let response = try await api.call(.POST, "/providers", json: #"{"name": "unterminated"#)
            #expect(response.status == .badRequest)
            #expect(try response.json(ProblemDetails.self).status == 400)
            let wrongType = try await api.call(.POST, "/providers", json: #"{"name": 42}"#)
            #expect(wrongType.status == .badRequest)
            #expect(try wrongType.json(ProblemDetails.self).errors?.map(\.field) == ["name"])
        }
    }

    @Test("A value of the wrong kind or out of range names its field, in the user's language")
    func wrongKindNamesTheField() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let number = try await s.api.call(
                .PATCH,
                "/people/\(s.person.id)",
                json: #"{"givenName": 5, "version": 1}"#
            )
            #expect(number.status == .badRequest)
            let problems = try number.json(ProblemDetails.self)
            #expect(problems.errors?.map(\.field) == ["givenName"])
            #expect(problems.errors?.first?.message == "Очаква се текст в кавички.")
            let huge = try await s.api.call(
                .POST,
                "/cases/\(s.supportCase.id)/transitions",
                json: #"{"to": "assessment", "reason": "Посещение", "version": 123456789012345678901234567890}"#
            )
            #expect(huge.status == .badRequest)
            #expect(try huge.json(ProblemDetails.self).errors?.map(\.field) == ["version"])
            let unknownChoice = try await s.api.call(
                .POST,
                "/cases/\(s.supportCase.id)/transitions",
                json: #"{"to": "somewhere", "reason": "x", "version": 1}"#
            )
            #expect(try unknownChoice.json(ProblemDetails.self).errors?.map(\.field) == ["to"])
            #expect(try await s.api.call(.GET, "/cases/\(s.supportCase.id)").json(CaseDTO.self).state == "request")
        }
    }

    @Test("An oversized body is refused with 413 by the running server")
    func oversizedBody() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "admin")
            let huge = #"{"name":""# + String(repeating: "я", count: 600_000) + #""}"#
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: api.token!)
            headers.contentType = .json
            let response = try await app.testing(method: .running(port: 0)).sendRequest(
                .POST,
                "/api/v1/providers",
                headers: headers,
                body: ByteBuffer(string: huge)
            )
            #expect(response.status == .payloadTooLarge)
            #expect(try await Provider.query(on: app.db).count() == 5, "the demo's providers, and none more")
        }
    }

    @Test("A broken form encoding is a 4xx and changes nothing")
    func brokenForm() async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            _ = try await browser.signIn("admin")
            let token = try #require(browser.csrfToken())
            let response = try await browser.send(
                .POST,
                "/providers",
                body: "_csrf=\(token)&name=%ZZ%&kind[]]=x",
                contentType: "application/x-www-form-urlencoded"
            )
            #expect((400..<500).contains(response.status.code))
        }
    }

    @Test("An API call without a token is a 401 that names the scheme")
    func missingToken() async throws {
        try await withOpora(seed: false) { app, _ async throws in
            let response = try await APIClient(app: app).call(.GET, "/me")
            #expect(response.status == .unauthorized)
            #expect(response.headers.first(name: .wwwAuthenticate) == "Bearer")
        }
    }

    @Test("A revoked token no longer works")
    func revokedToken() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "planner")
            let tokens = try await api.call(.GET, "/tokens").json([TokenDTO].self)
            #expect(tokens.count == 1)
            #expect(try await api.call(.DELETE, "/tokens/\(tokens[0].id)").status == .noContent)
            #expect(try await api.call(.GET, "/me").status == .unauthorized)
        }
    }

    @Test("Paging outside its range is a 400 naming the parameter, not a silent clamp")
    func pagingOutOfRange() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "admin")
            for query in ["perPage=201", "perPage=0", "page=0", "perPage=abc"] {
                let response = try await api.call(.GET, "/providers?\(query)")
                #expect(response.status == .badRequest, "\(query)")
                #expect(
                    try response.json(ProblemDetails.self).errors?.first?.field == String(query.prefix { $0 != "=" })
                )
            }
            #expect(try await api.call(.GET, "/providers?perPage=200&page=1").status == .ok)
        }
    }
}
