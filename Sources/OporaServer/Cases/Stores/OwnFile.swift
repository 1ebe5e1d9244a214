import Fluent
import OporaCore
import Vapor

/// What Cases lets a person's own page read of a file: only within the caller's scope, which for a
/// service user is their own file, and for a representative the files of those they represent.
enum OwnFile {
    struct Summary: Sendable {
        var id: UUID
        var name: String
        var providerID: UUID
        var municipalityCode: String
        var oblastCode: String
    }

    /// The files among `ids` that lie in the scope and are not anonymised.
    static func people(_ ids: Set<UUID>, _ scope: AccessScope, on db: any Database) async throws -> [Summary] {
        guard !ids.isEmpty else { return [] }
        return try await PeopleStore.query(scope, on: db).filter(\.$id ~~ Array(ids)).all().map {
            Summary(
                id: $0.id!,
                name: $0.name.full,
                providerID: $0.$provider.id,
                municipalityCode: $0.municipalityCode,
                oblastCode: $0.oblastCode
            )
        }
    }

    struct PlanVersion: Sendable {
        var number: Int
        var agreedAt: Date
        var plan: SupportPlan
    }

    struct PlanHistory: Sendable {
        var caseNumber: String?
        var providerID: UUID
        /// Oldest first; the last is the plan in force.
        var versions: [PlanVersion]
    }

    /// Every agreed version of the plans of the person's cases that are delivering or paused.
    static func plans(
        of person: UUID,
        _ scope: AccessScope,
        key: DataKey,
        on db: any Database
    ) async throws
        -> [PlanHistory]
    {
        let cases = try await Scoped.query(SupportCase.self, scope, on: db).filter(\.$person.$id == person)
            .filter(\.$state ~~ PlansInForce.states).filter(\.$planNumber > 0).all()
        guard !cases.isEmpty else { return [] }
        let versions = try await SupportPlanVersion.query(on: db).filter(\.$supportCase.$id ~~ cases.map { $0.id! })
            .sort(\.$number).all()
        return try cases.map { supportCase in
            PlanHistory(
                caseNumber: supportCase.number,
                providerID: supportCase.$provider.id,
                versions: try versions.filter { $0.$supportCase.id == supportCase.id }.map {
                    PlanVersion(number: $0.number, agreedAt: $0.createdAt, plan: try $0.plan(key: key))
                }
            )
        }
    }

    struct Representative: Sendable {
        var memberID: UUID
        var name: String
        var legalRole: LegalRole
    }

    /// The household members recorded as the person's legal representatives.
    static func representatives(
        of person: UUID,
        _ scope: AccessScope,
        key: DataKey,
        on db: any Database
    )
        async throws -> [Representative]
    {
        guard try await PeopleStore.query(scope, on: db).filter(\.$id == person).count() == 1 else { return [] }
        return try await HouseholdMember.query(on: db).filter(\.$person.$id == person).filter(\.$legalRole != "")
            .sort(\.$since).all().compactMap { member in
                guard let role = LegalRole(rawValue: member.legalRole) else { return nil }
                return Representative(memberID: member.id!, name: try key.open(member.nameSealed), legalRole: role)
            }
    }

    /// The subject-access document of a file in the scope; the opening is audited like any other.
    static func subjectAccess(
        _ id: UUID,
        _ scope: AccessScope,
        request req: Request
    ) async throws
        -> SubjectAccessDocument
    {
        let person = try await PeopleStore.open(id, scope, request: req)
        let record = try await SubjectAccessExport.build(person: person, request: req)
        return try await SubjectAccessDocument.build(record, person: person, request: req)
    }
}

extension OwnFile {
    /// The ids of the person's cases in any state, for the openings the audit trail records.
    static func caseIDs(of person: UUID, _ scope: AccessScope, on db: any Database) async throws -> [UUID] {
        try await Scoped.query(SupportCase.self, scope, on: db).filter(\.$person.$id == person).all(\.$id)
    }
}

extension OwnFile {
    /// A legal representative on a demo person's household, for the demo's representative account.
    static func addRepresentativeForDemo(
        to person: UUID,
        name: String,
        role: LegalRole,
        key: DataKey,
        at now: Date,
        on db: any Database
    ) async throws -> UUID {
        let member = HouseholdMember()
        member.$person.id = person
        member.nameSealed = try key.seal(name)
        member.relation = .child
        member.livesWith = false
        member.legalRole = role.rawValue
        member.since = CalendarDay.today(at: now).iso
        try await member.create(on: db)
        return member.id!
    }
}
