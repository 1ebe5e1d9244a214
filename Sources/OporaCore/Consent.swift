import Foundation

/// The ground on which a person's data is processed (issue 3, "Legal basis and consent";
/// DOMAIN §6.1). For services under the Social Services, Personal Assistance and Persons with
/// Disabilities Acts the ground is the legal duty with GDPR Art. 9(2)(b) or (h), not consent;
/// consent is the fallback.
public enum LegalBasis: String, CaseIterable, Codable, Sendable {
    case socialServicesAct, personalAssistanceAct, personsWithDisabilitiesAct, explicitConsent

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .socialServicesAct:
                ("законово задължение по Закона за социалните услуги", "legal duty under the Social Services Act")
            case .personalAssistanceAct:
                ("законово задължение по Закона за личната помощ", "legal duty under the Personal Assistance Act")
            case .personsWithDisabilitiesAct:
                (
                    "законово задължение по Закона за хората с увреждания",
                    "legal duty under the Persons with Disabilities Act"
                )
            case .explicitConsent: ("изрично съгласие", "explicit consent")
            }
        return language == .bg ? bg : en
    }
}

/// What may travel to another provider with a referral.
public enum SharedDataCategory: String, CaseIterable, Codable, Sendable {
    case identification, contactDetails, assessment, supportPlan, healthAndDisability, caseNotes

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .identification: ("имена и идентификатор", "names and identifier")
            case .contactDetails: ("адрес и телефони", "address and phones")
            case .assessment: ("оценка на потребностите", "needs assessment")
            case .supportPlan: ("план за подкрепа", "support plan")
            case .healthAndDisability: ("здраве и увреждане", "health and disability")
            case .caseNotes: ("бележки по случая", "case notes")
            }
        return language == .bg ? bg : en
    }
}

/// What the person agreed to share with one provider, from a day until withdrawn.
public struct ConsentToShare: Hashable, Codable, Sendable {
    public var recipientProviderID: UUID
    public var categories: Set<SharedDataCategory>
    public var givenOn: CalendarDay
    /// The first day the consent no longer holds.
    public var withdrawnOn: CalendarDay?

    public init(
        recipientProviderID: UUID,
        categories: Set<SharedDataCategory>,
        givenOn: CalendarDay,
        withdrawnOn: CalendarDay? = nil
    ) {
        self.recipientProviderID = recipientProviderID
        self.categories = categories
        self.givenOn = givenOn
        self.withdrawnOn = withdrawnOn
    }

    public func holds(on day: CalendarDay) -> Bool {
        givenOn <= day && withdrawnOn.map { day < $0 } ?? true
    }
}

/// Sharing goes only as far as the person agreed (issue 3: "sharing beyond what was agreed is
/// refused").
public enum SharingRule {
    /// The union of every consent to `provider` that holds on `day`.
    public static func allowedCategories(
        to provider: UUID,
        on day: CalendarDay,
        consents: [ConsentToShare]
    )
        -> Set<SharedDataCategory>
    {
        consents.filter { $0.recipientProviderID == provider && $0.holds(on: day) }
            .reduce(into: Set()) { $0.formUnion($1.categories) }
    }

    /// Refuses the whole request if any category was not agreed, naming those categories.
    public static func check(
        _ requested: Set<SharedDataCategory>,
        to provider: UUID,
        on day: CalendarDay,
        consents: [ConsentToShare]
    ) throws(SharingProblem) {
        let missing = requested.subtracting(allowedCategories(to: provider, on: day, consents: consents))
        guard missing.isEmpty else {
            throw .notAgreed(SharedDataCategory.allCases.filter(missing.contains))
        }
    }
}

public enum SharingProblem: LocalizedProblem, Equatable {
    case notAgreed([SharedDataCategory])

    public var code: String { "sharing.notAgreed" }

    public func message(in language: Language) -> String {
        switch self {
        case .notAgreed(let categories):
            let list = categories.map { $0.label(in: language) }.joined(separator: ", ")
            return language == .bg
                ? "Човекът не е дал съгласие да се споделят: \(list)."
                : "The person has not agreed to share: \(list)."
        }
    }
}

/// How the person gave consent: signed, or said aloud in front of a witness who is named.
public enum ConsentForm: String, CaseIterable, Codable, Sendable {
    case written, oralWithWitness

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .written: ("писмено", "in writing")
            case .oralWithWitness: ("устно пред свидетел", "orally, in front of a witness")
            }
        return language == .bg ? bg : en
    }
}

/// The rules of recording a consent: something to share, a day that has come, a witness named
/// for an oral consent.
public enum ConsentRecording {
    /// The longest witness's name kept, in characters; a longer one is refused, never cut.
    public static let witnessMaximum = 120

    /// The witness, trimmed; `nil` for a written consent. A consent is given between the
    /// person's birth (or 1900, when it is unknown) and today.
    public static func check(
        form: ConsentForm,
        witness: String,
        givenOn: CalendarDay,
        today: CalendarDay,
        bornOn: CalendarDay? = nil
    ) throws(ConsentProblem) -> String? {
        if givenOn > today { throw .givenInFuture }
        let earliest = bornOn ?? CalendarDay.earliestOnRecord
        if givenOn < earliest { throw .givenBefore(earliest) }
        let name = String(witness.trimmingWhitespace())
        switch form {
        case .written: return nil
        case .oralWithWitness:
            if name.isEmpty { throw .witnessRequired }
            if name.count > witnessMaximum { throw .witnessTooLong }
            return name
        }
    }
}

public enum ConsentProblem: LocalizedProblem, Equatable {
    case witnessRequired, witnessTooLong, givenInFuture
    /// Before the person was born, or before 1900 when that is unknown.
    case givenBefore(CalendarDay)

    public var code: String {
        switch self {
        case .witnessRequired: "consent.witnessRequired"
        case .witnessTooLong: "consent.witnessTooLong"
        case .givenBefore: "consent.givenBefore"
        case .givenInFuture: "consent.givenInFuture"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.witnessRequired, .bg): "Устното съгласие се дава пред свидетел: посочете го."
        case (.witnessRequired, .en): "An oral consent is given in front of a witness: name the witness."
        case (.witnessTooLong, .bg):
            "Името на свидетеля е по-дълго от \(ConsentRecording.witnessMaximum) знака: запишете само името."
        case (.witnessTooLong, .en):
            "The witness's name is longer than \(ConsentRecording.witnessMaximum) characters: give the name only."
        case (.givenBefore(let day), .bg): "Съгласието не може да е дадено преди \(day.display)."
        case (.givenBefore(let day), .en): "A consent cannot be dated before \(day.display)."
        case (.givenInFuture, .bg): "Съгласието не може да е дадено в бъдеща дата."
        case (.givenInFuture, .en): "A consent cannot be dated in the future."
        }
    }
}
