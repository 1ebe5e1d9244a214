import OporaCore

/// One item of the menu. Items of all capabilities are shown by `position`, so a capability
/// places its items without knowing the others.
struct NavigationEntry: Sendable {
    var href: String
    var label: CatalogueKey
    /// Shown only to users who hold it; `nil` for everyone signed in.
    var permission: Permission?
    var position: Int
    /// Shown only to users of these jobs as well (a driver's manifest); `nil` for every job.
    var jobs: Set<JobTitle>? = nil

    func shows(to user: CurrentUser) -> Bool {
        (permission.map(user.can) ?? true) && (jobs.map { user.jobTitle.map($0.contains) ?? false } ?? true)
    }
}
