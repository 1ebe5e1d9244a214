import OporaCore

/// Keys the planning pages name.
extension CatalogueKey {
    static let planningRegisterTitle = CatalogueKey("planning_register_title")
    static let planningNeedsTitle = CatalogueKey("planning_needs_title")
    static let planningVisitsTitle = CatalogueKey("planning_visits_title")
    static let planningPracticesTitle = CatalogueKey("planning_practices_title")
    static let planningYearInvalid = CatalogueKey("planning_year_invalid")
    static let planningMaximumInvalid = CatalogueKey("planning_maximum_invalid")
    static let planningNoData = CatalogueKey("planning_no_data")
    static let planningAllServices = CatalogueKey("planning_all_services")
    static let planningMapTitle = CatalogueKey("planning_map_title")
    static let planningPerThousand = CatalogueKey("planning_per_thousand")
    static let planningOtherYear = CatalogueKey("planning_other_year")
    static let planningOverdueRecommendations = CatalogueKey("planning_overdue_recommendations")
    static let planningIndicatorNeeding = CatalogueKey("planning_indicator_needing")
    static let planningIndicatorReceiving = CatalogueKey("planning_indicator_receiving")
    static let planningIndicatorWaiting = CatalogueKey("planning_indicator_waiting")
    static let planningIndicatorOccupancy = CatalogueKey("planning_indicator_occupancy")
    static let planningIndicatorCoverage = CatalogueKey("planning_indicator_coverage")

    static func planningIndicatorName(_ indicator: PlanningIndicator) -> CatalogueKey {
        switch indicator.id {
        case PlanningIndicator.needing.id: .planningIndicatorNeeding
        case PlanningIndicator.receiving.id: .planningIndicatorReceiving
        case PlanningIndicator.waiting.id: .planningIndicatorWaiting
        case PlanningIndicator.occupancy.id: .planningIndicatorOccupancy
        default: .planningIndicatorCoverage
        }
    }
}

/// Keys of the monitoring visits and the good practices.
extension CatalogueKey {
    static let planningVisitTitle = CatalogueKey("planning_visit_title")
    static let planningVisitReportTitle = CatalogueKey("planning_visit_report_title")
    static let planningNotScored = CatalogueKey("planning_not_scored")
    static let planningNewPractice = CatalogueKey("planning_new_practice")
    static let planningTransferSamePlace = CatalogueKey("planning_transfer_same_place")
}
