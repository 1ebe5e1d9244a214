import Fluent
import OporaCore
import Vapor

/// A provider as a form or an API body sends it; every field optional so that each missing one
/// is reported by name rather than as a decoding failure.
struct ProviderInput: Content, Sendable {
    var name: String?
    var kind: String?
    var eik: String?
    var municipalityCode: String?
    var address: String?
    var phone: String?
    var email: String?
    /// The version the editor started from; required when changing a provider.
    var version: Int?
}

/// A provider whose fields have all been checked.
struct ProviderDraft: Sendable {
    var name: String
    var kind: ProviderKind
    var eik: String
    var municipality: Municipality
    var address: String?
    var phone: String?
    var email: String?

    static func validate(_ input: ProviderInput, request req: Request) async throws -> ProviderDraft {
        var checks = req.fieldChecks()
        let name = checks.text("name", input.name, maximum: 200)
        let kind = input.kind.flatMap(ProviderKind.init(rawValue:))
        if kind == nil {
            checks.add("kind", key: (input.kind ?? "").isEmpty ? .errorRequired : .errorChooseFromList)
        }
        var eik = ""
        let rawEIK = (input.eik ?? "").trimmingCharacters(in: .whitespaces)
        if rawEIK.isEmpty {
            checks.add("eik", key: .errorRequired)
        } else {
            do { eik = try EIK.parse(rawEIK).value } catch { checks.add("eik", error) }
        }
        let code = (input.municipalityCode ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let municipality = code.isEmpty ? nil : try await TerritoryQueries.municipality(code, on: req.db)
        if municipality == nil {
            checks.add("municipalityCode", key: code.isEmpty ? .errorRequired : .municipalityUnknown)
        }
        let address = checks.text("address", input.address, maximum: 300, required: false)
        let phone = checks.text("phone", input.phone, maximum: 40, required: false)
        if !phone.isEmpty, !phone.allSatisfy({ $0.isNumber || " +-()".contains($0) }) {
            checks.add("phone", key: .phoneInvalid)
        }
        let email = checks.text("email", input.email, maximum: 200, required: false)
        if !email.isEmpty, !Self.looksLikeEmail(email) { checks.add("email", key: .emailInvalid) }
        try checks.finish()
        return ProviderDraft(
            name: name,
            kind: kind!,
            eik: eik,
            municipality: municipality!,
            address: address.isEmpty ? nil : address,
            phone: phone.isEmpty ? nil : phone,
            email: email.isEmpty ? nil : email
        )
    }

    static func looksLikeEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !s.contains(" ")
    }

    func apply(to provider: Provider) -> [FieldChange] {
        var changes: [FieldChange] = []
        func set<T: Equatable & CustomStringConvertible>(_ field: String, _ old: T?, _ new: T?, _ assign: () -> Void) {
            if old != new {
                changes.append(FieldChange(field: field, old: old?.description, new: new?.description))
                assign()
            }
        }
        let isNew = provider.id == nil
        set("name", isNew ? nil : provider.name, name) { provider.name = name }
        provider.sortKey = BulgarianCollation.sortKey(name)
        set("kind", isNew ? nil : provider.kind.rawValue, kind.rawValue) { provider.kind = kind }
        set("eik", isNew ? nil : provider.eik, eik) { provider.eik = eik }
        let code = municipality.id!
        set("municipalityCode", isNew ? nil : provider.municipalityCode, code) {
            provider.municipalityCode = code
            provider.oblastCode = municipality.oblastCode
        }
        set("address", provider.address, address) { provider.address = address }
        set("phone", provider.phone, phone) { provider.phone = phone }
        set("email", provider.email, email) { provider.email = email }
        return changes
    }
}
