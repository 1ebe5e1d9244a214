import Fluent
import OporaCore
import Vapor

/// A register row as the page and the API show it.
struct RegisterLine: Content, Sendable {
    var serviceId: UUID
    var name: String
    var provider: String
    var municipalityCode: String
    var serviceType: String
    var serviceTypeLabel: String
    var fundingRegime: String?
    var fundingRegimeLabel: String
    var year: Int
    var mapMaximum: Int?
    var places: Int?
    var receiving: Int
    var waiting: Int
    var longestWaitDays: Int?
    var status: String
    var statusLabel: String
    var licenceNumber: String?
    var licenceExpiry: String?
    var licence: String
    var licenceLabel: String
    var flagged: Bool
    var version: Int

    init(_ row: RegisterRow, year: Int, language: Language) {
        serviceId = row.service.id!
        name = row.service.name
        provider = row.providerName
        municipalityCode = row.service.municipalityCode
        serviceType = row.service.serviceType.rawValue
        serviceTypeLabel = row.service.serviceType.label(in: language)
        fundingRegime = row.fundingRegime?.rawValue
        fundingRegimeLabel = row.fundingRegime?.label(in: language) ?? "—"
        self.year = year
        mapMaximum = row.mapMaximum
        places = row.service.capacityPlaces
        receiving = row.use.receiving
        waiting = row.use.waiting
        longestWaitDays = row.use.waitDays.max()
        status = row.status.code
        statusLabel = row.status.label(in: language)
        licenceNumber = row.service.licenceNumber
        licenceExpiry = row.service.licenceExpiry
        licence = row.licence.rawValue
        licenceLabel = row.licence.label(in: language)
        flagged = [.missing, .expired, .expiringSoon].contains(row.licence)
        version = row.entryVersion
    }
}
