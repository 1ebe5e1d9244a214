import Fluent
import OporaCore
import Vapor

/// Everything Opora holds about one person, for a subject-access request (GDPR Art. 15), and
/// nothing about anyone else: household members and other people appear only by what the
/// person's own records say.
struct SubjectAccessRecord: Codable, Sendable {
    struct CaseRecord: Codable, Sendable {
        var supportCase: CaseDTO
        var transitions: [TransitionDTO]
        var notes: [NoteDTO]
        var plans: [PlanDTO]
        var referrals: [ReferralDTO]
    }

    struct AccessEvent: Codable, Sendable {
        var at: Date
        var by: String
        var action: String
    }

    /// One field of the core's table of personal data: what Opora holds of it and what erasure
    /// would do with it, in the reader's language.
    struct FieldEntry: Codable, Sendable {
        var field: String
        var label: String
        var values: [String]
        var onErasure: String
    }

    var exportedAt: Date
    /// Every field of `PersonalDataField`, so that nothing Opora holds is left out of the answer.
    var personalData: [FieldEntry]
    var person: PersonDTO
    var household: [HouseholdMemberDTO]
    var consents: [ConsentDTO]
    var cases: [CaseRecord]
    var assessments: [AssessmentDTO]
    /// Who opened or changed the person's file, and when.
    var history: [AccessEvent]
}

enum SubjectAccessExport {
    static func build(person: Person, request req: Request) async throws -> SubjectAccessRecord {
        let key = req.application.dataKey
        let db = req.db
        let personID = person.id!
        var cases: [SubjectAccessRecord.CaseRecord] = []
        for supportCase in try await Scoped.unscoped(SupportCase.self, on: db, .throughParent).filter(
            \.$person.$id == personID
        ).sort(\.$createdAt).all() {
            let caseID = supportCase.id!
            let transitions = try await CaseTransitionRecord.query(on: db).filter(\.$supportCase.$id == caseID).sort(
                \.$at
            ).all()
            let notes = try await CaseNote.query(on: db).filter(\.$supportCase.$id == caseID).sort(\.$at).all()
            let plans = try await SupportPlanVersion.query(on: db).filter(\.$supportCase.$id == caseID).sort(\.$number)
                .all()
            let referrals = try await Scoped.unscoped(Referral.self, on: db, .throughParent).filter(
                \.$supportCase.$id == caseID
            ).sort(\.$sentAt).all()
            cases.append(
                .init(
                    supportCase: try supportCase.dto(key: key),
                    transitions: try transitions.map {
                        TransitionDTO(
                            from: $0.fromState,
                            to: $0.toState,
                            reason: try key.open($0.reasonSealed),
                            by: $0.byName,
                            at: $0.at
                        )
                    },
                    notes: try notes.map {
                        NoteDTO(
                            id: $0.id!,
                            author: $0.authorName,
                            at: $0.at,
                            text: try key.open($0.textSealed),
                            forVisitingWorkers: $0.forVisitingWorkers ?? false
                        )
                    },
                    plans: try plans.map { try $0.dto(key: key) },
                    referrals: try referrals.map { try $0.dto(key: key) }
                )
            )
        }
        let caseIDs = cases.map { $0.supportCase.id.uuidString }
        let history = try await AuditEvent.query(on: db)
            .group(.or) { group in
                group.group(.and) { $0.filter(\.$recordType == "person").filter(\.$recordID == personID.uuidString) }
                if !caseIDs.isEmpty {
                    group.group(.and) { $0.filter(\.$recordType == "case").filter(\.$recordID ~~ caseIDs) }
                }
            }
            .sort(\.$seq).all()
        let language = req.language
        let held = try await PersonalDataHolders.export(
            person: personID,
            from: req.application.capabilities.personalDataHolders,
            key: key,
            language: language,
            on: db
        )
        let personalData = held.map { field, values in
            SubjectAccessRecord.FieldEntry(
                field: field.rawValue,
                label: field.label(in: language),
                values: values,
                onErasure: field.onErasure.label(in: language)
            )
        }
        return SubjectAccessRecord(
            exportedAt: req.application.clock.now(),
            personalData: personalData,
            person: try person.dto(key: key),
            household: try await HouseholdStore.members(of: person, key: key, on: db),
            consents: try await SharingConsent.query(on: db).filter(\.$person.$id == personID).all().map(\.dto),
            cases: cases,
            assessments: try await Assessment.query(on: db).filter(\.$person.$id == personID).sort(\.$createdAt).all()
                .map { try $0.dto(key: key, language: req.language) },
            history: history.map { .init(at: $0.at, by: $0.actorName, action: $0.action) }
        )
    }
}
