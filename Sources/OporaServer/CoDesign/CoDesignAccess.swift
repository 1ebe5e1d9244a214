import OporaCore

extension Permission {
    /// Runs workshops: series, sessions, participants and their codes, proposals, rounds, moderation.
    static let runWorkshops = Permission(name: "runWorkshops", roles: [.workshopFacilitator])
    /// Reads the workshops of the scope, as the public does but with attendance and moderation:
    /// the municipality's director follows them, the regional planner compares municipalities.
    static let followWorkshops = Permission(
        name: "followWorkshops",
        roles: [.workshopFacilitator, .municipalDirector, .regionalPlanner]
    )
}
