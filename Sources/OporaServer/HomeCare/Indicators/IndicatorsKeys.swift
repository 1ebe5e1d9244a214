/// Keys the indicators page names.
extension CatalogueKey {
    static let indicatorsTitle = CatalogueKey("indicators_title")
    static let navIndicators = CatalogueKey("nav_indicators")
    static let indicatorsPeopleServed = CatalogueKey("indicators_people_served")
    static let indicatorsPeopleByGroup = CatalogueKey("indicators_people_by_group")
    static let indicatorsPeopleBySettlement = CatalogueKey("indicators_people_by_settlement")
    static let indicatorsHoursByService = CatalogueKey("indicators_hours_by_service")
    static let indicatorsAsPlanned = CatalogueKey("indicators_as_planned")
    static let indicatorsAsPlannedShare = CatalogueKey("indicators_as_planned_share")
    static let indicatorsMissedByReason = CatalogueKey("indicators_missed_by_reason")
    static let indicatorsContinuity = CatalogueKey("indicators_continuity")
    static let indicatorsContinuityMean = CatalogueKey("indicators_continuity_mean")
    static let indicatorsJobs = CatalogueKey("indicators_jobs")
    static let indicatorsNoGroup = CatalogueKey("indicators_no_group")
    static let indicatorsColIndicator = CatalogueKey("indicators_col_indicator")
    static let indicatorsColItem = CatalogueKey("indicators_col_item")
    static let indicatorsColValue = CatalogueKey("indicators_col_value")
}
