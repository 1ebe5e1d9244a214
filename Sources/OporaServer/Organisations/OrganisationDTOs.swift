import Foundation

/// Providers and services in the API.
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

extension Provider {
    var dto: ProviderDTO {
        ProviderDTO(
            id: id!,
            name: name,
            kind: kind.rawValue,
            eik: eik,
            municipalityCode: municipalityCode,
            oblastCode: oblastCode,
            address: address,
            phone: phone,
            email: email,
            version: version
        )
    }
}

extension ProvidedService {
    var dto: ServiceDTO {
        ServiceDTO(
            id: id!,
            providerId: $provider.id,
            name: name,
            serviceType: serviceType.rawValue,
            setting: setting.rawValue,
            settlementEkatte: settlementEkatte,
            municipalityCode: municipalityCode,
            capacityPlaces: capacityPlaces,
            capacityHoursPerWeek: capacityHoursPerWeek,
            targetGroups: targetGroupList.map(\.rawValue),
            licenceNumber: licenceNumber,
            licenceExpiry: licenceExpiry,
            version: version
        )
    }
}
