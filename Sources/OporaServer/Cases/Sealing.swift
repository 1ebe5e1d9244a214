import Foundation
import OporaCore

extension DataKey {
    func sealJSON<T: Encodable>(_ value: T) throws -> String {
        try seal(String(decoding: try JSONEncoder().encode(value), as: UTF8.self))
    }

    /// The keyed hash an identifier is found by; the type keeps an ЕГН and an equal ЛНЧ apart.
    func identifierHash(type: IdentifierType, value: String) -> String {
        lookupHash("\(type.rawValue):\(value)")
    }

    func openJSON<T: Decodable>(_ type: T.Type, _ sealed: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(try open(sealed).utf8))
    }
}

extension Person {
    func dto(key: DataKey, masked: Bool) throws -> PersonDTO {
        let identifier = try identifierSealed.map { try key.open($0) }
        let health = try healthSealed.map { try key.openJSON(HealthDetails.self, $0) }
        return PersonDTO(
            id: id!, givenName: givenName, middleName: middleName, familyName: familyName, nameLatin: nameLatin,
            identifierType: identifierType.rawValue,
            identifier: masked ? identifier.map { String(repeating: "*", count: max($0.count - 4, 0)) + $0.suffix(4) } : identifier,
            birthDate: birthDate, sex: sex, settlementEkatte: settlementEkatte, municipalityCode: municipalityCode,
            phone: masked ? nil : phone, address: masked ? nil : try addressSealed.map { try key.open($0) },
            targetGroups: targetGroups.split(separator: ",").map(String.init),
            targetGroupEvidence: masked ? nil : try targetGroupEvidenceSealed.map { try key.openJSON([TargetGroupEvidence].self, $0) },
            disabilityPercent: masked ? nil : health?.disabilityPercent, decisionExpiry: masked ? nil : health?.decisionExpiry,
            providerId: $provider.id, version: version)
    }
}

extension SupportCase {
    func dto(key: DataKey) throws -> CaseDTO {
        CaseDTO(id: id!, personId: $person.id, providerId: $provider.id, caseWorkerId: $caseWorker.id, state: state.rawValue,
                referralSource: referralSource.rawValue, legalBasis: legalBasis.rawValue, request: try key.open(requestSealed),
                openedOn: openedOn, planNumber: planNumber, version: version)
    }
}
