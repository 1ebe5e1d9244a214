extension Permission {
    /// See a centre's staff development and who is overdue for supervision: its manager and
    /// coordinator, and the municipality's director for every centre there.
    static let viewStaffDevelopment = Permission(
        name: "viewStaffDevelopment",
        roles: [.municipalDirector, .providerManager, .coordinator]
    )
    /// Record and correct training, psychological support, consultations and supervision: the
    /// manager, who answers for the staff's development.
    static let recordStaffDevelopment = Permission(name: "recordStaffDevelopment", roles: [.providerManager])
}
