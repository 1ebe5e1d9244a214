import Foundation
import OporaCore

/// A person in the API. `identifier` is masked in lists and whole in a person's own record.
struct PersonDTO: Codable, Sendable {
    var id: UUID
    var givenName: String
    var middleName: String
    var familyName: String
    var nameLatin: String
    var identifierType: String
    var identifier: String?
    var birthDate: String?
    var sex: String?
    var settlementEkatte: String
    var municipalityCode: String
    var phone: String?
    var address: String?
    var targetGroups: [String]
    var targetGroupEvidence: [TargetGroupEvidence]?
    var disabilityPercent: Int?
    var decisionExpiry: String?
    var providerId: UUID
    var version: Int
}

struct CaseDTO: Codable, Sendable {
    var id: UUID
    var personId: UUID
    var providerId: UUID
    var caseWorkerId: UUID?
    /// As the file shows it (`CaseNumber`), e.g. ОКЦП-2026-0007.
    var number: String?
    var state: String
    var referralSource: String
    var legalBasis: String
    var request: String
    var openedOn: String
    var planNumber: Int
    var version: Int
}

struct TransitionDTO: Codable, Sendable {
    var from: String
    var to: String
    var reason: String
    var by: String
    var at: Date
}

struct NoteDTO: Codable, Sendable {
    var id: UUID
    var author: String
    var at: Date
    var text: String
    var forVisitingWorkers: Bool
}

struct AssessmentDTO: Codable, Sendable {
    var id: UUID
    var caseId: UUID
    var personId: UUID
    var barthel: [String: Int]
    var barthelTotal: Int
    var barthelBand: String
    var lawton: [String: Int]
    var lawtonTotal: Int
    var lawtonBand: String
    var domains: [LifeDomainAssessment]
    var dependenceDegree: Int?
    var monthlyHoursCap: Int?
    var recommendations: [RecommendationDTO]
    var signedOn: String
    var signedBy: String
}

struct RecommendationDTO: Codable, Sendable {
    var serviceType: String
    var weeklyMinutes: Int
    var reasons: [String]
}

struct PlanDTO: Codable, Sendable {
    var caseId: UUID
    var number: Int
    var plan: SupportPlan
    var weeklyMinutes: Int
    var createdBy: String
    var createdAt: Date
}

struct PlanDiffDTO: Codable, Sendable {
    var from: Int
    var to: Int
    var changes: [String]
}

struct ReferralDTO: Codable, Sendable {
    var id: UUID
    var caseId: UUID
    var fromProviderId: UUID
    var toProviderId: UUID?
    var toServiceId: UUID?
    var outsideService: String?
    var status: String
    var declineReason: String?
    var shared: SharedRecord
    var reason: String?
    var urgency: String?
    var contactName: String?
    var contactPhone: String?
    var acceptedCaseId: UUID?
    var sentAt: Date
    var decidedAt: Date?
    var version: Int
}

/// What travels with a referral: only the categories the person consented to share.
struct SharedRecord: Codable, Sendable, Equatable {
    var categories: [String]
    var name: String?
    /// The parts of the name, so the receiver can open the person's file from them.
    var givenName: String?
    var middleName: String?
    var familyName: String?
    var identifierType: String?
    var identifier: String?
    var birthDate: String?
    var phone: String?
    var address: String?
    var settlementEkatte: String?
    var latestAssessment: [String: Int]?
    /// The day the shared assessment was signed and what it found in each life domain.
    var assessmentSignedOn: String?
    var assessmentDomains: [LifeDomainAssessment]?
    var supportPlanGoals: [String]?
    var supportPlan: SharedPlan?
    var disabilityPercent: Int?
    var request: String?
}

/// The support plan as it travels: the services and how often, without the sender's staff.
struct SharedPlan: Codable, Sendable, Equatable {
    struct Service: Codable, Sendable, Equatable {
        var type: SocialServiceType
        var frequency: ServiceFrequency
        var preferredDays: [Weekday]
    }

    var services: [Service]
    var startDate: String
    var reviewDate: String
}

struct ConsentDTO: Codable, Sendable {
    var id: UUID
    var recipientProviderId: UUID
    var categories: [String]
    var givenOn: String
    var withdrawnOn: String?
    var form: String?
    var witnessName: String?
}
