import Fluent
import Vapor

/// Област — one of the 28 oblasts, keyed by its three-letter EKATTE code.
final class Oblast: Model, @unchecked Sendable {
    static let schema = "oblasts"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "name_bg") var nameBG: String
    @Field(key: "name_latin") var nameLatin: String
    @Field(key: "sort_key") var sortKey: String
    @Field(key: "centre_ekatte") var centreEkatte: String
    @Field(key: "nuts3") var nuts3: String

    init() {}
}

/// Община — keyed by its EKATTE municipality code (`KNL29`).
final class Municipality: Model, @unchecked Sendable {
    static let schema = "municipalities"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "name_bg") var nameBG: String
    @Field(key: "name_latin") var nameLatin: String
    @Field(key: "sort_key") var sortKey: String
    @Field(key: "centre_ekatte") var centreEkatte: String

    init() {}
}

/// Населено място — keyed by its five-digit EKATTE code; names repeat, codes do not.
final class Settlement: Model, @unchecked Sendable {
    static let schema = "settlements"

    @ID(custom: "ekatte", generatedBy: .user) var id: String?
    @Field(key: "kind") var kind: String
    @Field(key: "name_bg") var nameBG: String
    @Field(key: "name_latin") var nameLatin: String
    @Field(key: "sort_key") var sortKey: String
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    @OptionalField(key: "population") var population: Int?

    init() {}
}
