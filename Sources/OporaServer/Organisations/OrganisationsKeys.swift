/// Keys the organisations capability names.
extension CatalogueKey {
    static let capacityRequired = CatalogueKey("capacity_required")
    static let eikTaken = CatalogueKey("eik_taken")
    static let emailInvalid = CatalogueKey("email_invalid")
    static let homeProviders = CatalogueKey("home_providers")
    static let homeServices = CatalogueKey("home_services")
    static let licenceRequired = CatalogueKey("licence_required")
    static let municipalityUnknown = CatalogueKey("municipality_unknown")
    static let navProviders = CatalogueKey("nav_providers")
    static let positiveNumber = CatalogueKey("positive_number")
    static let providerEditTitle = CatalogueKey("provider_edit_title")
    static let providerNewTitle = CatalogueKey("provider_new_title")
    static let providersTitle = CatalogueKey("providers_title")
    static let scopeMoveBeyondYours = CatalogueKey("scope_move_beyond_yours")
    static let serviceEditTitle = CatalogueKey("service_edit_title")
    static let serviceNewTitle = CatalogueKey("service_new_title")
    static let targetGroupsRequired = CatalogueKey("target_groups_required")
}
