import Foundation
import OporaCore
import Vapor

/// The signed-in user as plain values, loaded once per request by the authenticators.
struct CurrentUser: Authenticatable, Sendable {
    let id: UUID
    let username: String
    let displayName: String
    let language: Language
    let providerID: UUID?
    /// What the user does at their provider, where recorded: a few pages are for one job only.
    let jobTitle: JobTitle?
    let grants: [GrantValue]
    /// Set for browser sessions; API calls authenticate with a token and carry no CSRF secret.
    let csrfToken: String?

    var roles: Set<Role> { Set(grants.map(\.role)) }

    func has(_ role: Role) -> Bool { roles.contains(role) }

    func can(_ permission: Permission) -> Bool { !roles.isDisjoint(with: permission.roles) }

    func scope(for permission: Permission) -> AccessScope {
        AccessScope(grants: grants, roles: permission.roles)
    }
}

extension Request {
    /// The signed-in user, or 401 when there is none (the page routes redirect before this).
    func currentUser() throws -> CurrentUser {
        guard let user = auth.get(CurrentUser.self) else { throw Abort(.unauthorized) }
        return user
    }

    /// 403 unless the user holds the permission; records outside the scope answer 404 elsewhere.
    func require(_ permission: Permission) throws -> CurrentUser {
        let user = try currentUser()
        guard user.can(permission) else { throw Abort(.forbidden) }
        return user
    }
}
