import Fluent
import OporaCore
import Vapor

/// Every record of Cases that holds a person's data, loaded together so that erasure and the
/// subject-access export walk the core's table of personal-data fields (`PersonalDataField`) over
/// the same rows.
final class PersonalRecords: HeldPersonalData, @unchecked Sendable {
    let person: Person
    let cases: [SupportCase]
    let transitions: [CaseTransitionRecord]
    let notes: [CaseNote]
    let assessments: [Assessment]
    let plans: [SupportPlanVersion]
    var household: [HouseholdMember]
    let referrals: [Referral]
    var consents: [SharingConsent]
    /// Rows that erasure removes whole.
    var removed: [any Model] = []

    init(person: Person, on db: any Database) async throws {
        let personID = try person.requireID()
        self.person = person
        cases = try await Scoped.unscoped(SupportCase.self, on: db, .throughParent).filter(\.$person.$id == personID)
            .sort(\.$createdAt).all()
        let caseIDs = cases.compactMap(\.id)
        transitions = try await CaseTransitionRecord.query(on: db).filter(\.$supportCase.$id ~~ caseIDs).all()
        notes = try await CaseNote.query(on: db).filter(\.$supportCase.$id ~~ caseIDs).all()
        assessments = try await Assessment.query(on: db).filter(\.$person.$id == personID).sort(\.$createdAt).all()
        plans = try await SupportPlanVersion.query(on: db).filter(\.$supportCase.$id ~~ caseIDs).sort(\.$number).all()
        household = try await HouseholdMember.query(on: db).filter(\.$person.$id == personID).all()
        referrals = try await Scoped.unscoped(Referral.self, on: db, .throughParent).filter(
            \.$supportCase.$id ~~ caseIDs
        ).all()
        consents = try await SharingConsent.query(on: db).filter(\.$person.$id == personID).all()
    }

    func exported(_ field: PersonalDataField, key: DataKey, language: Language) throws -> [String] {
        try PersonalData.exported(field, from: self, key: key, language: language)
    }

    func erase(_ field: PersonalDataField, as treatment: PersonalDataField.Treatment, key: DataKey) throws {
        try PersonalData.erase(field, as: treatment, in: self, key: key)
    }

    /// Writes what erasure changed and deletes what it removed.
    func save(on db: any Database) async throws {
        try await person.update(on: db)
        for model in cases { try await model.update(on: db) }
        for model in transitions { try await model.update(on: db) }
        for model in notes { try await model.update(on: db) }
        for model in assessments { try await model.update(on: db) }
        for model in plans { try await model.update(on: db) }
        for model in referrals { try await model.update(on: db) }
        for model in removed { try await model.delete(on: db) }
    }
}

/// Cases keeps every field of the table but the hours delivered, which home care records.
struct CasesPersonalData: PersonalDataHolder {
    var fields: Set<PersonalDataField> { Set(PersonalDataField.allCases).subtracting([.deliveredHours]) }

    func load(person: UUID, on db: any Database) async throws -> any HeldPersonalData {
        guard let record = try await Scoped.unscopedFind(Person.self, person, on: db, .reread) else {
            throw Abort(.notFound)
        }
        return try await PersonalRecords(person: record, on: db)
    }
}

/// Where Cases keeps each field of the core's table, what erasure does to it by the table's
/// treatment, and what the subject-access export shows of it. A field whose treatment changes
/// in the table, or a new field, has no case here until someone writes it: erasure then stops
/// with `PersonalDataUnhandled` instead of leaving the field as it was.
enum PersonalData {
    static func erase(
        _ field: PersonalDataField,
        as treatment: PersonalDataField.Treatment,
        in r: PersonalRecords,
        key: DataKey
    ) throws {
        let blank = try key.seal("")
        switch (field, treatment) {
        case (_, .keep):
            return
        case (.givenName, .remove):
            r.person.givenName = "—"
            // The plan's signature line holds the name as the person (or their representative) signed.
            for version in r.plans {
                var plan = try version.plan(key: key)
                plan.agreement = plan.agreement.map { PlanAgreement(agreedBy: "—", agreedOn: $0.agreedOn) }
                version.planSealed = try key.sealJSON(plan)
            }
        case (.familyName, .remove):
            r.person.middleName = ""
            r.person.familyName = "—"
        case (.nameLatin, .remove):
            r.person.nameLatin = "-"
            r.person.searchText = ""
            r.person.sortKey = "~"
        case (.identifier, .remove):
            r.person.identifierSealed = nil
            r.person.identifierHash = nil
            r.person.identifierTailHash = nil
            // A referral carries copies of the fields above; only its categories stay.
            for referral in r.referrals {
                let shared = try key.openJSON(SharedRecord.self, referral.sharedSealed)
                referral.sharedSealed = try key.sealJSON(SharedRecord(categories: shared.categories))
            }
        case (.birthDate, .generalise):
            r.person.birthDate = r.person.birthDate.flatMap(CalendarDay.init(iso:))
                .map { CalendarDay(year: PersonalDataField.generalised(birthDate: $0), month: 1, day: 1)!.iso }
        case (.address, .remove):
            r.person.addressSealed = nil
        case (.phones, .remove):
            r.person.phoneSealed = nil
        case (.householdMembers, .remove):
            r.removed += r.household.filter { $0.legalRole.isEmpty }.map { $0 as any Model }
            r.household.removeAll { $0.legalRole.isEmpty }
        case (.legalRepresentative, .remove):
            r.removed += r.household.filter { !$0.legalRole.isEmpty }.map { $0 as any Model }
            r.household.removeAll { !$0.legalRole.isEmpty }
        case (.disabilityDecision, .remove):
            try updateHealth(r.person, key: key) {
                $0.decisionExpiry = nil
                $0.needsAnotherPersonsHelp = nil
                $0.notes = nil
            }
            // The evidence of a target group is a decision's number and words of its own.
            if r.person.targetGroupEvidenceSealed != nil { r.person.targetGroupEvidenceSealed = nil }
        case (.disabilityPercentage, .generalise):
            try updateHealth(r.person, key: key) { health in
                if let percent = health.disabilityPercent {
                    health.disabilityBand = PersonalDataField.generalised(disabilityPercentage: Double(percent))
                }
                health.disabilityPercent = nil
            }
        case (.lifeDomainWords, .remove), (.goals, .remove):
            for assessment in r.assessments {
                var content = try key.openJSON(AssessmentContent.self, assessment.contentSealed)
                content.domains = content.domains.map {
                    LifeDomainAssessment(
                        domain: $0.domain,
                        rating: $0.rating,
                        inOwnWords: field == .lifeDomainWords ? "" : $0.inOwnWords,
                        goal: field == .goals ? "" : $0.goal
                    )
                }
                assessment.contentSealed = try key.sealJSON(content)
            }
            if field == .goals {
                for version in r.plans {
                    var plan = try version.plan(key: key)
                    plan.goals = []
                    version.planSealed = try key.sealJSON(plan)
                }
            }
        case (.caseNotes, .remove):
            for note in r.notes { note.textSealed = blank }
            for supportCase in r.cases { supportCase.requestSealed = blank }
            for transition in r.transitions { transition.reasonSealed = blank }
            // Why the person was referred is written of the person, like a note.
            for referral in r.referrals where referral.reasonSealed != nil { referral.reasonSealed = blank }
        case (.consents, .remove):
            r.removed += r.consents.map { $0 as any Model }
            r.consents = []
        default:
            throw PersonalDataUnhandled(field: field, treatment: treatment)
        }
    }

    private static func updateHealth(_ person: Person, key: DataKey, _ change: (inout HealthDetails) -> Void) throws {
        guard let sealed = person.healthSealed else { return }
        var health = try key.openJSON(HealthDetails.self, sealed)
        change(&health)
        person.healthSealed = try key.sealJSON(health)
    }

    /// What the export shows of a field, as text for the person to read; empty when Cases holds none.
    static func exported(
        _ field: PersonalDataField,
        from r: PersonalRecords,
        key: DataKey,
        language: Language
    ) throws -> [String] {
        let person = r.person
        let health = try person.healthSealed.map { try key.openJSON(HealthDetails.self, $0) }
        switch field {
        case .givenName: return [person.givenName]
        case .familyName: return [[person.middleName, person.familyName].filter { !$0.isEmpty }.joined(separator: " ")]
        case .nameLatin: return [person.nameLatin]
        case .identifier: return try person.identifierSealed.map { [try key.open($0)] } ?? []
        case .birthDate: return person.birthDate.flatMap(CalendarDay.init(iso:)).map { [$0.display] } ?? []
        case .sex: return person.sex.flatMap(Sex.init(rawValue:)).map { [$0.label(in: language)] } ?? []
        case .address: return try person.addressSealed.map { [try key.open($0)] } ?? []
        case .settlement: return [person.settlementEkatte]
        case .phones:
            return try [person.phone(key: key)].compactMap { $0 }
                + r.household.compactMap { try $0.phoneSealed.map { try key.open($0) } }
        case .householdMembers:
            return try r.household.filter { $0.legalRole.isEmpty }.map { try key.open($0.nameSealed) }
        case .legalRepresentative:
            return try r.household.filter { !$0.legalRole.isEmpty }.map { try key.open($0.nameSealed) }
        case .targetGroups:
            return try person.targetGroups(key: key).compactMap { TargetGroup(rawValue: $0)?.label(in: language) }
        case .disabilityDecision:
            return health?.decisionExpiry.flatMap(CalendarDay.init(iso:)).map { [$0.display] } ?? []
        case .disabilityPercentage:
            return (health?.disabilityPercent.map { ["\($0) %"] } ?? []) + (health?.disabilityBand.map { [$0] } ?? [])
        case .assessmentScores:
            return try r.assessments.map {
                let totals = try $0.totals(key: key)
                return "Barthel \(totals.barthel), Lawton \(totals.lawton)"
            }
        case .lifeDomainWords:
            return try r.assessments.flatMap {
                try key.openJSON(AssessmentContent.self, $0.contentSealed).domains.map(\.inOwnWords)
            }.filter { !$0.isEmpty }
        case .goals:
            return try r.plans.flatMap { try $0.plan(key: key).goals }
        case .caseNotes: return try r.notes.map { try key.open($0.textSealed) }.filter { !$0.isEmpty }
        case .plannedServices:
            return try r.plans.last.map {
                try $0.plan(key: key).services.map { $0.frequency.description(in: language) }
            } ?? []
        case .deliveredHours: throw PersonalDataUnhandled(field: field, treatment: field.onErasure)
        case .consents: return r.consents.map { $0.categories }
        }
    }
}

/// The core's table names a field or treatment that Cases does not handle yet.
struct PersonalDataUnhandled: Error, CustomStringConvertible {
    var field: PersonalDataField
    var treatment: PersonalDataField.Treatment
    var description: String { "erasure does not know how to \(treatment.rawValue) \(field.rawValue)" }
}
