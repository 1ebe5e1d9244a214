import OporaCore
import Vapor

/// The menu a role sees; items appear only where the role has something to do.
enum Navigation {
    static let platform: [NavigationEntry] = [
        NavigationEntry(href: "/", label: .navHome, permission: nil, position: 0),
        NavigationEntry(href: "/admin/users", label: .navUsers, permission: .manageUsers, position: 900),
        NavigationEntry(href: "/admin/audit", label: .navAudit, permission: .viewAudit, position: 910),
        NavigationEntry(href: "/account", label: .navAccount, permission: nil, position: 1000),
    ]

    static func items(for user: CurrentUser, path: String, request: Request) -> [NavItem] {
        let entries = platform + request.application.capabilities.all.flatMap(\.navigation)
        return entries.filter { $0.shows(to: user) }.sorted { $0.position < $1.position }.map {
            entry in
            let current = entry.href == "/" ? path == "/" : path.hasPrefix(entry.href)
            return NavItem(href: entry.href, label: request.text(entry.label), current: current)
        }
    }
}
