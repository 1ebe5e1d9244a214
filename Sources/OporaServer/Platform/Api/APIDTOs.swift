import Foundation
import OporaCore

/// Response bodies of `/api/v1`: camelCase, never a Fluent model.
struct MeDTO: Codable, Sendable {
    struct Grant: Codable, Sendable {
        var role: String
        var scopeKind: String
        var scopeCode: String
    }

    var id: UUID
    var username: String
    var displayName: String
    var language: String
    var providerId: UUID?
    var grants: [Grant]
}

struct TokenDTO: Codable, Sendable {
    var id: UUID
    var name: String
    var createdAt: Date
    var lastUsedAt: Date?
    var expiresAt: Date
}

struct NewTokenDTO: Codable, Sendable {
    var id: UUID
    var name: String
    /// Shown once; only its digest is kept.
    var token: String
    var expiresAt: Date
}

struct OblastDTO: Codable, Sendable {
    var code: String
    var name: String
    var nameLatin: String
    var centreEkatte: String
    var nuts3: String
}

struct MunicipalityDTO: Codable, Sendable {
    var code: String
    var oblastCode: String
    var name: String
    var nameLatin: String
    var centreEkatte: String
}

struct SettlementDTO: Codable, Sendable {
    var ekatte: String
    var kind: String
    var name: String
    var nameLatin: String
    var municipalityCode: String
    var oblastCode: String
    var latitude: Double?
    var longitude: Double?
    var population: Int?
}

struct ProviderDTO: Codable, Sendable {
    var id: UUID
    var name: String
    var kind: String
    var eik: String
    var municipalityCode: String
    var oblastCode: String
    var address: String?
    var phone: String?
    var email: String?
    var version: Int
}

struct ServiceDTO: Codable, Sendable {
    var id: UUID
    var providerId: UUID
    var name: String
    var serviceType: String
    var setting: String
    var settlementEkatte: String
    var municipalityCode: String
    var capacityPlaces: Int?
    var capacityHoursPerWeek: Int?
    var targetGroups: [String]
    var licenceNumber: String?
    var licenceExpiry: String?
    var version: Int
}

struct ListDTO<Item: Codable & Sendable>: Codable, Sendable {
    var items: [Item]
    var page: Int
    var perPage: Int
    var total: Int
    /// Only for searches that stop counting at a limit: then `total` is a lower bound.
    var totalIsExact: Bool?
}

extension Oblast {
    var dto: OblastDTO { OblastDTO(code: id!, name: nameBG, nameLatin: nameLatin, centreEkatte: centreEkatte, nuts3: nuts3) }
}

extension Municipality {
    var dto: MunicipalityDTO { MunicipalityDTO(code: id!, oblastCode: oblastCode, name: nameBG, nameLatin: nameLatin, centreEkatte: centreEkatte) }
}

extension Settlement {
    var dto: SettlementDTO {
        SettlementDTO(ekatte: id!, kind: kind, name: nameBG, nameLatin: nameLatin, municipalityCode: municipalityCode,
                      oblastCode: oblastCode, latitude: latitude, longitude: longitude, population: population)
    }
}

extension Provider {
    var dto: ProviderDTO {
        ProviderDTO(id: id!, name: name, kind: kind.rawValue, eik: eik, municipalityCode: municipalityCode, oblastCode: oblastCode,
                    address: address, phone: phone, email: email, version: version)
    }
}

extension ProvidedService {
    var dto: ServiceDTO {
        ServiceDTO(id: id!, providerId: $provider.id, name: name, serviceType: serviceType.rawValue, setting: setting.rawValue,
                   settlementEkatte: settlementEkatte, municipalityCode: municipalityCode, capacityPlaces: capacityPlaces,
                   capacityHoursPerWeek: capacityHoursPerWeek, targetGroups: targetGroupList.map(\.rawValue),
                   licenceNumber: licenceNumber, licenceExpiry: licenceExpiry, version: version)
    }
}
