import OporaCore
import Vapor

/// The menu a role sees; items appear only where the role has something to do.
enum Navigation {
    static func items(for user: CurrentUser, path: String, request: Request) -> [NavItem] {
        var items: [(String, String)] = [("/", "nav_home")]
        if user.can(.viewPeople) {
            items.append(("/people", "nav_people"))
            items.append(("/referrals", "nav_referrals"))
        }
        if user.can(.viewProviders) { items.append(("/providers", "nav_providers")) }
        items.append(("/territory", "nav_territory"))
        if user.can(.manageUsers) { items.append(("/admin/users", "nav_users")) }
        if user.can(.viewAudit) { items.append(("/admin/audit", "nav_audit")) }
        items.append(("/account", "nav_account"))
        return items.map { href, key in
            let current = href == "/" ? path == "/" : path.hasPrefix(href)
            return NavItem(href: href, label: request.text(key), current: current)
        }
    }
}
