import Foundation
import OporaCore

extension DataKey {
    func sealJSON<T: Encodable>(_ value: T) throws -> String {
        try seal(String(decoding: try JSONEncoder().encode(value), as: UTF8.self))
    }

    /// The keyed hash an identifier is found by at one provider; the type keeps an ЕГН and an
    /// equal ЛНЧ apart. The provider is part of it so that the same person may have a file at two
    /// providers and an identifier typed at one provider tells nothing of the others' registers.
    func identifierHash(type: IdentifierType, value: String, provider: UUID) -> String {
        lookupHash("\(provider.uuidString.lowercased()):\(type.rawValue):\(value)")
    }

    /// The keyed hash of an identifier's last four digits at one provider, so that the four a list
    /// shows can be searched without being stored anywhere in the clear; erased with the identifier.
    func identifierTailHash(_ identifier: String, provider: UUID) -> String? {
        let tail = identifier.suffix(4)
        guard tail.count == 4, tail.allSatisfy(\.isNumber) else { return nil }
        return lookupHash("\(provider.uuidString.lowercased()):tail:\(tail)")
    }

    func openJSON<T: Decodable>(_ type: T.Type, _ sealed: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(try open(sealed).utf8))
    }
}

extension Person {
    /// The whole record, as its own page and the API's single person show it (lists read
    /// `PersonListRow`, which masks).
    func dto(key: DataKey) throws -> PersonDTO {
        let health = try healthSealed.map { try key.openJSON(HealthDetails.self, $0) }
        return PersonDTO(
            id: id!,
            givenName: givenName,
            middleName: middleName,
            familyName: familyName,
            nameLatin: nameLatin,
            identifierType: identifierType.rawValue,
            identifier: try identifierSealed.map { try key.open($0) },
            birthDate: birthDate,
            sex: sex,
            settlementEkatte: settlementEkatte,
            municipalityCode: municipalityCode,
            phone: try phone(key: key),
            address: try addressSealed.map { try key.open($0) },
            targetGroups: try targetGroups(key: key),
            targetGroupEvidence: try targetGroupEvidenceSealed.map { try key.openJSON([TargetGroupEvidence].self, $0) },
            disabilityPercent: health?.disabilityPercent,
            decisionExpiry: health?.decisionExpiry,
            providerId: $provider.id,
            version: version
        )
    }
}

extension SupportCase {
    func dto(key: DataKey) throws -> CaseDTO {
        CaseDTO(
            id: id!,
            personId: $person.id,
            providerId: $provider.id,
            caseWorkerId: $caseWorker.id,
            number: number,
            state: state.rawValue,
            referralSource: referralSource.rawValue,
            legalBasis: legalBasis.rawValue,
            request: try key.open(requestSealed),
            openedOn: openedOn,
            planNumber: planNumber,
            version: version
        )
    }
}
