/// Keys the assistant pool's pages name.
extension CatalogueKey {
    static let navAssistantPool = CatalogueKey("nav_assistant_pool")
    static let navProposals = CatalogueKey("nav_proposals")
    static let poolAlreadyHired = CatalogueKey("pool_already_hired")
    static let poolAvailabilityRequired = CatalogueKey("pool_availability_required")
    static let poolCandidateNew = CatalogueKey("pool_candidate_new")
    static let poolHireConfirm = CatalogueKey("pool_hire_confirm")
    static let poolHired = CatalogueKey("pool_hired")
    static let poolNo = CatalogueKey("pool_no")
    static let poolStatusAvailable = CatalogueKey("pool_status_available")
    static let poolStatusHired = CatalogueKey("pool_status_hired")
    static let poolStatusWithdrawn = CatalogueKey("pool_status_withdrawn")
    static let poolTitle = CatalogueKey("pool_title")
    static let poolWithdrawConfirm = CatalogueKey("pool_withdraw_confirm")
    static let poolWithdrawn = CatalogueKey("pool_withdrawn")
    static let poolYes = CatalogueKey("pool_yes")
    static let proposalsTitle = CatalogueKey("proposals_title")
    static let proposalTitle = CatalogueKey("proposal_title")
}

extension PoolCandidate.Status {
    var textKey: CatalogueKey {
        switch self {
        case .available: .poolStatusAvailable
        case .hired: .poolStatusHired
        case .withdrawn: .poolStatusWithdrawn
        }
    }
}
