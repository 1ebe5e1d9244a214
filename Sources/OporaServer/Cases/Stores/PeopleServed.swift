import Fluent
import OporaCore
import Vapor

/// What the hours reports and indicators may know of a person served: where they live and the
/// target groups they belong to, never the evidence or anything else of the file.
struct PersonServed: Sendable {
    var personID: UUID
    var name: String
    var settlementEkatte: String
    var targetGroups: [TargetGroup]
}

extension PlansInForce {
    /// The people with these ids who lie in the scope, for counting by settlement and target
    /// group; the elderly group follows from the birth date on `day`, as everywhere else.
    static func peopleServed(
        _ ids: Set<UUID>,
        on day: CalendarDay,
        _ scope: AccessScope,
        key: DataKey,
        on db: any Database
    ) async throws -> [UUID: PersonServed] {
        guard !ids.isEmpty else { return [:] }
        let people = try await Scoped.query(Person.self, scope, on: db).filter(\.$id ~~ Array(ids)).all()
        var result: [UUID: PersonServed] = [:]
        for person in people {
            var groups = Set(try person.targetGroups(key: key).compactMap(TargetGroup.init(rawValue:)))
            groups.remove(.elderly)
            if let birth = person.birthDate.flatMap(CalendarDay.init(iso:)),
                TargetGroup.isElderly(birthDate: birth, on: day)
            {
                groups.insert(.elderly)
            }
            result[person.id!] = PersonServed(
                personID: person.id!,
                name: person.name.full,
                settlementEkatte: person.settlementEkatte,
                targetGroups: TargetGroup.allCases.filter(groups.contains)
            )
        }
        return result
    }

    /// Each person's personal-assistance grants at `provider` that may touch the month from
    /// `since` on, in the order their plan versions were agreed: a version applies from its
    /// plan's start day, until a later one starts or the case closes (a case closed during the
    /// month keeps the days it was open; one closed before `since` has nothing left to count).
    static func assistanceGrants(
        provider: UUID,
        since: CalendarDay,
        _ scope: AccessScope,
        key: DataKey,
        on db: any Database
    ) async throws -> [UUID: [GrantPeriod]] {
        let counting: [CaseState] = states + [.closed]
        let cases = try await Scoped.query(SupportCase.self, scope, on: db)
            .filter(\.$provider.$id == provider).filter(\.$state ~~ counting).filter(\.$planNumber > 0).all()
        let closed = cases.filter { $0.state == .closed }.compactMap(\.id)
        var closedOn: [UUID: CalendarDay] = [:]
        if !closed.isEmpty {
            let closings = try await CaseTransitionRecord.query(on: db).filter(\.$supportCase.$id ~~ closed)
                .filter(\.$toState == CaseState.closed.rawValue).sort(\.$at).all()
            for closing in closings { closedOn[closing.$supportCase.id] = CalendarDay.today(at: closing.at) }
        }
        let counted = cases.filter { supportCase in
            guard supportCase.state == .closed else { return true }
            return closedOn[supportCase.id!].map { $0 >= since } ?? false
        }
        guard !counted.isEmpty else { return [:] }
        let person = Dictionary(counted.map { ($0.id!, $0.$person.id) }, uniquingKeysWith: { a, _ in a })
        let versions = try await SupportPlanVersion.query(on: db)
            .filter(\.$supportCase.$id ~~ Array(person.keys)).sort(\.$number).all()
        var result: [UUID: [GrantPeriod]] = [:]
        for version in versions {
            let caseID = version.$supportCase.id
            guard let personID = person[caseID] else { continue }
            let plan = try key.openJSON(SupportPlan.self, version.planSealed)
            let hours = plan.personalAssistance?.monthlyHours ?? 0
            // A version without personal assistance ends the grant from its start.
            if plan.personalAssistance == nil && result[personID] == nil { continue }
            result[personID, default: []].append(
                GrantPeriod(from: plan.startDate, until: closedOn[caseID], monthlyHours: hours)
            )
        }
        return result
    }

    /// The people a provider registered, in the scope: who a centre may have on its books.
    static func peopleRegistered(
        at provider: UUID,
        _ scope: AccessScope,
        on db: any Database
    ) async throws -> [(personID: UUID, settlementEkatte: String)] {
        try await Scoped.query(Person.self, scope, on: db).filter(\.$provider.$id == provider)
            .filter(\.$anonymised == false).sort(\.$sortKey).all()
            .map { ($0.id!, $0.settlementEkatte) }
    }
}
