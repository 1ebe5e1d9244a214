import Fluent
import Foundation
import OporaCore

/// A neighbourhood an outreach team works in, such as кв. „Факултета“ in Sofia: held by the
/// provider whose team knocks on its doors, placed in the municipality and the settlement.
final class Neighbourhood: Model, Versioned, @unchecked Sendable {
    static let schema = "outreach_neighbourhoods"

    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "settlement_ekatte") var settlementEkatte: String
    @Field(key: "name") var name: String
    @Field(key: "sort_key") var sortKey: String

    init() {}
}

extension Neighbourhood: ScopedModel {
    static func restrict(_ query: QueryBuilder<Neighbourhood>, to scope: AccessScope) -> QueryBuilder<Neighbourhood> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}

/// A block of flats by its number on the street signs ("бл. 12").
final class OutreachBlock: Model, @unchecked Sendable {
    static let schema = "outreach_blocks"

    @ID(key: .id) var id: UUID?
    @Field(key: "neighbourhood_id") var neighbourhoodID: UUID
    @Field(key: "number") var number: String
    /// Where the schematic draws it, left to right.
    @Field(key: "position") var position: Int

    init() {}
}

/// An entrance of a block ("вх. Б") with its floors and flats (`EntranceLayout`).
final class OutreachEntrance: Model, @unchecked Sendable {
    static let schema = "outreach_entrances"

    @ID(key: .id) var id: UUID?
    @Field(key: "block_id") var blockID: UUID
    @Field(key: "neighbourhood_id") var neighbourhoodID: UUID
    @Field(key: "label") var label: String
    @Field(key: "position") var position: Int
    @Field(key: "floors") var floors: Int
    @Field(key: "flats_per_floor") var flatsPerFloor: Int
    @Field(key: "first_flat") var firstFlat: Int

    init() {}

    var layout: EntranceLayout? { EntranceLayout(floors: floors, flatsPerFloor: flatsPerFloor, firstFlat: firstFlat) }
}

/// A worker of the team assigned to an entrance; an entrance may have several.
final class EntranceAssignment: Model, @unchecked Sendable {
    static let schema = "outreach_assignments"

    @ID(key: .id) var id: UUID?
    @Field(key: "entrance_id") var entranceID: UUID
    @Field(key: "neighbourhood_id") var neighbourhoodID: UUID
    @Field(key: "user_id") var userID: UUID

    init() {}
}

/// One knock on a door and what came of it. Until the family consents nothing here names anyone:
/// who was met is described ("a woman about 40, three children"), and what was said, what the
/// family wants in their own words and what was promised are sealed, since even an anonymous
/// description of a flat's family is theirs.
final class OutreachContact: Model, @unchecked Sendable {
    static let schema = "outreach_contacts"

    @ID(key: .id) var id: UUID?
    /// The phone's id for the entry, so an entry sent twice from the outbox is recorded once.
    @Field(key: "client_id") var clientID: String
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "neighbourhood_id") var neighbourhoodID: UUID
    @Field(key: "entrance_id") var entranceID: UUID
    @Field(key: "flat") var flat: Int
    @Field(key: "floor") var floor: Int
    /// The calendar day, ISO.
    @Field(key: "day") var day: String
    @Field(key: "minutes") var minutes: Int
    /// `ContactPurpose` raw value.
    @Field(key: "purpose") var purpose: String
    /// `ContactOutcome` raw value.
    @Field(key: "outcome") var outcome: String
    @Field(key: "worker_id") var workerID: UUID
    @Field(key: "worker_name") var workerName: String
    @Field(key: "met_sealed") var metSealed: String
    @Field(key: "talked_sealed") var talkedSealed: String
    @Field(key: "wants_sealed") var wantsSealed: String
    @Field(key: "promised_sealed") var promisedSealed: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var calendarDay: CalendarDay? { CalendarDay(iso: day) }
    var contactPurpose: ContactPurpose? { ContactPurpose(rawValue: purpose) }
    var contactOutcome: ContactOutcome? { ContactOutcome(rawValue: outcome) }
}

extension OutreachContact: ScopedModel {
    static func restrict(_ query: QueryBuilder<OutreachContact>, to scope: AccessScope) -> QueryBuilder<OutreachContact>
    {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}
