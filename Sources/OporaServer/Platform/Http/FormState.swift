import Foundation
import Vapor

/// One form as its page draws it: the values as typed and, after a refusal, the message beside
/// each field. A refused form is never a redirect: the page is rendered again (422) from the
/// same `FormState`, with an `ErrorSummary` at the top, so nothing typed is lost.
struct FormState: Encodable, Sendable {
    var values: [String: String] = [:]
    var errors: [String: String] = [:]
}

/// The box at the top of a refused form (`partials/error-summary.leaf`): what went wrong, each
/// problem linked to its field, and links that help (the possible duplicates of a person).
struct ErrorSummary: Encodable, Sendable {
    struct Problem: Encodable, Sendable {
        /// `#field` when the page has an element of that id; `nil` for the form as a whole.
        var href: String?
        var message: String
    }

    struct Link: Encodable, Sendable {
        var href: String
        var label: String
    }

    var title: String
    var problems: [Problem] = []
    var links: [Link] = []
}

/// A form refused on a page that holds several (the small forms of a person's file): which one,
/// with what was typed and chosen, so that only that form shows it.
struct RefusedForm: Sendable {
    /// Names the form on the page, e.g. `note` or `note:<case id>`.
    var target: String
    var state: FormState
    var chosen: Set<String> = []
    var summary: ErrorSummary

    func state(_ target: String) -> FormState {
        target == self.target ? state : FormState()
    }
}

extension Request {
    /// The summary of a refusal: the catalogue's title, then every problem in the order found.
    /// The problems link to the fields' elements, whose id is the field's name, with `idPrefix` and
    /// `idSuffix` where a page holds several forms (`to-<case id>` when every case has a field `to`).
    func errorSummary(_ failure: ValidationFailure, idPrefix: String = "", idSuffix: String = "") -> ErrorSummary {
        ErrorSummary(
            title: text(.errorValidationTitle),
            problems: failure.problems.map { problem in
                let simple = !problem.field.isEmpty && problem.field.allSatisfy { $0.isLetter || $0.isNumber }
                return ErrorSummary.Problem(
                    href: simple ? "#" + idPrefix + problem.field + idSuffix : nil,
                    message: fieldLabel(problem.field).map { "\($0): \(problem.message)" } ?? problem.message
                )
            }
        )
    }

    /// The field's label as its form shows it (`familyName` → `field_family_name`), when the
    /// catalogue has one, so that a line of the summary says which field it is about.
    private func fieldLabel(_ field: String) -> String? {
        guard !field.isEmpty, field.allSatisfy({ $0.isLetter }) else { return nil }
        let snake = field.reduce(into: "") { result, character in
            result += character.isUppercase ? "_" + character.lowercased() : String(character)
        }
        let key = CatalogueKey(rawValue: "field_" + snake)
        return application.catalogue.has(key, language) ? text(key) : nil
    }

    /// A refusal of the form as a whole, such as an edit that lost to someone else's.
    func errorSummary(message: String) -> ErrorSummary {
        ErrorSummary(title: message)
    }

    /// The typed values with the message beside each field that has one.
    func refused(_ values: [String: String], _ failure: ValidationFailure) -> FormState {
        FormState(values: values, errors: failure.byField)
    }
}

extension RefusedForm {
    /// The form as typed, before the store answers; a refusal adds the messages.
    init(target: String, values: [String: String], chosen: Set<String> = []) {
        self.init(target: target, state: FormState(values: values), chosen: chosen, summary: ErrorSummary(title: ""))
    }
}
