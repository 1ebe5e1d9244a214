import Foundation

/// Territory in the API.
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

extension Oblast {
    var dto: OblastDTO {
        OblastDTO(code: id!, name: nameBG, nameLatin: nameLatin, centreEkatte: centreEkatte, nuts3: nuts3)
    }
}

extension Municipality {
    var dto: MunicipalityDTO {
        MunicipalityDTO(
            code: id!,
            oblastCode: oblastCode,
            name: nameBG,
            nameLatin: nameLatin,
            centreEkatte: centreEkatte
        )
    }
}

extension Settlement {
    var dto: SettlementDTO {
        SettlementDTO(
            ekatte: id!,
            kind: kind,
            name: nameBG,
            nameLatin: nameLatin,
            municipalityCode: municipalityCode,
            oblastCode: oblastCode,
            latitude: latitude,
            longitude: longitude,
            population: population
        )
    }
}
