import Fluent
import OporaCore
import Vapor

/// What a worker on a visit may know of the person: who and where, the goals of the plan in
/// force at the visit's provider, and the notes the person agreed visiting workers may read.
/// Nothing else of the file: no identifier, health details, assessment or other notes.
struct VisitingCard: Sendable {
    var personID: UUID
    var name: String
    var address: String?
    var phone: String?
    var settlementEkatte: String
    var goals: [String]
    var notes: [SharedNote]

    struct SharedNote: Sendable {
        var day: String
        var author: String
        var text: String
    }
}

extension PlansInForce {
    /// The cards of the people on a worker's visits. The caller has found those visits within
    /// its own scope (a worker's own, at their provider); the visit is what grants this reading,
    /// and only for these people and the cases they have at `provider`.
    static func visitingCards(
        _ people: Set<UUID>,
        provider: UUID,
        key: DataKey,
        on db: any Database
    ) async throws -> [UUID: VisitingCard] {
        guard !people.isEmpty else { return [:] }
        let persons = try await Scoped.unscoped(Person.self, on: db, .throughParent).filter(\.$id ~~ Array(people))
            .all()
        let cases = try await Scoped.unscoped(SupportCase.self, on: db, .throughParent)
            .filter(\.$person.$id ~~ Array(people)).filter(\.$provider.$id == provider).filter(\.$state ~~ states)
            .all()
        let caseIDs = cases.compactMap(\.id)
        var goals: [UUID: [String]] = [:]
        var notes: [UUID: [VisitingCard.SharedNote]] = [:]
        if !caseIDs.isEmpty {
            let versions = try await SupportPlanVersion.query(on: db).filter(\.$supportCase.$id ~~ caseIDs).all()
            let personOfCase = Dictionary(cases.map { ($0.id!, $0.$person.id) }, uniquingKeysWith: { a, _ in a })
            var latest: [UUID: SupportPlanVersion] = [:]
            for version in versions where version.number > (latest[version.$supportCase.id]?.number ?? 0) {
                latest[version.$supportCase.id] = version
            }
            for (caseID, version) in latest {
                guard let person = personOfCase[caseID] else { continue }
                goals[person, default: []] += try key.openJSON(SupportPlan.self, version.planSealed).goals
            }
            let shared = try await CaseNote.query(on: db).filter(\.$supportCase.$id ~~ caseIDs)
                .filter(\.$forVisitingWorkers == true).sort(\.$at, .descending).all()
            for note in shared {
                guard let person = personOfCase[note.$supportCase.id] else { continue }
                notes[person, default: []].append(
                    VisitingCard.SharedNote(
                        day: note.contactOn.flatMap(CalendarDay.init(iso:))?.display ?? SofiaTime.date(note.at),
                        author: note.authorName,
                        text: try key.open(note.textSealed)
                    )
                )
            }
        }
        return try Dictionary(
            persons.map { person in
                (
                    person.id!,
                    VisitingCard(
                        personID: person.id!,
                        name: PersonName(given: person.givenName, middle: person.middleName, family: person.familyName)
                            .full,
                        address: try person.addressSealed.map { try key.open($0) },
                        phone: try person.phone(key: key),
                        settlementEkatte: person.settlementEkatte,
                        goals: goals[person.id!] ?? [],
                        notes: notes[person.id!] ?? []
                    )
                )
            },
            uniquingKeysWith: { a, _ in a }
        )
    }
}
