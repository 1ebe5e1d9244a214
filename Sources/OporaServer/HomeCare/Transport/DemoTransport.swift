import Fluent
import OporaCore
import Vapor

/// The Kyustendil centre's specialised transport for the demo: a van with a ramp and a car, one
/// for each of its two drivers, and trips to the hospital and the day centre in the coming
/// week, a few of them in a wheelchair or with a companion. Deterministic.
enum DemoTransport {
    static let destinations = [
        "МБАЛ „Д-р Никола Василиев“, ул. „Проф. Иван Киров“ 2",
        "Дневен център за възрастни хора с увреждания, ул. „Демокрация“ 44",
        "ДКЦ „Поликлиника“, бул. „Цар Освободител“ 8",
    ]
    static let streets = ["ул. „Славянска“", "ул. „Осогово“", "ул. „Гюешево“", "ул. „Рила“", "ул. „Струма“"]

    static func seed(_ demo: DemoSeeding) async throws {
        let db = demo.db
        let centre = DemoProviders.municipal.id
        let scope = AccessScope(providers: [centre])
        guard let town = try await TerritoryQueries.municipality(DemoProviders.municipality, on: db)?.centreEkatte
        else { return }
        let drivers = try await TransportStore.drivers(provider: centre, scope, on: db)
        let fleet: [(String, String, Int, Int)] = [
            ("Форд Транзит с рампа", "КН 4821 АВ", 6, 2), ("Дачия Доккер", "КН 1375 ВС", 4, 0),
        ]
        for (index, entry) in fleet.enumerated() {
            let vehicle = TransportVehicle()
            vehicle.version = 1
            vehicle.providerID = centre
            vehicle.municipalityCode = DemoProviders.municipality
            vehicle.oblastCode = DemoProviders.oblast
            vehicle.name = entry.0
            vehicle.plate = entry.1
            vehicle.seats = entry.2
            vehicle.wheelchairPlaces = entry.3
            vehicle.baseSettlement = town
            vehicle.driverID = index < drivers.count ? drivers[index].userID : nil
            vehicle.createdAt = demo.now
            try await vehicle.create(on: db)
            try await demo.audit("vehicle.created", "vehicle", vehicle.id!)
        }
        let people = try await TransportStore.passengers(provider: centre, scope, key: demo.key, on: db)
        guard !people.isEmpty else { return }
        let today = CalendarDay.today(at: demo.now)
        let offset = (7 - Weekday.allCases.firstIndex(of: today.weekday)!) % 7
        let monday = today.adding(days: offset == 0 ? 7 : offset)
        // Twelve trips over Monday to Wednesday: every third in a wheelchair, every fourth with a
        // companion, two in three taken back home after the appointment.
        for index in 0..<12 {
            let person = people[(index * 7) % people.count]
            let arriveBy = [9 * 60, 9 * 60 + 30, 10 * 60, 11 * 60][index % 4]
            let trip = TripRequest()
            trip.version = 1
            trip.providerID = centre
            trip.municipalityCode = DemoProviders.municipality
            trip.oblastCode = DemoProviders.oblast
            trip.caseID = person.caseID
            trip.personID = person.personID
            trip.day = monday.adding(days: index / 4).iso
            trip.fromSettlement = person.settlement
            trip.fromAddressSealed = try demo.key.seal("\(streets[index % streets.count]) \(3 + index * 5)")
            trip.toSettlement = town
            trip.toAddressSealed = try demo.key.seal(destinations[index % destinations.count])
            trip.arriveBy = arriveBy
            trip.returnAt = index % 3 == 2 ? nil : arriveBy + 90 + (index % 2) * 60
            trip.wheelchair = index % 3 == 0
            trip.companions = index % 4 == 1 ? 1 : 0
            trip.state = TripRequest.State.requested.rawValue
            trip.createdBy = "coordinator"
            trip.createdAt = demo.now
            try await trip.create(on: db)
            try await demo.audit("trip.requested", "trip", trip.id!)
        }
    }
}
