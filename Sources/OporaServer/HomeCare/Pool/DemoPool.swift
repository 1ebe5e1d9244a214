import Fluent
import OporaCore
import Vapor

/// Eight assistant candidates of the demo centre, in the town and villages of Кюстендил, five of
/// them registered unemployed, with the hours each is free, so that proposals have someone to
/// rank. Deterministic.
enum DemoPool {
    struct Candidate {
        var name: String
        var phone: String
        var unemployed: Bool
        /// Index into the municipality's settlements with coordinates in EKATTE order; 0 is the town.
        var place: Int
        var days: [Weekday]
        var hours: (Int, Int)
        var skills: Set<CareSkill>
    }

    static let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]

    static let candidates = [
        Candidate(
            name: "Снежана Манова",
            phone: "0878 410 221",
            unemployed: true,
            place: 0,
            days: weekdays,
            hours: (7, 12),
            skills: [.personalCare]
        ),
        Candidate(
            name: "Йорданка Велинова",
            phone: "0887 552 310",
            unemployed: true,
            place: 0,
            days: weekdays,
            hours: (13, 19),
            skills: [.personalCare]
        ),
        Candidate(
            name: "Радка Симеонова",
            phone: "0899 120 774",
            unemployed: false,
            place: 3,
            days: Weekday.allCases,
            hours: (8, 16),
            skills: [.personalCare, .medicalCare]
        ),
        Candidate(
            name: "Милка Захариева",
            phone: "0876 300 415",
            unemployed: true,
            place: 7,
            days: weekdays,
            hours: (8, 17),
            skills: [.personalCare]
        ),
        Candidate(
            name: "Асен Пейчев",
            phone: "0888 640 092",
            unemployed: true,
            place: 12,
            days: [.tuesday, .thursday, .saturday],
            hours: (9, 17),
            skills: [.personalCare, .transport]
        ),
        Candidate(
            name: "Фатме Юсеинова",
            phone: "0897 215 630",
            unemployed: true,
            place: 0,
            days: weekdays,
            hours: (9, 15),
            skills: [.personalCare, .mediation]
        ),
        Candidate(
            name: "Катя Драганова",
            phone: "0879 031 508",
            unemployed: false,
            place: 18,
            days: weekdays,
            hours: (7, 11),
            skills: [.personalCare]
        ),
        Candidate(
            name: "Виолета Костадинова",
            phone: "0886 777 129",
            unemployed: false,
            place: 25,
            days: [.saturday, .sunday],
            hours: (8, 18),
            skills: [.personalCare]
        ),
    ]

    static func seed(_ demo: DemoSeeding) async throws {
        let municipality = DemoProviders.municipality
        guard let town = try await TerritoryQueries.municipality(municipality, on: demo.db)?.centreEkatte else {
            return
        }
        let villages = try await TerritoryQueries.settlementsInCodeOrder(municipality: municipality, on: demo.db)
            .filter { $0.latitude != nil && $0.id != town }.map { $0.id! }
        let places = [town] + villages
        for candidate in candidates {
            let shifts = candidate.days.map {
                Shift(weekday: $0, startMinute: candidate.hours.0 * 60, endMinute: candidate.hours.1 * 60)
            }
            let registration = CandidateRegistration(
                registeredUnemployed: candidate.unemployed,
                office: candidate.unemployed ? "Дирекция „Бюро по труда“ – Кюстендил" : ""
            )
            let record = PoolCandidate()
            record.version = 1
            record.providerID = DemoProviders.municipal.id
            record.municipalityCode = municipality
            record.oblastCode = DemoProviders.oblast
            record.nameSealed = try demo.key.seal(candidate.name)
            record.phoneSealed = try demo.key.seal(candidate.phone)
            record.registrationSealed = try demo.key.sealJSON(registration)
            record.settlementEkatte = places[min(candidate.place, places.count - 1)]
            record.availability = String(decoding: try JSONEncoder().encode(shifts), as: UTF8.self)
            record.skills = candidate.skills.map(\.rawValue).sorted().joined(separator: ",")
            record.status = PoolCandidate.Status.available.rawValue
            record.createdBy = demo.actor.name
            record.createdAt = demo.now
            try await record.create(on: demo.db)
            try await demo.audit("candidate.created", "candidate", record.id!)
        }
    }
}
