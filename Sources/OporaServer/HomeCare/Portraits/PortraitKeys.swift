/// Keys the worker's photo page names.
extension CatalogueKey {
    static let portraitHint = CatalogueKey("portrait_hint")
    static let portraitTitle = CatalogueKey("portrait_title")
    static let portraitSaved = CatalogueKey("portrait_saved")
    static let portraitRemoved = CatalogueKey("portrait_removed")
}
