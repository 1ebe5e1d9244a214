import Fluent
import OporaCore
import Vapor

/// What accepting a referral does at the receiving provider: the person's file (the one it
/// already keeps, found by its own salted identifier hash, or a new one from what was shared)
/// and an intake linked to the referral, with the shared assessment and plan in its first note.
enum ReferralIntake {
    /// Opens the intake inside the decision's transaction and returns its id.
    static func open(
        _ referral: Referral,
        at service: ProvidedService,
        caseWorker: UUID,
        scope: AccessScope,
        key: DataKey,
        actor: AuditActor,
        now: Date,
        on db: any Database
    ) async throws -> UUID? {
        let shared = try key.openJSON(SharedRecord.self, referral.sharedSealed)
        let provider = service.$provider.id
        let type = shared.identifierType.flatMap(IdentifierType.init(rawValue:))
        var person: Person?
        if let type, let identifier = shared.identifier {
            // Only the receiver's own register is searched: the hash is salted with its provider.
            person = try await Scoped.query(Person.self, scope, on: db).filter(
                \.$identifierHash == key.identifierHash(type: type, value: identifier, provider: provider)
            ).first()
        }
        if person == nil {
            guard let given = shared.givenName, let family = shared.familyName else { return nil }
            person = try await createPerson(
                shared,
                name: PersonName(given: given, middle: shared.middleName ?? "", family: family),
                type: type,
                provider: provider,
                fallbackSettlement: service.settlementEkatte,
                key: key,
                actor: actor,
                now: now,
                on: db
            )
        }
        guard let person else { return nil }
        let sending = try await Scoped.unscopedFind(SupportCase.self, referral.$supportCase.id, on: db, .throughParent)
        let reason = try referral.reasonSealed.map { try key.open($0) } ?? ""
        let supportCase = SupportCase()
        supportCase.version = 1
        supportCase.$person.id = person.id!
        supportCase.$provider.id = provider
        supportCase.municipalityCode = person.municipalityCode
        supportCase.oblastCode = person.oblastCode
        supportCase.$caseWorker.id = caseWorker
        supportCase.state = CaseLifeCycle.initialState
        supportCase.referralSource = .anotherProvider
        supportCase.legalBasis = sending?.legalBasis ?? .socialServicesAct
        supportCase.requestSealed = try key.seal(shared.request ?? reason)
        supportCase.openedOn = CalendarDay.today(at: now).iso
        supportCase.planNumber = 0
        // Numbered like an intake opened by hand: the receiver's next number of the year.
        try await CaseStore.numberCase(supportCase, on: db)
        try await supportCase.create(on: db)
        try await AuditTrail.append(
            on: db,
            actor: actor,
            action: "case.opened",
            recordType: "case",
            recordID: supportCase.id!.uuidString,
            changes: [
                FieldChange(field: "state", old: nil, new: supportCase.state.rawValue),
                FieldChange(field: "referral", old: nil, new: referral.id!.uuidString),
                FieldChange(field: "number", old: nil, new: supportCase.number),
            ],
            at: now
        )
        let note = CaseNote()
        note.$supportCase.id = supportCase.id!
        note.authorID = caseWorker
        note.authorName = actor.name
        note.at = now
        note.textSealed = try key.seal(summary(shared, reason: reason))
        try await note.create(on: db)
        return supportCase.id
    }

    /// The shared record as the first note of the intake, in Bulgarian, the language of the file.
    static func summary(_ shared: SharedRecord, reason: String) -> String {
        var lines = ["Прието насочване. Причина: " + reason]
        if let totals = shared.latestAssessment {
            lines.append(
                "Оценка"
                    + (shared.assessmentSignedOn.flatMap(CalendarDay.init(iso:)).map { " от " + $0.display } ?? "")
                    + ": Бартел \(totals["barthelTotal"] ?? 0), Лоутън \(totals["lawtonTotal"] ?? 0)"
            )
        }
        for domain in shared.assessmentDomains ?? [] {
            lines.append(
                "\(domain.domain.label(in: .bg)): \(domain.rating.label(in: .bg))"
                    + (domain.inOwnWords.isEmpty ? "" : " — „\(domain.inOwnWords)“")
            )
        }
        if let goals = shared.supportPlanGoals, !goals.isEmpty {
            lines.append("Цели по плана: " + goals.joined(separator: "; "))
        }
        for service in shared.supportPlan?.services ?? [] {
            lines.append("\(service.type.label(in: .bg)): \(service.frequency.description(in: .bg))")
        }
        return lines.joined(separator: "\n")
    }

    private static func createPerson(
        _ shared: SharedRecord,
        name: PersonName,
        type: IdentifierType?,
        provider: UUID,
        fallbackSettlement: String,
        key: DataKey,
        actor: AuditActor,
        now: Date,
        on db: any Database
    ) async throws -> Person? {
        var settlement = try await TerritoryQueries.settlement(shared.settlementEkatte ?? fallbackSettlement, on: db)
        if settlement == nil { settlement = try await TerritoryQueries.settlement(fallbackSettlement, on: db) }
        guard let settlement else { return nil }
        let person = Person()
        person.version = 1
        person.$provider.id = provider
        person.anonymised = false
        person.givenName = name.given
        person.middleName = name.middle
        person.familyName = name.family
        person.nameLatin = name.latin
        person.searchText = name.searchText
        person.sortKey = name.sortKey
        person.identifierType = type ?? IdentifierType.none
        if let type, let identifier = shared.identifier {
            person.identifierSealed = try key.seal(identifier)
            person.identifierHash = key.identifierHash(type: type, value: identifier, provider: provider)
            person.identifierTailHash = key.identifierTailHash(identifier, provider: provider)
        }
        person.birthDate = shared.birthDate
        person.settlementEkatte = settlement.id!
        person.municipalityCode = settlement.municipalityCode
        person.oblastCode = settlement.oblastCode
        person.addressSealed = try shared.address.map { try key.seal($0) }
        person.phoneSealed = try shared.phone.map { try key.seal($0) }
        let groups = shared.disabilityPercent == nil ? "" : TargetGroup.peopleWithDisabilities.rawValue
        person.targetGroupsSealed = try key.seal(groups)
        person.healthSealed = try shared.disabilityPercent.map {
            try key.sealJSON(HealthDetails(disabilityPercent: $0))
        }
        try await person.create(on: db)
        try await AuditTrail.append(
            on: db,
            actor: actor,
            action: "person.created",
            recordType: "person",
            recordID: person.id!.uuidString,
            changes: [FieldChange(field: "from", old: nil, new: "referral")],
            sealingWith: key,
            at: now
        )
        return person
    }
}

/// In-app notices to a provider's staff about referrals.
enum Notifications {
    static func notify(
        _ provider: Provider,
        _ kind: CaseNotification.Kind,
        referral: UUID,
        service: String,
        at now: Date,
        on db: any Database
    ) async throws {
        let notice = CaseNotification()
        notice.createdAt = now
        notice.$provider.id = provider.id!
        notice.municipalityCode = provider.municipalityCode
        notice.oblastCode = provider.oblastCode
        notice.kind = kind
        notice.referralID = referral
        notice.serviceName = service
        try await notice.create(on: db)
    }

    /// The notices of the user's providers, newest first.
    static func query(_ scope: AccessScope, on db: any Database) -> QueryBuilder<CaseNotification> {
        Scoped.query(CaseNotification.self, scope, on: db)
    }
}
