import Foundation
import Testing
import Vapor
import VaporTesting

@testable import OporaServer

@Suite("OpenAPI document")
struct OpenAPITests {
    /// `/providers/:providerID` and `/providers/{providerId}` both become `/providers/{}`.
    static func shape(_ path: String) -> String {
        path.split(separator: "/").map { $0.hasPrefix(":") || $0.hasPrefix("{") ? "{}" : String($0) }.joined(
            separator: "/"
        )
    }

    @Test("The document served at /api/v1/openapi.json describes exactly the registered API routes")
    func documentMatchesRoutes() async throws {
        try await withOpora(seed: false) { app, _ async throws in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document =
                try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = document["paths"] as! [String: [String: Any]]
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys {
                    documented.insert("\(method.uppercased()) \(Self.shape("api/v1" + path))")
                }
            }
            let registered = Set(
                app.routes.all.compactMap { route -> String? in
                    let path = route.path.map(\.description).joined(separator: "/")
                    guard path.hasPrefix("api/v1/") else { return nil }
                    return "\(route.method.rawValue) \(Self.shape(path))"
                }
            )
            #expect(registered.subtracting(documented).sorted() == [], "routes missing from the document")
            #expect(documented.subtracting(registered).sorted() == [], "documented operations without a route")
        }
    }
}
