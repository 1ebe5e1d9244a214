import OporaCore

/// What a role lets its holder do inside the holder's scope.
enum Permission: Sendable, CaseIterable {
    case viewProviders
    case createProviders
    case editProviders
    case editServices
    case manageUsers
    case viewAudit
    /// Open people's files, their cases, assessments, plans and referrals.
    case viewPeople
    /// Register people, open cases, assess, agree plans, refer.
    case editPeople

    /// Roles that carry the permission; the scope of the grant says where.
    var roles: Set<Role> {
        switch self {
        case .viewProviders: Set(Role.allCases)
        case .createProviders: [.administrator, .municipalDirector]
        case .editProviders: [.administrator, .municipalDirector, .providerManager]
        case .editServices: [.administrator, .municipalDirector, .providerManager]
        case .manageUsers: [.administrator]
        case .viewAudit: [.administrator]
        // Administrators run accounts, not cases; planners and inspectors see figures, not files.
        case .viewPeople, .editPeople: [.municipalDirector, .providerManager, .coordinator, .caseWorker]
        }
    }
}
