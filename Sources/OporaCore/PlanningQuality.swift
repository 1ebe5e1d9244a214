/// The Quality Ordinance's three areas of standards (DOMAIN §1.6), the headings of a monitoring
/// visit's checklist.
public enum QualityHeading: String, CaseIterable, Codable, Sendable {
    case organisation, staff, effectiveness

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .organisation: ("организация и управление на услугата", "organisation and management of the service")
            case .staff:
                (
                    "квалификация и професионално развитие на персонала",
                    "qualification and professional development of staff"
                )
            case .effectiveness: ("ефективност: резултати за потребителите", "effectiveness: results for users")
            }
        return language == .bg ? bg : en
    }
}

/// One criterion of the checklist, scored on a visit.
public struct QualityCriterion: Sendable, Equatable, Identifiable {
    public var id: String
    public var heading: QualityHeading
    public var bg: String
    public var en: String

    public func text(in language: Language) -> String { language == .bg ? bg : en }

    /// The checklist every visit scores; a criterion's id is kept with its score, so the list may
    /// grow without rewriting visits already made.
    public static let checklist: [QualityCriterion] = [
        QualityCriterion(
            id: "org-licence",
            heading: .organisation,
            bg: "Услугата има валиден лиценз и вписване в регистъра",
            en: "The service holds a valid licence and is on the register"
        ),
        QualityCriterion(
            id: "org-rules",
            heading: .organisation,
            bg: "Вътрешните правила и процедурата за жалби са достъпни за потребителите",
            en: "Internal rules and the complaints procedure are available to users"
        ),
        QualityCriterion(
            id: "org-records",
            heading: .organisation,
            bg: "Оценки, планове и договори са налични и актуални за всеки потребител",
            en: "Assessments, plans and contracts are present and current for every user"
        ),
        QualityCriterion(
            id: "staff-numbers",
            heading: .staff,
            bg: "Броят и квалификацията на персонала отговарят на минималните изисквания",
            en: "Staff numbers and qualifications meet the minimum requirements"
        ),
        QualityCriterion(
            id: "staff-training",
            heading: .staff,
            bg: "Персоналът е преминал въвеждащо и поддържащо обучение и супервизия",
            en: "Staff have had induction and continuing training and supervision"
        ),
        QualityCriterion(
            id: "effect-goals",
            heading: .effectiveness,
            bg: "Целите на плановете за подкрепа се преглеждат и постигат",
            en: "Support-plan goals are reviewed and met"
        ),
        QualityCriterion(
            id: "effect-hours",
            heading: .effectiveness,
            bg: "Часовете, предоставени на потребителите, отговарят на плановете",
            en: "Hours delivered to users match their plans"
        ),
        QualityCriterion(
            id: "effect-voice",
            heading: .effectiveness,
            bg: "Потребителите са питани за мнението си и то е отчетено",
            en: "Users are asked for their view and it is acted on"
        ),
    ]
}

/// How far a criterion is met: 0 not met, 1 partly, 2 fully.
public enum CriterionScore: Int, CaseIterable, Codable, Sendable {
    case notMet = 0
    case partly = 1
    case met = 2

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .notMet: ("не е изпълнен", "not met")
            case .partly: ("частично", "partly met")
            case .met: ("изпълнен", "met")
            }
        return language == .bg ? bg : en
    }
}

/// A visit's scores summed per heading, as a share of the most a heading can score.
public enum ChecklistScoring {
    /// The share 0…1 per heading of the criteria scored; a heading with nothing scored is left out.
    public static func shares(_ scores: [String: CriterionScore]) -> [QualityHeading: Double] {
        var result: [QualityHeading: Double] = [:]
        for heading in QualityHeading.allCases {
            let scored = QualityCriterion.checklist.filter { $0.heading == heading }.compactMap { scores[$0.id] }
            guard !scored.isEmpty else { continue }
            result[heading] = Double(scored.map(\.rawValue).reduce(0, +)) / Double(scored.count * 2)
        }
        return result
    }
}

/// A recommendation of a visit, followed until closed.
public enum RecommendationStatus: String, CaseIterable, Codable, Sendable {
    case open, closed

    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.open, .bg): "отворена"
        case (.open, .en): "open"
        case (.closed, .bg): "изпълнена"
        case (.closed, .en): "closed"
        }
    }

    /// Open past its deadline: flagged in the visit's list and on the director's home page.
    public static func isOverdue(_ status: RecommendationStatus, deadline: CalendarDay, on day: CalendarDay) -> Bool {
        status == .open && deadline < day
    }
}

/// Where a monitoring visit stands: planned, made (findings being written) or closed.
public enum VisitStatus: String, CaseIterable, Codable, Sendable {
    case open, closed

    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.open, .bg): "в ход"
        case (.open, .en): "in progress"
        case (.closed, .bg): "приключено"
        case (.closed, .en): "closed"
        }
    }

    /// A visit closes only when every recommendation it made is closed: the report would
    /// otherwise be final while the follow-up is not.
    public static func close(
        from status: VisitStatus,
        openRecommendations: Int
    ) throws(MonitoringProblem)
        -> VisitStatus
    {
        guard status == .open else { throw .alreadyClosed }
        guard openRecommendations == 0 else { throw .openRecommendations(openRecommendations) }
        return .closed
    }
}

public enum MonitoringProblem: LocalizedProblem, Equatable {
    case openRecommendations(Int)
    case alreadyClosed
    case deadlineBeforeVisit

    public var code: String {
        switch self {
        case .openRecommendations: "visit.openRecommendations"
        case .alreadyClosed: "visit.alreadyClosed"
        case .deadlineBeforeVisit: "recommendation.deadlineBeforeVisit"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.openRecommendations(let n), .bg):
            "Посещението не може да бъде приключено: има отворени препоръки (\(n)). Приключете ги първо."
        case (.openRecommendations(let n), .en):
            "The visit cannot be closed: it has open recommendations (\(n)). Close them first."
        case (.alreadyClosed, .bg): "Посещението вече е приключено."
        case (.alreadyClosed, .en): "The visit is already closed."
        case (.deadlineBeforeVisit, .bg): "Срокът не може да е преди датата на посещението."
        case (.deadlineBeforeVisit, .en): "The deadline cannot be before the day of the visit."
        }
    }
}

/// A good practice is published only with its evidence: the catalogue is for what was shown
/// to work, not for what was merely tried.
public enum GoodPracticeRule {
    public static let minimumEvidenceLength = 20

    public static func check(evidence: String) throws(GoodPracticeProblem) {
        let trimmed = evidence.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .noEvidence }
        guard trimmed.count >= minimumEvidenceLength else { throw .evidenceTooShort }
    }
}

public enum GoodPracticeProblem: LocalizedProblem, Equatable {
    case noEvidence, evidenceTooShort

    public var code: String {
        switch self {
        case .noEvidence: "practice.noEvidence"
        case .evidenceTooShort: "practice.evidenceTooShort"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.noEvidence, .bg):
            "Добра практика без доказателства за резултат не се публикува. Опишете доказателствата."
        case (.noEvidence, .en):
            "A good practice without evidence of its results is not published. Describe the evidence."
        case (.evidenceTooShort, .bg):
            "Доказателствата са твърде кратки: поне \(GoodPracticeRule.minimumEvidenceLength) знака — какво е измерено и от кого."
        case (.evidenceTooShort, .en):
            "The evidence is too short: at least \(GoodPracticeRule.minimumEvidenceLength) characters — what was measured, and by whom."
        }
    }
}
