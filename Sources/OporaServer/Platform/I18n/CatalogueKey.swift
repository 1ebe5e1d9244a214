/// A key of the string catalogue. Swift code names a key only as a static member declared in
/// its folder's keys file (`PlatformKeys.swift`, and one beside each capability), so the
/// catalogue test reads there every key the code can ask for. `init(rawValue:)` is for keys
/// that arrive as text: from a template's `#t("…")`, a flash cookie, a field's name.
struct CatalogueKey: RawRepresentable, Hashable, Sendable {
    let rawValue: String

    init(rawValue: String) { self.rawValue = rawValue }

    init(_ rawValue: String) { self.rawValue = rawValue }
}
