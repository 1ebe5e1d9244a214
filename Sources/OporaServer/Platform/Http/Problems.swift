import OporaCore
import Vapor

/// One thing wrong with one field, already in the user's language.
struct FieldProblem: Codable, Sendable, Equatable {
    var field: String
    var message: String
}

/// Input that failed validation; pages show each message beside its field, the API lists them
/// all in the problem details.
struct ValidationFailure: Error, Sendable {
    var problems: [FieldProblem]
}

extension ValidationFailure {
    /// Problems gathered by field, in the order of the fields' names.
    init(_ byField: [String: String]) {
        self.init(problems: byField.keys.sorted().map { FieldProblem(field: $0, message: byField[$0]!) })
    }

    /// The first message per field, as forms show them.
    var byField: [String: String] {
        Dictionary(problems.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A stale version: someone else saved the record since this user opened it.
struct EditConflict: Error, Sendable {
    var recordType: String
}

/// RFC 9457 problem details, with the field list for validation failures.
struct ProblemDetails: Content, Sendable {
    static let defaultContentType = HTTPMediaType(
        type: "application",
        subType: "problem+json",
        parameters: ["charset": "utf-8"]
    )

    var type: String
    var title: String
    var status: Int
    var detail: String?
    var errors: [FieldProblem]?
}

/// Collects field problems while a form or body is checked, so the user hears of all at once.
struct FieldChecks {
    private(set) var problems: [FieldProblem] = []
    let language: Language
    let catalogue: Catalogue

    init(language: Language, catalogue: Catalogue) {
        self.language = language
        self.catalogue = catalogue
    }

    mutating func add(_ field: String, key: CatalogueKey) {
        problems.append(FieldProblem(field: field, message: catalogue.text(key, language)))
    }

    mutating func add(_ field: String, message: String) {
        problems.append(FieldProblem(field: field, message: message))
    }

    mutating func add(_ field: String, _ problem: some LocalizedProblem) {
        problems.append(FieldProblem(field: field, message: problem.message(in: language)))
    }

    /// A trimmed, required text of at most `maximum` characters.
    mutating func text(_ field: String, _ value: String?, maximum: Int = 200, required: Bool = true) -> String {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            if required { add(field, key: .errorRequired) }
        } else if trimmed.count > maximum {
            problems.append(
                FieldProblem(
                    field: field,
                    message: catalogue.text(.errorTooLong, language)
                        .replacingOccurrences(of: "{max}", with: String(maximum))
                )
            )
        }
        return trimmed
    }

    func finish() throws {
        if !problems.isEmpty { throw ValidationFailure(problems: problems) }
    }
}

extension Request {
    func fieldChecks() -> FieldChecks { FieldChecks(language: language, catalogue: application.catalogue) }
}
