extension Permission {
    /// See the centre's assistant candidates and the proposals for people who named no assistant:
    /// the manager and the case workers, who agree plans with the people, and the coordinator.
    static let viewAssistantPool = Permission(
        name: "viewAssistantPool",
        roles: [.providerManager, .caseWorker, .coordinator]
    )
    /// Add and correct candidates: the manager and the case workers, who meet them.
    static let manageAssistantPool = Permission(name: "manageAssistantPool", roles: [.providerManager, .caseWorker])
    /// Hire a candidate, which creates an account: the manager, who signs the employment contract.
    static let hireAssistants = Permission(name: "hireAssistants", roles: [.providerManager])
}
