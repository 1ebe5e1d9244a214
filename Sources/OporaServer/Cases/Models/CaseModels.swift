import Fluent
import OporaCore
import Vapor

/// A case (случай): from the first request to closure, with one case worker and a team.
final class SupportCase: Model, Versioned, @unchecked Sendable {
    static let schema = "cases"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int

    @Parent(key: "person_id") var person: Person
    @Parent(key: "provider_id") var provider: Provider
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @OptionalParent(key: "case_worker_id") var caseWorker: User?
    @Enum(key: "state") var state: CaseState
    @Enum(key: "referral_source") var referralSource: ReferralSource
    @Enum(key: "legal_basis") var legalBasis: LegalBasis
    /// What the person asks for, in their words; sealed.
    @Field(key: "request_sealed") var requestSealed: String
    @Field(key: "opened_on") var openedOn: String
    /// The number of the latest support plan version; a stale editor gets a conflict.
    @Field(key: "plan_number") var planNumber: Int
    /// The case's number (`CaseNumber`), unique per provider and year: the year and place in it,
    /// and the number as shown, kept as assigned even if the provider is renamed.
    @OptionalField(key: "number_year") var numberYear: Int?
    @OptionalField(key: "number_sequence") var numberSequence: Int?
    @OptionalField(key: "number") var number: String?

    init() {}
}

/// One step of a case's life cycle, with its reason.
final class CaseTransitionRecord: Model, @unchecked Sendable {
    static let schema = "case_transitions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var supportCase: SupportCase
    @Field(key: "from_state") var fromState: String
    @Field(key: "to_state") var toState: String
    @Field(key: "reason_sealed") var reasonSealed: String
    @Field(key: "by_name") var byName: String
    @Field(key: "at") var at: Date

    init() {}
}

/// A case note with its author and time; the text is sealed.
final class CaseNote: Model, @unchecked Sendable {
    static let schema = "case_notes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var supportCase: SupportCase
    @OptionalField(key: "author_id") var authorID: UUID?
    @Field(key: "author_name") var authorName: String
    @Field(key: "at") var at: Date
    @Field(key: "text_sealed") var textSealed: String
    /// `CaseNoteKind`; and the day of the contact, which may be before the note was written.
    @OptionalField(key: "kind") var kind: String?
    @OptionalField(key: "contact_on") var contactOn: String?
    /// The person agreed that the workers who visit them may read this note.
    @OptionalField(key: "for_visiting_workers") var forVisitingWorkers: Bool?

    init() {}
}

/// A needs assessment done with the person. Once signed it never changes; a reassessment is a new row.
final class Assessment: Model, @unchecked Sendable {
    static let schema = "assessments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var supportCase: SupportCase
    @Parent(key: "person_id") var person: Person
    /// Sealed JSON of `AssessmentContent`: item scores and life domains in the person's words.
    @Field(key: "content_sealed") var contentSealed: String
    @OptionalField(key: "dependence_degree") var dependenceDegree: Int?
    @Field(key: "signed_on") var signedOn: String
    @Field(key: "signed_by") var signedBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension Assessment {
    /// The totals are health data: they are read from the sealed content, never kept in clear columns.
    func totals(key: DataKey) throws -> (barthel: Int, lawton: Int) {
        let content = try key.openJSON(AssessmentContent.self, contentSealed)
        return (content.barthel.total, content.lawton.total())
    }
}

struct AssessmentContent: Codable, Sendable, Equatable {
    var barthel: BarthelIndex
    var lawton: LawtonIADL
    var domains: [LifeDomainAssessment]
}

/// One version of a case's individual support plan; the plan itself is sealed JSON of `SupportPlan`.
final class SupportPlanVersion: Model, @unchecked Sendable {
    static let schema = "support_plans"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var supportCase: SupportCase
    @Field(key: "number") var number: Int
    @Field(key: "plan_sealed") var planSealed: String
    @Field(key: "review_date") var reviewDate: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A referral to another provider in Opora or to an outside service (GP, labour office, school).
final class Referral: Model, Versioned, @unchecked Sendable {
    static let schema = "referrals"

    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Parent(key: "case_id") var supportCase: SupportCase
    @Parent(key: "from_provider_id") var fromProvider: Provider
    @OptionalParent(key: "to_provider_id") var toProvider: Provider?
    @OptionalField(key: "to_service_id") var toServiceID: UUID?
    /// For referrals outside Opora: who receives the person.
    @OptionalField(key: "outside_service") var outsideService: String?
    /// Copied from the receiving provider so that its scope finds the referral without a join.
    @OptionalField(key: "to_municipality_code") var toMunicipalityCode: String?
    @OptionalField(key: "to_oblast_code") var toOblastCode: String?
    @Enum(key: "status") var status: ReferralStatus
    @OptionalField(key: "decline_reason") var declineReason: String?
    /// What the person consented to share with the receiver, sealed; nothing else travels.
    @Field(key: "shared_sealed") var sharedSealed: String
    @Field(key: "sent_at") var sentAt: Date
    @OptionalField(key: "decided_at") var decidedAt: Date?
    /// Why the person is referred, in the sender's words; sealed (it speaks of the person).
    @OptionalField(key: "reason_sealed") var reasonSealed: String?
    @OptionalEnum(key: "urgency") var urgency: ReferralUrgency?
    /// Whom the receiver calls at the sender: a member of staff, not the person.
    @OptionalField(key: "contact_name") var contactName: String?
    @OptionalField(key: "contact_phone") var contactPhone: String?
    /// The intake opened at the receiver when it accepted.
    @OptionalField(key: "accepted_case_id") var acceptedCaseID: UUID?

    init() {}
}

/// What a person agreed to share with one provider, from when until withdrawn.
final class SharingConsent: Model, @unchecked Sendable {
    static let schema = "consents"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Parent(key: "recipient_provider_id") var recipient: Provider
    /// Comma-separated `SharedDataCategory` raw values.
    @Field(key: "categories") var categories: String
    @Field(key: "given_on") var givenOn: String
    @OptionalField(key: "withdrawn_on") var withdrawnOn: String?
    /// `ConsentForm` raw value; none for consents recorded before the form was asked.
    @OptionalField(key: "form") var form: String?
    @OptionalField(key: "witness_name") var witnessName: String?

    init() {}

    var value: ConsentToShare? {
        guard let given = CalendarDay(iso: givenOn) else { return nil }
        return ConsentToShare(
            recipientProviderID: $recipient.id,
            categories: Set(categories.split(separator: ",").compactMap { SharedDataCategory(rawValue: String($0)) }),
            givenOn: given,
            withdrawnOn: withdrawnOn.flatMap(CalendarDay.init(iso:))
        )
    }
}

extension SupportCase: ScopedModel {
    static func restrict(_ query: QueryBuilder<SupportCase>, to scope: AccessScope) -> QueryBuilder<SupportCase> {
        scope.restrict(
            query,
            oblast: \.$oblastCode,
            municipality: \.$municipalityCode,
            provider: \.$provider.$id,
            person: \.$person.$id
        )
    }
}

extension Referral: ScopedModel {
    /// Referrals the scope sent (by the case's place or provider) or received (by the target's).
    static func restrict(_ query: QueryBuilder<Referral>, to scope: AccessScope) -> QueryBuilder<Referral> {
        if scope.country { return query }
        if scope.isEmpty { return query.filter(.sql(unsafeRaw: "1 = 0")) }
        return query.join(SupportCase.self, on: \Referral.$supportCase.$id == \SupportCase.$id).group(.or) { group in
            if !scope.providers.isEmpty {
                group.filter(\.$fromProvider.$id ~~ Array(scope.providers))
                group.filter(\.$toProvider.$id ~~ Array(scope.providers))
            }
            if !scope.municipalities.isEmpty {
                group.filter(SupportCase.self, \.$municipalityCode ~~ Array(scope.municipalities))
                group.filter(\.$toMunicipalityCode ~~ Array(scope.municipalities))
            }
            if !scope.oblasts.isEmpty {
                group.filter(SupportCase.self, \.$oblastCode ~~ Array(scope.oblasts))
                group.filter(\.$toOblastCode ~~ Array(scope.oblasts))
            }
        }
    }
}
