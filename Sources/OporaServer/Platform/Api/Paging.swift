import Vapor

/// `page` and `perPage` from the query, refused when out of range instead of silently clamped.
struct Paging: Sendable {
    var page: Int
    var perPage: Int

    static func from(_ req: Request, defaultPerPage: Int = 50, maximum: Int = 200) throws -> Paging {
        var problems: [FieldProblem] = []
        func read(_ name: String, default value: Int, range: ClosedRange<Int>) -> Int {
            guard let raw = req.query[String.self, at: name] else { return value }
            guard let number = Int(raw), range.contains(number) else {
                problems.append(FieldProblem(field: name, message: req.text("paging_invalid")
                    .replacingOccurrences(of: "{min}", with: String(range.lowerBound))
                    .replacingOccurrences(of: "{max}", with: String(range.upperBound))))
                return value
            }
            return number
        }
        let paging = Paging(page: read("page", default: 1, range: 1...1_000_000), perPage: read("perPage", default: defaultPerPage, range: 1...maximum))
        guard problems.isEmpty else { throw MalformedRequest(problems: problems) }
        return paging
    }
}

/// A malformed query parameter or body field: a 400 that lists each field and what is wrong with it.
struct MalformedRequest: AbortError {
    var problems: [FieldProblem]
    var status: HTTPResponseStatus { .badRequest }
    var reason: String { problems.map(\.message).joined(separator: " ") }
}
