import Fluent
import OporaCore
import Vapor

/// A support plan in force, as other capabilities read it: home care turns it into visits.
struct PlanInForce: Sendable {
    var caseID: UUID
    var caseNumber: String?
    var providerID: UUID
    var personID: UUID
    var personName: String
    var settlementEkatte: String
    var suspended: Bool
    var planNumber: Int
    var plan: SupportPlan
}

/// What Cases lets other capabilities read of its plans: the latest agreed version of every case
/// of a provider that is delivering (or paused), within the caller's scope.
enum PlansInForce {
    static let states: [CaseState] = [.active, .review, .suspended]

    static func at(
        provider: UUID,
        _ scope: AccessScope,
        key: DataKey,
        on db: any Database
    ) async throws
        -> [PlanInForce]
    {
        let cases = try await Scoped.query(SupportCase.self, scope, on: db)
            .filter(\.$provider.$id == provider).filter(\.$state ~~ states).filter(\.$planNumber > 0).all()
        return try await inForce(cases, scope, key: key, on: db)
    }

    /// One case's plan in force, such as the one home care proposes an assistant for; 404 when the
    /// case lies outside the scope or has no plan in force.
    static func of(case id: UUID, _ scope: AccessScope, key: DataKey, on db: any Database) async throws -> PlanInForce {
        let cases = try await Scoped.query(SupportCase.self, scope, on: db).filter(\.$id == id)
            .filter(\.$state ~~ states).filter(\.$planNumber > 0).all()
        guard let plan = try await inForce(cases, scope, key: key, on: db).first else { throw Abort(.notFound) }
        return plan
    }

    private static func inForce(
        _ cases: [SupportCase],
        _ scope: AccessScope,
        key: DataKey,
        on db: any Database
    ) async throws -> [PlanInForce] {
        guard !cases.isEmpty else { return [] }
        let caseIDs = cases.map { $0.id! }
        let versions = try await SupportPlanVersion.query(on: db).filter(\.$supportCase.$id ~~ caseIDs).all()
        var latest: [UUID: SupportPlanVersion] = [:]
        for version in versions where version.number > (latest[version.$supportCase.id]?.number ?? 0) {
            latest[version.$supportCase.id] = version
        }
        let people = try await Scoped.query(Person.self, scope, on: db)
            .filter(\.$id ~~ Array(Set(cases.map { $0.$person.id }))).all()
        let byID = Dictionary(people.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        return try cases.compactMap { supportCase in
            guard let version = latest[supportCase.id!], let person = byID[supportCase.$person.id] else { return nil }
            return PlanInForce(
                caseID: supportCase.id!,
                caseNumber: supportCase.number,
                providerID: supportCase.$provider.id,
                personID: person.id!,
                personName: PersonName(given: person.givenName, middle: person.middleName, family: person.familyName)
                    .full,
                settlementEkatte: person.settlementEkatte,
                suspended: supportCase.state == .suspended,
                planNumber: version.number,
                plan: try key.openJSON(SupportPlan.self, version.planSealed)
            )
        }
    }
}

extension PlansInForce {
    /// Names of the people with these ids who lie in the scope; others are left out.
    static func personNames(_ ids: Set<UUID>, _ scope: AccessScope, on db: any Database) async throws -> [UUID: String]
    {
        guard !ids.isEmpty else { return [:] }
        // Only the name columns: a whole model per person cost more than the query on the
        // monthly reports of a 300-person centre.
        let people = try await Scoped.query(Person.self, scope, on: db).filter(\.$id ~~ Array(ids))
            .field(\.$id).field(\.$givenName).field(\.$middleName).field(\.$familyName)
            .rows { output -> (UUID, String) in
                let row = output.schema(Person.schema)
                let name = PersonName(
                    given: try row.decode("given_name", as: String.self),
                    middle: try row.decode("middle_name", as: String.self),
                    family: try row.decode("family_name", as: String.self)
                )
                return (try row.decode("id", as: UUID.self), name.full)
            }
        return Dictionary(people, uniquingKeysWith: { a, _ in a })
    }
}

extension PlansInForce {
    /// Agrees a new version of a case's plan on behalf of the demo's seed, after the plan's own
    /// checks; pages and the API go through `PlanStore`, which also checks the register and staff.
    static func agreeForDemo(
        _ plan: SupportPlan,
        caseID: UUID,
        by name: String,
        at now: Date,
        key: DataKey,
        on db: any Database
    )
        async throws
    {
        let problems = plan.problems()
        guard problems.isEmpty else {
            throw CommandUsage(message: "demo plan refused: \(problems.map { $0.message(in: .en) })")
        }
        guard let supportCase = try await Scoped.unscopedFind(SupportCase.self, caseID, on: db, .administration) else {
            return
        }
        let version = SupportPlanVersion()
        version.$supportCase.id = caseID
        version.number = supportCase.planNumber + 1
        version.planSealed = try key.sealJSON(plan)
        version.reviewDate = plan.reviewDate.iso
        version.createdBy = name
        version.createdAt = now
        try await version.create(on: db)
        supportCase.planNumber = version.number
        supportCase.version += 1
        try await supportCase.update(on: db)
    }
}
