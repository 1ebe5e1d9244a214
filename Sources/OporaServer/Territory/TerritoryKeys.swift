/// Keys the territory capability names.
extension CatalogueKey {
    static let navTerritory = CatalogueKey("nav_territory")
    static let oblastCodeInvalid = CatalogueKey("oblast_code_invalid")
    static let settlementsFilterRequired = CatalogueKey("settlements_filter_required")
    static let territoryCentre = CatalogueKey("territory_centre")
    static let territoryMunicipality = CatalogueKey("territory_municipality")
    static let territoryOblast = CatalogueKey("territory_oblast")
    static let territoryOblasts = CatalogueKey("territory_oblasts")
    static let territoryPopulation = CatalogueKey("territory_population")
}
