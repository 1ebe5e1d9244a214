import Fluent
import OporaCore
import Vapor

/// What home care keeps of a person served beyond Cases' file: the addresses of their trip
/// requests, which with the day and the time say where they will be. The core's table decides
/// the treatment of `address` on erasure; the rest of a trip (day, times, wheelchair) does not
/// point to the person once their file is anonymised.
struct TransportPersonalData: PersonalDataHolder {
    var fields: Set<PersonalDataField> { [.address] }

    func load(person: UUID, on db: any Database) async throws -> any HeldPersonalData {
        // Erasure and the subject-access export found the person in scope before asking.
        TripRecords(
            trips: try await Scoped.unscoped(TripRequest.self, on: db, .throughParent).filter(\.$personID == person)
                .sort(\.$day).all()
        )
    }
}

final class TripRecords: HeldPersonalData, @unchecked Sendable {
    let trips: [TripRequest]

    init(trips: [TripRequest]) { self.trips = trips }

    func exported(_ field: PersonalDataField, key: DataKey, language: Language) throws -> [String] {
        guard field == .address else { return [] }
        return try trips.map { trip in
            let day = CalendarDay(iso: trip.day)?.display ?? trip.day
            return "\(day): \(try key.open(trip.fromAddressSealed)) → \(try key.open(trip.toAddressSealed))"
        }
    }

    func erase(_ field: PersonalDataField, as treatment: PersonalDataField.Treatment, key: DataKey) throws {
        guard field == .address else { return }
        switch treatment {
        case .keep: return
        case .remove, .generalise:
            // A generalised address is its settlement, which the trip keeps in its own field.
            let blank = try key.seal("")
            for trip in trips {
                trip.fromAddressSealed = blank
                trip.toAddressSealed = blank
            }
        }
    }

    func save(on db: any Database) async throws {
        for trip in trips { try await trip.update(on: db) }
    }
}
