import Foundation
import NIOHTTP1
import Testing
import Vapor
import VaporTesting

@testable import OporaServer

/// A browser-like client: keeps cookies, finds the CSRF token in the last page, posts forms.
final class Browser {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    private(set) var lastBody = ""

    /// The client address a trusted proxy reports (tests run with `OPORA_TRUST_PROXY=true`); the
    /// first `X-Forwarded-For` entry is always the same forged one, which must not count.
    let address: String?

    init(_ app: Application, address: String? = nil) {
        self.app = app
        self.address = address
    }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await send(.GET, path, body: nil, contentType: nil)
    }

    /// Posts a form with the CSRF token of the page at `from` (the last page when nil).
    @discardableResult
    func post(
        _ path: String,
        _ fields: [(String, String)],
        from page: String? = nil,
        csrf: Bool = true
    ) async throws -> TestingHTTPResponse {
        if let page { try await get(page) }
        var all = fields
        if csrf, let token = csrfToken() { all.append(("_csrf", token)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(.POST, path, body: body, contentType: "application/x-www-form-urlencoded")
    }

    func signIn(_ username: String, password: String = demoPassword) async throws -> TestingHTTPResponse {
        try await post("/sign-in", [("username", username), ("password", password)], from: "/sign-in")
    }

    func csrfToken() -> String? {
        guard let range = lastBody.range(of: #"name="_csrf" value=""#) else { return nil }
        let rest = lastBody[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// Posts a multipart form with one file, as a page with a file field does, with the CSRF
    /// token of the page at `from`.
    @discardableResult
    func upload(
        _ path: String,
        _ fields: [(String, String)],
        file: (field: String, name: String, type: String, bytes: [UInt8]),
        from page: String
    ) async throws -> TestingHTTPResponse {
        try await get(page)
        var all = fields
        if let token = csrfToken() { all.append(("_csrf", token)) }
        let boundary = "opora-test-boundary"
        var body = ByteBuffer()
        for (name, value) in all {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\n"
                + "Content-Type: \(file.type)\r\n\r\n"
        )
        body.writeBytes(file.bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await send(
            .POST,
            path,
            buffer: body,
            mediaType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary])
        )
    }

    func send(
        _ method: HTTPMethod,
        _ path: String,
        body: String?,
        contentType: String?,
        accept: String? = nil
    ) async throws -> TestingHTTPResponse {
        let parts = contentType?.split(separator: "/").map(String.init)
        return try await send(
            method,
            path,
            buffer: body.map { ByteBuffer(string: $0) },
            mediaType: parts.map { HTTPMediaType(type: $0[0], subType: $0[1]) },
            accept: accept
        )
    }

    func send(
        _ method: HTTPMethod,
        _ path: String,
        buffer: ByteBuffer?,
        mediaType: HTTPMediaType?,
        accept: String? = nil
    ) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let accept { headers.add(name: .accept, value: accept) }
        if let address { headers.add(name: .xForwardedFor, value: "192.0.2.99, \(address)") }
        if !cookies.isEmpty {
            headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let mediaType { headers.contentType = mediaType }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: buffer)
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            let expired = header.lowercased().contains("max-age=0")
            if expired || pair[1].isEmpty { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] }
        }
        if response.headers.contentType?.subType == "html" { lastBody = response.body.string }
        return response
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

/// Calls to `/api/v1` with a bearer token.
struct APIClient {
    let app: Application
    var token: String?

    @discardableResult
    func call(_ method: HTTPMethod, _ path: String, json: String? = nil) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        if json != nil { headers.contentType = .json }
        return try await app.testing().sendRequest(
            method,
            "/api/v1" + path,
            headers: headers,
            body: json.map { ByteBuffer(string: $0) }
        )
    }

    static func signIn(
        _ app: Application,
        _ username: String,
        password: String = demoPassword
    ) async throws -> APIClient {
        let response = try await APIClient(app: app).call(
            .POST,
            "/auth/token",
            json: #"{"username":"\#(username)","password":"\#(password)"}"#
        )
        #expect(response.status == .created, "token for \(username): \(response.body.string)")
        let body = try JSONDecoder().decode([String: String].self, from: Data(response.body.readableBytesView))
        return APIClient(app: app, token: body["token"])
    }
}

extension TestingHTTPResponse {
    func json<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(body.readableBytesView))
    }
}
