import Fluent
import Foundation
import OporaCore

/// A person as a list shows them, read straight from the query's rows.
///
/// Fluent builds a whole `Person` per row by reflection over its properties, which was most of
/// the cost of a list page (bench/http/README.md); a list needs a handful of columns and no model.
struct PersonListRow: Sendable {
    var id: UUID
    var name: PersonName
    var nameLatin: String
    var identifierType: IdentifierType
    var identifierSealed: String?
    var birthDate: String?
    var sex: String?
    var settlementEkatte: String
    var municipalityCode: String
    var targetGroupsSealed: String
    var providerID: UUID
    var version: Int

    init(_ raw: any DatabaseOutput) throws {
        let output = raw.schema(Person.schema)
        id = try output.decode("id", as: UUID.self)
        name = PersonName(
            given: try output.decode("given_name", as: String.self),
            middle: try output.decode("middle_name", as: String.self),
            family: try output.decode("family_name", as: String.self)
        )
        nameLatin = try output.decode("name_latin", as: String.self)
        identifierType = IdentifierType(rawValue: try output.decode("identifier_type", as: String.self)) ?? .none
        identifierSealed = try output.decode("identifier_sealed", as: String?.self)
        birthDate = try output.decode("birth_date", as: String?.self)
        sex = try output.decode("sex", as: String?.self)
        settlementEkatte = try output.decode("settlement_ekatte", as: String.self)
        municipalityCode = try output.decode("municipality_code", as: String.self)
        targetGroupsSealed = try output.decode("target_groups", as: String.self)
        providerID = try output.decode("provider_id", as: UUID.self)
        version = try output.decode("version", as: Int.self)
    }

    /// The identifier as lists show it: its last four digits.
    func maskedIdentifier(key: DataKey) throws -> String? {
        try identifierSealed.map { maskAllButLastFour(try key.open($0)) }
    }

    /// The list's view of a person: the identifier masked to its last four digits, no contact
    /// or health data.
    func dto(key: DataKey) throws -> PersonDTO {
        PersonDTO(
            id: id,
            givenName: name.given,
            middleName: name.middle,
            familyName: name.family,
            nameLatin: nameLatin,
            identifierType: identifierType.rawValue,
            identifier: try maskedIdentifier(key: key),
            birthDate: birthDate,
            sex: sex,
            settlementEkatte: settlementEkatte,
            municipalityCode: municipalityCode,
            phone: nil,
            address: nil,
            targetGroups: try key.open(targetGroupsSealed).split(separator: ",").map(String.init),
            targetGroupEvidence: nil,
            disabilityPercent: nil,
            decisionExpiry: nil,
            providerId: providerID,
            version: version
        )
    }
}
