import Foundation

/// A form on the person's file that could not be saved. The file is shown again with what was
/// typed and, beside each field, what is wrong, instead of a redirect that would lose the text.
struct RefusedForm: Sendable {
    enum Kind: Sendable { case household, intake, consent, transition, note, referral }

    var kind: Kind
    var caseID: UUID?
    var values: [String: String]
    var chosen: Set<String> = []
    var errors: [String: String]
    var summary: [String]

    func state(_ kind: Kind, caseID: UUID? = nil) -> FormState {
        guard kind == self.kind, caseID == self.caseID else { return FormState() }
        return FormState(values: values, errors: errors)
    }

    func isChosen(_ value: String, in kind: Kind, caseID: UUID? = nil) -> Bool {
        kind == self.kind && caseID == self.caseID && chosen.contains(value)
    }
}

/// What one form on the file shows: the typed values and the message beside each field.
struct FormState: Encodable, Sendable {
    var values: [String: String] = [:]
    var errors: [String: String] = [:]
}
