import Foundation

/// One service the person chose in their individual support plan (ИПП), kept as structured
/// data because plans later feed the home-care schedule (issue 3, "Support plan").
public struct PlannedService: Hashable, Codable, Sendable {
    /// The provider's service in the register.
    public var serviceID: UUID
    public var type: SocialServiceType
    public var frequency: ServiceFrequency
    /// Days the person prefers; empty when any day suits.
    public var preferredDays: Set<Weekday>
    public var preferredTime: TimeWindow?
    /// The staff member the person chose, and a substitute for when they are away.
    public var chosenWorkerID: UUID?
    public var substituteWorkerID: UUID?

    public init(
        serviceID: UUID,
        type: SocialServiceType,
        frequency: ServiceFrequency,
        preferredDays: Set<Weekday> = [],
        preferredTime: TimeWindow? = nil,
        chosenWorkerID: UUID? = nil,
        substituteWorkerID: UUID? = nil
    ) {
        self.serviceID = serviceID
        self.type = type
        self.frequency = frequency
        self.preferredDays = preferredDays
        self.preferredTime = preferredTime
        self.chosenWorkerID = chosenWorkerID
        self.substituteWorkerID = substituteWorkerID
    }
}

/// Personal assistance granted under the Personal Assistance Act: the monthly hours of the
/// ДСП referral, capped by the degree of dependence, and the three-party agreement between
/// the person, the assistant and the provider (DOMAIN §2.1, §2.2).
public struct PersonalAssistanceGrant: Hashable, Codable, Sendable {
    public var degree: DependenceDegree
    public var monthlyHours: Int
    public var assistantID: UUID?
    public var substituteAssistantID: UUID?
    /// How the hours are meant to be used, if agreed; checked against `monthlyHours`.
    public var frequency: ServiceFrequency?
    /// The day the mayor signed the three-party agreement.
    public var agreementSignedOn: CalendarDay?

    public init(
        degree: DependenceDegree,
        monthlyHours: Int,
        assistantID: UUID? = nil,
        substituteAssistantID: UUID? = nil,
        frequency: ServiceFrequency? = nil,
        agreementSignedOn: CalendarDay? = nil
    ) {
        self.degree = degree
        self.monthlyHours = monthlyHours
        self.assistantID = assistantID
        self.substituteAssistantID = substituteAssistantID
        self.frequency = frequency
        self.agreementSignedOn = agreementSignedOn
    }
}

extension PersonalAssistanceGrant {
    /// Decoding refuses hours outside 0…744 (a month of 31 days, every hour), so that a body from
    /// outside cannot carry a number whose arithmetic (hours × 60) traps.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let hours = try container.decode(Int.self, forKey: .monthlyHours)
        guard (0...Self.maximumMonthlyHours).contains(hours) else {
            throw DecodingError.dataCorruptedError(
                forKey: .monthlyHours,
                in: container,
                debugDescription: "monthly hours must be 0…\(Self.maximumMonthlyHours)"
            )
        }
        self.init(
            degree: try container.decode(DependenceDegree.self, forKey: .degree),
            monthlyHours: hours,
            assistantID: try container.decodeIfPresent(UUID.self, forKey: .assistantID),
            substituteAssistantID: try container.decodeIfPresent(UUID.self, forKey: .substituteAssistantID),
            frequency: try container.decodeIfPresent(ServiceFrequency.self, forKey: .frequency),
            agreementSignedOn: try container.decodeIfPresent(CalendarDay.self, forKey: .agreementSignedOn)
        )
    }

    public static let maximumMonthlyHours = 31 * 24

    /// The service whose chosen assistant and substitute sign the three-party agreement: the one for
    /// assistant support, or, without one, the first service of the plan.
    public static func assistedService(in services: [PlannedService]) -> PlannedService? {
        services.first { $0.type == .assistantSupport } ?? services.first
    }
}

/// Who agreed the plan, and when.
public struct PlanAgreement: Hashable, Codable, Sendable {
    /// As the person or their representative signed.
    public var agreedBy: String
    public var agreedOn: CalendarDay

    public init(agreedBy: String, agreedOn: CalendarDay) {
        self.agreedBy = agreedBy
        self.agreedOn = agreedOn
    }
}

/// An individual support plan (индивидуален план за подкрепа, ИПП; ЗСУ and its Regulation,
/// DOMAIN §1.3): one version of it. Versions are compared with `SupportPlanDiff`.
public struct SupportPlan: Hashable, Codable, Sendable {
    public var goals: [String]
    public var services: [PlannedService]
    public var startDate: CalendarDay
    public var reviewDate: CalendarDay
    public var personalAssistance: PersonalAssistanceGrant?
    public var agreement: PlanAgreement?

    public init(
        goals: [String],
        services: [PlannedService],
        startDate: CalendarDay,
        reviewDate: CalendarDay,
        personalAssistance: PersonalAssistanceGrant? = nil,
        agreement: PlanAgreement? = nil
    ) {
        self.goals = goals
        self.services = services
        self.startDate = startDate
        self.reviewDate = reviewDate
        self.personalAssistance = personalAssistance
        self.agreement = agreement
    }

    /// Minutes a week of all services of `type`.
    public func weeklyMinutes(of type: SocialServiceType) -> Int {
        services.filter { $0.type == type }.reduce(0) { $0 + $1.frequency.weeklyMinutes }
    }

    /// Minutes a week of every service in the plan (personal assistance not included: it is a
    /// mechanism of its own, not a social service).
    public var totalWeeklyMinutes: Int {
        services.reduce(0) { $0 + $1.frequency.weeklyMinutes }
    }

    /// Planned personal-assistance minutes in a month against the granted entitlement.
    public func personalAssistanceUse(
        inYear year: Int,
        month: Int,
        holidays: Set<CalendarDay> = []
    )
        -> MonthlyHoursUse?
    {
        guard let grant = personalAssistance, let frequency = grant.frequency else { return nil }
        return MonthlyHoursUse(
            plannedMinutes: frequency.minutes(inYear: year, month: month, holidays: holidays),
            entitledMinutes: grant.monthlyHours * 60
        )
    }

    /// The longest goal kept, in characters: a goal is a line of the signed ИПП, in the person's words.
    public static let goalMaximum = 500

    /// Everything wrong with the plan at once; empty when it can be saved.
    public func problems() -> [SupportPlanProblem] {
        var problems: [SupportPlanProblem] = []
        if !goals.contains(where: { !$0.trimmingWhitespace().isEmpty }) { problems.append(.noGoal) }
        if goals.contains(where: { $0.count > Self.goalMaximum }) { problems.append(.goalTooLong) }
        if reviewDate <= startDate { problems.append(.reviewNotAfterStart) }
        if services.isEmpty { problems.append(.noService) }
        var seen = Set<UUID>()
        for (index, service) in services.enumerated() {
            if !seen.insert(service.serviceID).inserted {
                problems.append(.duplicateService(serviceID: service.serviceID))
            }
            if let chosen = service.chosenWorkerID, chosen == service.substituteWorkerID {
                problems.append(.substituteIsChosenWorker(serviceIndex: index))
            }
        }
        if let grant = personalAssistance, let chosen = grant.assistantID, chosen == grant.substituteAssistantID {
            problems.append(.substituteIsChosenWorker(serviceIndex: nil))
        }
        if let grant = personalAssistance {
            do throws(AssessmentProblem) {
                try grant.degree.validate(monthlyHours: grant.monthlyHours)
            } catch {
                problems.append(.personalAssistance(error))
            }
            if let frequency = grant.frequency {
                // Checked against the longest possible month, so the plan holds in every month.
                let worst = frequency.longestMonthMinutes
                if worst > grant.monthlyHours * 60 {
                    problems.append(
                        .assistanceAboveEntitlement(plannedMinutes: worst, entitledMinutes: grant.monthlyHours * 60)
                    )
                }
            }
        }
        return problems
    }
}

extension ServiceFrequency {
    /// The most minutes this frequency can take in any month: 31 days, or 23 working days.
    var longestMonthMinutes: Int {
        switch period {
        case .day: minutesPerPeriod * 31
        case .workingDay: minutesPerPeriod * 23
        case .week: roundedDivision(minutesPerPeriod * 31, 7)
        case .month: minutesPerPeriod
        }
    }
}

/// Planned against entitled minutes in one month.
public struct MonthlyHoursUse: Hashable, Sendable {
    public let plannedMinutes: Int
    public let entitledMinutes: Int

    /// Negative when the plan asks for more than the entitlement.
    public var remainingMinutes: Int { entitledMinutes - plannedMinutes }
    public var isWithinEntitlement: Bool { plannedMinutes <= entitledMinutes }
}

public enum SupportPlanProblem: LocalizedProblem, Equatable {
    case noGoal
    case goalTooLong
    case reviewNotAfterStart
    case noService
    case duplicateService(serviceID: UUID)
    /// The substitute of a service (by its place in the plan) or of personal assistance (nil)
    /// is the worker the person chose: there would be no one when that worker is away.
    case substituteIsChosenWorker(serviceIndex: Int?)
    case personalAssistance(AssessmentProblem)
    case assistanceAboveEntitlement(plannedMinutes: Int, entitledMinutes: Int)

    public var code: String {
        switch self {
        case .noGoal: "plan.noGoal"
        case .goalTooLong: "plan.goalTooLong"
        case .reviewNotAfterStart: "plan.reviewNotAfterStart"
        case .noService: "plan.noService"
        case .substituteIsChosenWorker: "plan.substituteIsChosenWorker"
        case .duplicateService: "plan.duplicateService"
        case .personalAssistance(let problem): problem.code
        case .assistanceAboveEntitlement: "plan.assistanceAboveEntitlement"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.noGoal, .bg): "Планът трябва да има поне една цел на човека."
        case (.noGoal, .en): "The plan needs at least one of the person's goals."
        case (.goalTooLong, .bg):
            "Всяка цел е до \(SupportPlan.goalMaximum) знака: разделете дългата цел на няколко реда."
        case (.goalTooLong, .en):
            "Each goal is at most \(SupportPlan.goalMaximum) characters: split the long one into several lines."
        case (.reviewNotAfterStart, .bg): "Датата на преглед трябва да е след началната дата."
        case (.reviewNotAfterStart, .en): "The review date must be after the start date."
        case (.noService, .bg): "Планът трябва да включва поне една услуга, избрана от човека."
        case (.noService, .en): "The plan needs at least one service the person chose."
        case (.substituteIsChosenWorker, .bg): "Заместникът трябва да е друг служител, а не избраният."
        case (.substituteIsChosenWorker, .en): "The substitute must be someone other than the chosen worker."
        case (.duplicateService, .bg): "Една и съща услуга е включена два пъти."
        case (.duplicateService, .en): "The same service is in the plan twice."
        case (.personalAssistance(let problem), _): problem.message(in: language)
        case (.assistanceAboveEntitlement(let planned, let entitled), .bg):
            "Планираната лична помощ (до \(hoursAndMinutes(planned, in: .bg)) в месеца) надвишава отпуснатите \(hoursAndMinutes(entitled, in: .bg))."
        case (.assistanceAboveEntitlement(let planned, let entitled), .en):
            "Planned personal assistance (up to \(hoursAndMinutes(planned, in: .en)) a month) exceeds the \(hoursAndMinutes(entitled, in: .en)) granted."
        }
    }
}
