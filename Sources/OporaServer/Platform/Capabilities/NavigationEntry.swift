/// One item of the menu. Items of all capabilities are shown by `position`, so a capability
/// places its items without knowing the others.
struct NavigationEntry: Sendable {
    var href: String
    var label: CatalogueKey
    /// Shown only to users who hold it; `nil` for everyone signed in.
    var permission: Permission?
    var position: Int
}
