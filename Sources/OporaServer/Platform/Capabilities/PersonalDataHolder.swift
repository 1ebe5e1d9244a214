import Fluent
import OporaCore
import Vapor

/// A capability that keeps part of what Opora holds about a person served.
///
/// The core's table of personal-data fields (`PersonalDataField`) says what erasure does to each
/// field. The subject-access export and erasure walk that table over every holder, so the data a
/// new capability keeps is neither missing from the person's answer nor left behind by erasure.
protocol PersonalDataHolder: Sendable {
    /// The fields of the core's table this holder keeps.
    var fields: Set<PersonalDataField> { get }
    /// Everything it keeps of the person, loaded together (inside the erasure's transaction).
    func load(person: UUID, on db: any Database) async throws -> any HeldPersonalData
}

/// One holder's records of one person.
protocol HeldPersonalData: Sendable {
    /// What the export shows of the field, as text for the person to read.
    func exported(_ field: PersonalDataField, key: DataKey, language: Language) throws -> [String]
    /// Applies the table's treatment to the field in the loaded records.
    func erase(_ field: PersonalDataField, as treatment: PersonalDataField.Treatment, key: DataKey) throws
    /// Writes what erasure changed.
    func save(on db: any Database) async throws
}

enum PersonalDataHolders {
    /// Every field of the table with what each holder keeps of it, in the table's order.
    static func export(
        person: UUID,
        from holders: [any PersonalDataHolder],
        key: DataKey,
        language: Language,
        on db: any Database
    )
        async throws -> [(field: PersonalDataField, values: [String])]
    {
        var loaded: [(Set<PersonalDataField>, any HeldPersonalData)] = []
        for holder in holders { loaded.append((holder.fields, try await holder.load(person: person, on: db))) }
        return try PersonalDataField.allCases.map { field in
            (
                field,
                try loaded.filter { $0.0.contains(field) }.flatMap {
                    try $0.1.exported(field, key: key, language: language)
                }
            )
        }
    }

    /// Anonymises, by the table's treatment, every field every holder keeps of the person.
    static func erase(
        person: UUID,
        from holders: [any PersonalDataHolder],
        key: DataKey,
        on db: any Database
    ) async throws {
        for holder in holders {
            let records = try await holder.load(person: person, on: db)
            for field in PersonalDataField.allCases where holder.fields.contains(field) {
                try records.erase(field, as: field.onErasure, key: key)
            }
            try await records.save(on: db)
        }
    }
}

/// Several holders of one capability (each for records of its own) seen as one: each field goes
/// to the holders that keep it.
struct PersonalDataHolderGroup: PersonalDataHolder {
    var holders: [any PersonalDataHolder]

    var fields: Set<PersonalDataField> { holders.reduce(into: []) { $0.formUnion($1.fields) } }

    func load(person: UUID, on db: any Database) async throws -> any HeldPersonalData {
        var parts: [(Set<PersonalDataField>, any HeldPersonalData)] = []
        for holder in holders { parts.append((holder.fields, try await holder.load(person: person, on: db))) }
        return HeldGroup(parts: parts)
    }

    private struct HeldGroup: HeldPersonalData {
        var parts: [(Set<PersonalDataField>, any HeldPersonalData)]

        func exported(_ field: PersonalDataField, key: DataKey, language: Language) throws -> [String] {
            try parts.filter { $0.0.contains(field) }.flatMap { try $0.1.exported(field, key: key, language: language) }
        }

        func erase(_ field: PersonalDataField, as treatment: PersonalDataField.Treatment, key: DataKey) throws {
            for part in parts where part.0.contains(field) { try part.1.erase(field, as: treatment, key: key) }
        }

        func save(on db: any Database) async throws {
            for part in parts { try await part.1.save(on: db) }
        }
    }
}
