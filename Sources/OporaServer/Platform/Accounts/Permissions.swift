import OporaCore

/// What a role lets its holder do inside the holder's scope. Platform declares its own; each
/// capability declares the permissions it checks next to its routes.
struct Permission: Hashable, Sendable {
    /// A stable name, for the access table.
    let name: String
    /// Roles that carry the permission; the scope of the grant says where.
    let roles: Set<Role>
}

extension Permission {
    static let manageUsers = Permission(name: "manageUsers", roles: [.administrator])
    static let viewAudit = Permission(name: "viewAudit", roles: [.administrator])
}
