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
            throw Abort(.badRequest, reason: text(.errorBodyMissing))
        }
        let data = Data(buffer.readableBytesView)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            guard let problem = fieldProblem(error) ?? numberOutOfRange(in: data) else {
                throw Abort(.badRequest, reason: text(.errorBodyMalformed))
            }
            throw MalformedRequest(problems: [problem])
        }
    }

    /// The JSON reader refuses a whole body over one integer longer than 64 bits can hold; name it.
    private func numberOutOfRange(in data: Data) -> FieldProblem? {
        guard let body = String(data: data, encoding: .utf8),
            let match = body.matches(of: #/"([^"\\]+)"\s*:\s*(-?[0-9]{19,})/#).first(where: {
                Int64($0.output.2) == nil
            })
        else { return nil }
        return FieldProblem(field: String(match.output.1), message: text(.errorNumberOutOfRange))
    }

    /// The field a decoding error is about and what is wrong with it, in the user's language; nil
    /// when the body as a whole cannot be read.
    private func fieldProblem(_ error: DecodingError) -> FieldProblem? {
        func field(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return FieldProblem(field: field(context.codingPath + [key]), message: text(.errorRequired))
        case .valueNotFound(_, let context) where !context.codingPath.isEmpty:
            return FieldProblem(field: field(context.codingPath), message: text(.errorRequired))
        case .typeMismatch(let type, let context) where !context.codingPath.isEmpty:
            return FieldProblem(field: field(context.codingPath), message: text(Self.expectedKind(type)))
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return FieldProblem(field: field(context.codingPath), message: text(.errorValueUnreadable))
        default:
            return nil
        }
    }

    private static func expectedKind(_ type: Any.Type) -> CatalogueKey {
        switch type {
        case is any BinaryInteger.Type, is any BinaryFloatingPoint.Type: .errorExpectedNumber
        case is Bool.Type: .errorExpectedBoolean
        case is String.Type, is UUID.Type: .errorExpectedText
        case is [Any].Type: .errorExpectedList
        default: .errorExpectedObject
        }
    }
}

extension Request {
    /// A path identifier; anything but a UUID is a 400 that says so, in the user's language.
    func uuidParameter(_ name: String) throws -> UUID {
        guard let raw = parameters.get(name), let id = UUID(uuidString: raw) else {
            throw Abort(.badRequest, reason: text(.uuidInvalid))
        }
        return id
    }
}
