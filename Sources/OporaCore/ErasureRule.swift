/// Kinds of record held about a person that may carry a retention period.
public enum RetainedRecordKind: String, CaseIterable, Codable, CodingKeyRepresentable, Sendable {
    case personalFile, assessment, supportPlan, serviceContract, personalAssistanceAgreement
    case timesheet, caseNote, referral, consent

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .personalFile: ("лично досие", "personal file")
            case .assessment: ("оценка на потребностите", "needs assessment")
            case .supportPlan: ("план за подкрепа", "support plan")
            case .serviceContract: ("договор за ползване на услуга", "service use contract")
            case .personalAssistanceAgreement:
                ("тристранно споразумение за лична помощ", "personal-assistance agreement")
            case .timesheet: ("отчет на отработените часове", "timesheet")
            case .caseNote: ("бележка по случая", "case note")
            case .referral: ("насочване", "referral")
            case .consent: ("съгласие за споделяне", "consent to share")
            }
        return language == .bg ? bg : en
    }
}

/// Years each kind of record must be kept after the case that holds it closed, as set by the
/// municipality's nomenclature of files with retention periods (номенклатура на делата със
/// срокове за съхранение). No period specific to social-services records was found in the
/// Acts (DOMAIN §6.2), so the schedule is configuration per municipality; a kind without an
/// entry has no legal retention period.
public struct RetentionSchedule: Hashable, Codable, Sendable {
    public let years: [RetainedRecordKind: Int]

    /// The longest period accepted; the longest statutory one in DOMAIN §6.2 is 130 years
    /// (civil-status books).
    public static let maximumYears = 200

    /// Periods outside 0…`maximumYears` are dropped: a negative one would mean "anonymise
    /// before the case closed", a huge one is a typing mistake.
    public init(years: [RetainedRecordKind: Int]) {
        self.years = years.filter { (0...RetentionSchedule.maximumYears).contains($0.value) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(years: try container.decode([RetainedRecordKind: Int].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(years)
    }

    public static let noRetention = RetentionSchedule(years: [:])
}

/// One record of the person, as the erasure rule needs to see it.
public struct RecordForErasure: Hashable, Sendable {
    public var kind: RetainedRecordKind
    /// When the case holding it closed; `nil` while the case is open.
    public var caseClosedOn: CalendarDay?
    /// Set by a lawyer or the DPO, e.g. for a pending court case or inspection.
    public var legalHold: Bool

    public init(kind: RetainedRecordKind, caseClosedOn: CalendarDay?, legalHold: Bool = false) {
        self.kind = kind
        self.caseClosedOn = caseClosedOn
        self.legalHold = legalHold
    }
}

/// What happens to a record when the person asks to be erased.
public enum ErasureOutcome: Hashable, Sendable {
    /// Anonymise it now (see `PersonalDataField.onErasure`).
    case anonymiseNow
    /// Keep it, with processing restricted, until the retention period ends on this day; then
    /// anonymise it.
    case retainUntil(CalendarDay)
    /// Keep it until the hold is lifted.
    case onLegalHold
    /// The case is still open: services are being provided under a legal duty, so the record
    /// is needed (GDPR Art. 17(3)(b)); close the case first.
    case caseStillOpen

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.anonymiseNow, .bg): "Ще бъде анонимизиран сега."
        case (.anonymiseNow, .en): "Will be anonymised now."
        case (.retainUntil(let day), .bg):
            "Пази се с ограничен достъп до \(day.display) (срок за съхранение), после се анонимизира."
        case (.retainUntil(let day), .en):
            "Kept with restricted access until \(day.display) (retention period), then anonymised."
        case (.onLegalHold, .bg): "Пази се, докато е в сила правно задържане."
        case (.onLegalHold, .en): "Kept while a legal hold applies."
        case (.caseStillOpen, .bg): "Случаят е отворен; закрийте го преди заличаване."
        case (.caseStillOpen, .en): "The case is open; close it before erasure."
        }
    }
}

/// Erasure as anonymisation (issue 3, "Privacy"; GDPR Art. 17; DOMAIN §6.2).
///
/// In order, for each record:
/// 1. a legal hold keeps it;
/// 2. an open case keeps it, since the data serve a legal duty that is still being carried out;
/// 3. a retention period in the municipality's schedule keeps it, restricted, until the
///    anniversary of the case's closing that many years later (29 February → 28 February);
/// 4. otherwise it is anonymised now.
///
/// Anonymisation, not deletion: the records stay for statistics, reports and the audit trail's
/// hash chain, with everything that identifies the person removed or generalised.
public enum ErasureRule {
    public static func outcome(
        for record: RecordForErasure,
        schedule: RetentionSchedule,
        today: CalendarDay
    )
        -> ErasureOutcome
    {
        if record.legalHold { return .onLegalHold }
        guard let closed = record.caseClosedOn else { return .caseStillOpen }
        guard let years = schedule.years[record.kind] else { return .anonymiseNow }
        let end = anniversary(of: closed, afterYears: years)
        return today >= end ? .anonymiseNow : .retainUntil(end)
    }

    static func anniversary(of day: CalendarDay, afterYears years: Int) -> CalendarDay {
        let year = min(day.year + years, 9999)
        return CalendarDay(
            year: year,
            month: day.month,
            day: min(day.day, CalendarDay.daysInMonth(year: year, month: day.month))
        )!
    }
}

/// Fields of a person's data and what anonymisation does to each.
public enum PersonalDataField: String, CaseIterable, Codable, Sendable {
    case givenName, familyName, nameLatin, identifier, birthDate, sex, address, settlement, phones
    case householdMembers, legalRepresentative, targetGroups, disabilityDecision, disabilityPercentage
    case assessmentScores, lifeDomainWords, goals, caseNotes, plannedServices, deliveredHours, consents

    public enum Treatment: String, CaseIterable, Codable, Sendable {
        /// Cleared.
        case remove
        /// Kept only in a coarser form that no longer points to one person.
        case generalise
        /// Kept as it is: it does not identify the person once the rest is gone.
        case keep

        public func label(in language: Language) -> String {
            switch (self, language) {
            case (.remove, .bg): "изтрива се"
            case (.remove, .en): "removed"
            case (.generalise, .bg): "обобщава се"
            case (.generalise, .en): "generalised"
            case (.keep, .bg): "запазва се"
            case (.keep, .en): "kept"
            }
        }
    }

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .givenName: ("собствено име", "given name")
            case .familyName: ("фамилно име", "family name")
            case .nameLatin: ("име на латиница", "name in Latin")
            case .identifier: ("ЕГН/ЛНЧ или документ", "personal number or document")
            case .birthDate: ("дата на раждане", "birth date")
            case .sex: ("пол", "sex")
            case .address: ("адрес", "address")
            case .settlement: ("населено място", "settlement")
            case .phones: ("телефони", "phones")
            case .householdMembers: ("членове на домакинството", "household members")
            case .legalRepresentative: ("законен представител", "legal representative")
            case .targetGroups: ("целеви групи", "target groups")
            case .disabilityDecision: ("решение на ТЕЛК/НЕЛК", "disability decision")
            case .disabilityPercentage: ("процент увреждане", "disability percentage")
            case .assessmentScores: ("резултати от оценките", "assessment scores")
            case .lifeDomainWords: ("описания на житейските области", "life-domain descriptions")
            case .goals: ("цели", "goals")
            case .caseNotes: ("бележки по случая", "case notes")
            case .plannedServices: ("планирани услуги", "planned services")
            case .deliveredHours: ("предоставени часове", "delivered hours")
            case .consents: ("съгласия", "consents")
            }
        return language == .bg ? bg : en
    }

    /// Names, numbers, contact details and everything written in free text go, because free
    /// text can name anyone. What reports count stays: birth year, sex, settlement, target
    /// groups, scores, services and hours.
    public var onErasure: Treatment {
        switch self {
        case .givenName, .familyName, .nameLatin, .identifier, .address, .phones, .householdMembers,
            .legalRepresentative, .disabilityDecision, .lifeDomainWords, .goals, .caseNotes, .consents:
            .remove
        case .birthDate, .disabilityPercentage: .generalise
        case .sex, .settlement, .targetGroups, .assessmentScores, .plannedServices, .deliveredHours: .keep
        }
    }

    /// A birth date becomes its year.
    public static func generalised(birthDate: CalendarDay) -> Int { birthDate.year }

    /// A disability percentage becomes its band as used by the Personal Assistance Act and the
    /// home-care programmes: below 50, 50–69.99, 70–89.99, 90 and over (DOMAIN §2.1, §2.4).
    public static func generalised(disabilityPercentage: Double) -> String {
        switch disabilityPercentage {
        case ..<50: "<50"
        case ..<70: "50-69.99"
        case ..<90: "70-89.99"
        default: "90+"
        }
    }
}
