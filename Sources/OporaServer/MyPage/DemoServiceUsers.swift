import Fluent
import OporaCore

/// The demo's service user (`person`) and a guardian (`representative`): two people of the
/// municipal centre whose plans in force the demo week has published, so both pages have a plan
/// and visits to show, and ratings of the visits made so far this week.
enum DemoServiceUsers {
    static let personUsername = "person"
    static let representativeUsername = "representative"
    static let guardianName = "Десислава Петрова"

    static func seed(_ demo: DemoSeeding) async throws {
        let centre = DemoProviders.municipal.id
        let plans = try await PlansInForce.at(
            provider: centre,
            AccessScope(providers: [centre]),
            key: demo.key,
            on: demo.db
        )
        .filter { plan in !plan.suspended && plan.plan.services.contains { $0.chosenWorkerID != nil } }
        .sorted { $0.personName < $1.personName }
        guard plans.count >= 2 else { return }
        let scope = AccessScope(providers: [centre])
        let people = try await OwnFile.people(Set([plans[0].personID, plans[1].personID]), scope, on: demo.db)
        guard let person = people.first(where: { $0.id == plans[0].personID }),
            let ward = people.first(where: { $0.id == plans[1].personID })
        else { return }
        let own = try await link(person, username: personUsername, displayName: person.name, memberID: nil, demo)
        let memberID = try await OwnFile.addRepresentativeForDemo(
            to: ward.id,
            name: guardianName,
            role: .guardian,
            key: demo.key,
            at: demo.now,
            on: demo.db
        )
        let guardian = try await link(
            ward,
            username: representativeUsername,
            displayName: guardianName,
            memberID: memberID,
            demo
        )
        try await rate(person.id, by: own, scope: scope, demo)
        try await rate(ward.id, by: guardian, scope: scope, demo)
    }

    /// Rates the person's visits made so far this week, all but the last, which is left for the
    /// page to show its rating form.
    private static func rate(_ person: UUID, by account: UUID, scope: AccessScope, _ demo: DemoSeeding) async throws {
        let today = CalendarDay.today(at: demo.now)
        let monday = MyWeekPage.span(today: today).from
        let made = try await PersonVisits.visits(person: person, from: monday, to: today, scope, on: demo.db)
            .filter { $0.checkedOutAt != nil && !$0.withdrawn }.dropLast()
        let faces: [VisitFace] = [.good, .good, .neutral, .good, .poor]
        for (index, visit) in made.enumerated() {
            let record = VisitRatingRecord()
            record.visitID = visit.id
            record.personID = person
            record.providerID = visit.providerID
            record.municipalityCode = visit.municipalityCode
            record.oblastCode = visit.oblastCode
            record.workerID = visit.workerID
            record.face = faces[index % faces.count].rawValue
            record.wordSealed = index == 0 ? try demo.key.seal("Благодаря, всичко беше наред.") : nil
            record.ratedAt = min(visit.checkedOutAt!.addingTimeInterval(3600), demo.now)
            record.ratedBy = account
            try await record.create(on: demo.db)
            try await AuditTrail.append(
                on: demo.db,
                actor: demo.actor,
                action: "my-page.rated",
                recordType: "person",
                recordID: person.uuidString,
                changes: [FieldChange(field: "face", old: nil, new: record.face)],
                sealingWith: demo.key,
                at: demo.now
            )
        }
    }

    private static func link(
        _ person: OwnFile.Summary,
        username: String,
        displayName: String,
        memberID: UUID?,
        _ demo: DemoSeeding
    ) async throws -> UUID {
        let account = User(username: username, displayName: displayName, passwordHash: demo.passwordHash)
        try await account.create(on: demo.db)
        try await RoleGrant(
            userID: account.id!,
            role: .serviceUser,
            scopeKind: .person,
            scopeCode: person.id.uuidString
        )
        .create(on: demo.db)
        let link = MyPageLink()
        link.userID = account.id!
        link.personID = person.id
        link.memberID = memberID
        link.providerID = person.providerID
        link.municipalityCode = person.municipalityCode
        link.oblastCode = person.oblastCode
        link.hasPassword = true
        link.createdAt = demo.now
        try await link.create(on: demo.db)
        try await demo.audit(
            "user.created",
            "user",
            account.id!,
            changes: [FieldChange(field: "username", old: nil, new: username)]
        )
        return account.id!
    }
}
