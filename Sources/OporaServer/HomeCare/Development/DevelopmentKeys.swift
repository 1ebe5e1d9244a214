/// Keys the staff development pages name.
extension CatalogueKey {
    static let developmentAdd = CatalogueKey("development_add")
    static let developmentDue = CatalogueKey("development_due")
    static let developmentHours = CatalogueKey("development_hours")
    static let developmentLastSupervision = CatalogueKey("development_last_supervision")
    static let developmentTotal = CatalogueKey("development_total")
    static let fieldJobTitle = CatalogueKey("field_job_title")
    static let developmentHoursRange = CatalogueKey("development_hours_range")
    static let developmentDueNow = CatalogueKey("development_due_now")
    static let developmentNever = CatalogueKey("development_never")
    static let developmentRecordTitle = CatalogueKey("development_record_title")
    static let developmentTitle = CatalogueKey("development_title")
    static let developmentWorkerRequired = CatalogueKey("development_worker_required")
    static let developmentYearRange = CatalogueKey("development_year_range")
    static let navDevelopment = CatalogueKey("nav_development")
}
