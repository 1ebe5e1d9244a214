import Vapor

/// The public folder's files, for paths a file could have. A path with a component longer than
/// a file name may be (255 bytes) makes the file system's `stat` fail, which `FileMiddleware`
/// answers with a 500; such a path names no file, so it goes on to the routes, which refuse it
/// with their own message.
struct PublicFiles: AsyncMiddleware {
    let files: FileMiddleware

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
    }

    static let longestName = 255

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        if path.split(separator: "/").contains(where: { $0.utf8.count > Self.longestName }) {
            return try await next.respond(to: request)
        }
        return try await files.respond(to: request, chainingTo: next)
    }
}
