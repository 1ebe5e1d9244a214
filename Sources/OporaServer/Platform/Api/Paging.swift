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
                problems.append(
                    FieldProblem(
                        field: name,
                        message: req.text(.pagingInvalid)
                            .replacingOccurrences(of: "{min}", with: String(range.lowerBound))
                            .replacingOccurrences(of: "{max}", with: String(range.upperBound))
                    )
                )
                return value
            }
            return number
        }
        let paging = Paging(
            page: read("page", default: 1, range: 1...1_000_000),
            perPage: read("perPage", default: defaultPerPage, range: 1...maximum)
        )
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

/// The `q` of a search, trimmed; refused beyond `maximum` characters, since no name or number is
/// that long and a long fragment costs the search as much as it costs the database. Characters
/// are counted as Unicode scalars, as the API document's `maxLength` counts them: a letter with a
/// pile of combining marks is one glyph but many characters to search.
enum SearchText {
    static let maximum = 200

    static func from(_ req: Request, name: String = "q") throws -> String {
        let text = (req.query[String.self, at: name] ?? "").trimmingCharacters(in: .whitespaces)
        guard text.unicodeScalars.count <= maximum else {
            throw MalformedRequest(problems: [
                FieldProblem(
                    field: name,
                    message: req.text(.errorTooLong)
                        .replacingOccurrences(of: "{max}", with: String(maximum))
                )
            ])
        }
        return text
    }
}
