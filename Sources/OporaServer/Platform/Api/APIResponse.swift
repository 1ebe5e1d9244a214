import Vapor

extension Request {
    /// Encodes a body with the API's JSON conventions.
    func json<T: Encodable>(_ value: T, status: HTTPStatus = .ok) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(value, using: JSONEncoder.api)
        return response
    }

    /// Decodes a JSON body; a malformed one is a 400 with the decoder's reason, not a 500.
    func decodeJSON<T: Decodable>(_ type: T.Type) throws -> T {
        guard let buffer = body.data, buffer.readableBytes > 0 else {
            throw Abort(.badRequest, reason: text("error_body_missing"))
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw Abort(.badRequest, reason: text("error_body_malformed") + " " + error.shortDescription)
        }
    }
}

extension DecodingError {
    var shortDescription: String {
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return ""
        }
    }
}

extension Request {
    /// A path identifier; anything but a UUID is a 400 that says so, in the user's language.
    func uuidParameter(_ name: String) throws -> UUID {
        guard let raw = parameters.get(name), let id = UUID(uuidString: raw) else {
            throw Abort(.badRequest, reason: text("uuid_invalid"))
        }
        return id
    }
}
