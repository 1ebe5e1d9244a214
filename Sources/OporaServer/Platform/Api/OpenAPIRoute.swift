import Vapor

/// Serves the OpenAPI document kept in `Resources/OpenAPI/openapi.json`; a test checks that it
/// and the registered routes describe the same API.
struct OpenAPIRoute: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("openapi.json", use: document)
    }

    func document(req: Request) async throws -> Response {
        let path = req.application.directory.resourcesDirectory + "OpenAPI/openapi.json"
        guard let data = FileManager.default.contents(atPath: path) else { throw Abort(.notFound) }
        return Response(
            status: .ok,
            headers: ["Content-Type": "application/json; charset=utf-8"],
            body: .init(data: data)
        )
    }
}
