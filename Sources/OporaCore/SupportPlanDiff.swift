import Foundation

/// One difference between two versions of a support plan, for "see what changed between
/// versions" (issue 3, step 4).
public enum SupportPlanChange: Hashable, Sendable {
    case goalAdded(String)
    case goalRemoved(String)
    case serviceAdded(PlannedService)
    case serviceRemoved(PlannedService)
    case frequencyChanged(serviceID: UUID, from: ServiceFrequency, to: ServiceFrequency)
    case preferredDaysChanged(serviceID: UUID, from: Set<Weekday>, to: Set<Weekday>)
    case preferredTimeChanged(serviceID: UUID, from: TimeWindow?, to: TimeWindow?)
    case chosenWorkerChanged(serviceID: UUID, from: UUID?, to: UUID?)
    case substituteWorkerChanged(serviceID: UUID, from: UUID?, to: UUID?)
    case startDateChanged(from: CalendarDay, to: CalendarDay)
    case reviewDateChanged(from: CalendarDay, to: CalendarDay)
    case personalAssistanceChanged(from: PersonalAssistanceGrant?, to: PersonalAssistanceGrant?)
    case agreementChanged(from: PlanAgreement?, to: PlanAgreement?)

    /// A sentence for the change history, naming the service and the people: `names` knows the
    /// register and the staff (the server looks them up); a service it does not know is called by
    /// its type where the change carries it, a person by "—".
    public func message(in language: Language, names: PlanNames = PlanNames()) -> String {
        let bg = language == .bg
        let none = bg ? "няма" : "none"
        func service(_ id: UUID) -> String { names.service(id) ?? (bg ? "услуга" : "service") }
        func person(_ id: UUID?) -> String { id.map { names.person($0) ?? "—" } ?? none }
        switch self {
        case .goalAdded(let goal): return bg ? "Добавена цел: „\(goal)“" : "Goal added: “\(goal)”"
        case .goalRemoved(let goal): return bg ? "Премахната цел: „\(goal)“" : "Goal removed: “\(goal)”"
        case .serviceAdded(let added):
            let name = names.service(added.serviceID) ?? added.type.label(in: language)
            return (bg ? "Добавена услуга: " : "Service added: ")
                + "\(name), \(added.frequency.description(in: language))"
        case .serviceRemoved(let removed):
            let name = names.service(removed.serviceID) ?? removed.type.label(in: language)
            return (bg ? "Премахната услуга: " : "Service removed: ") + name
        case .frequencyChanged(let id, let from, let to):
            return "\(service(id)): " + (bg ? "честота " : "frequency ")
                + "\(from.description(in: language)) → \(to.description(in: language))"
        case .preferredDaysChanged(let id, let from, let to):
            return "\(service(id)): " + (bg ? "предпочитани дни " : "preferred days ")
                + "\(Self.days(from, language)) → \(Self.days(to, language))"
        case .preferredTimeChanged(let id, let from, let to):
            let noPreference = bg ? "без предпочитание" : "no preference"
            return "\(service(id)): " + (bg ? "предпочитан час " : "preferred time ")
                + "\(from?.display ?? noPreference) → \(to?.display ?? noPreference)"
        case .chosenWorkerChanged(let id, let from, let to):
            return "\(service(id)): " + (bg ? "избран служител " : "chosen worker ") + "\(person(from)) → \(person(to))"
        case .substituteWorkerChanged(let id, let from, let to):
            return "\(service(id)): " + (bg ? "заместник " : "substitute ") + "\(person(from)) → \(person(to))"
        case .startDateChanged(let from, let to):
            return (bg ? "Начална дата: " : "Start date: ") + "\(from.display) → \(to.display)"
        case .reviewDateChanged(let from, let to):
            return (bg ? "Дата на преглед: " : "Review date: ") + "\(from.display) → \(to.display)"
        case .personalAssistanceChanged(let from, let to):
            let title = bg ? "Лична помощ: " : "Personal assistance: "
            guard let from, let to else {
                let describe = { (grant: PersonalAssistanceGrant?) in
                    grant.map { "\($0.monthlyHours) \(bg ? "ч/месец" : "h/month")" } ?? none
                }
                return title + "\(describe(from)) → \(describe(to))"
            }
            // Only what differs: an unchanged number of hours beside a new assistant read as no change at all.
            var parts: [String] = []
            if from.monthlyHours != to.monthlyHours {
                parts.append("\(from.monthlyHours) → \(to.monthlyHours) \(bg ? "ч/месец" : "h/month")")
            }
            if from.degree != to.degree {
                parts.append("\(from.degree.label(in: language)) → \(to.degree.label(in: language))")
            }
            if from.assistantID != to.assistantID {
                parts.append(
                    (bg ? "асистент " : "assistant ") + "\(person(from.assistantID)) → \(person(to.assistantID))"
                )
            }
            if from.substituteAssistantID != to.substituteAssistantID {
                parts.append(
                    (bg ? "заместник " : "substitute ")
                        + "\(person(from.substituteAssistantID)) → \(person(to.substituteAssistantID))"
                )
            }
            if from.frequency != to.frequency {
                let describe = { (frequency: ServiceFrequency?) in frequency?.description(in: language) ?? none }
                parts.append((bg ? "график " : "schedule ") + "\(describe(from.frequency)) → \(describe(to.frequency))")
            }
            if from.agreementSignedOn != to.agreementSignedOn {
                parts.append(
                    (bg ? "споразумение подписано " : "agreement signed ")
                        + "\(from.agreementSignedOn?.display ?? none) → \(to.agreementSignedOn?.display ?? none)"
                )
            }
            return title + parts.joined(separator: "; ")
        case .agreementChanged(_, let to):
            guard let to else { return bg ? "Съгласието е оттеглено" : "Agreement withdrawn" }
            return bg
                ? "Съгласуван от \(to.agreedBy) на \(to.agreedOn.display)"
                : "Agreed by \(to.agreedBy) on \(to.agreedOn.display)"
        }
    }

    private static func days(_ days: Set<Weekday>, _ language: Language) -> String {
        if days.isEmpty { return language == .bg ? "всеки ден" : "any day" }
        return Weekday.allCases.filter(days.contains).map { $0.label(in: language) }.joined(separator: ", ")
    }
}

/// How a change message names the services and people a plan refers to by id.
public struct PlanNames: Sendable {
    public var service: @Sendable (UUID) -> String?
    public var person: @Sendable (UUID) -> String?

    public init(
        service: @escaping @Sendable (UUID) -> String? = { _ in nil },
        person: @escaping @Sendable (UUID) -> String? = { _ in nil }
    ) {
        self.service = service
        self.person = person
    }

    public init(services: [UUID: String], people: [UUID: String]) {
        self.init(service: { services[$0] }, person: { people[$0] })
    }
}

/// The structural difference between two versions of a plan: values in, list of changes out.
public enum SupportPlanDiff {
    /// Changes that turn `old` into `new`, in a stable order: goals, services (matched by
    /// `serviceID`, in the order they appear), dates, personal assistance, agreement. Goals
    /// are compared as texts, so a reworded goal shows as one removed and one added.
    public static func changes(from old: SupportPlan, to new: SupportPlan) -> [SupportPlanChange] {
        var changes: [SupportPlanChange] = []
        changes += old.goals.filter { !new.goals.contains($0) }.map(SupportPlanChange.goalRemoved)
        changes += new.goals.filter { !old.goals.contains($0) }.map(SupportPlanChange.goalAdded)

        let newByID = Dictionary(new.services.map { ($0.serviceID, $0) }, uniquingKeysWith: { first, _ in first })
        let oldIDs = Set(old.services.map(\.serviceID))
        for before in old.services {
            guard let after = newByID[before.serviceID] else {
                changes.append(.serviceRemoved(before))
                continue
            }
            changes += serviceChanges(before, after)
        }
        changes += new.services.filter { !oldIDs.contains($0.serviceID) }.map(SupportPlanChange.serviceAdded)

        if old.startDate != new.startDate { changes.append(.startDateChanged(from: old.startDate, to: new.startDate)) }
        if old.reviewDate != new.reviewDate {
            changes.append(.reviewDateChanged(from: old.reviewDate, to: new.reviewDate))
        }
        if old.personalAssistance != new.personalAssistance {
            changes.append(.personalAssistanceChanged(from: old.personalAssistance, to: new.personalAssistance))
        }
        if old.agreement != new.agreement { changes.append(.agreementChanged(from: old.agreement, to: new.agreement)) }
        return changes
    }

    private static func serviceChanges(_ before: PlannedService, _ after: PlannedService) -> [SupportPlanChange] {
        let id = before.serviceID
        var changes: [SupportPlanChange] = []
        if before.type != after.type {
            // A service keeps its type in the register; a different type is a different service.
            return [.serviceRemoved(before), .serviceAdded(after)]
        }
        if before.frequency != after.frequency {
            changes.append(.frequencyChanged(serviceID: id, from: before.frequency, to: after.frequency))
        }
        if before.preferredDays != after.preferredDays {
            changes.append(.preferredDaysChanged(serviceID: id, from: before.preferredDays, to: after.preferredDays))
        }
        if before.preferredTime != after.preferredTime {
            changes.append(.preferredTimeChanged(serviceID: id, from: before.preferredTime, to: after.preferredTime))
        }
        if before.chosenWorkerID != after.chosenWorkerID {
            changes.append(.chosenWorkerChanged(serviceID: id, from: before.chosenWorkerID, to: after.chosenWorkerID))
        }
        if before.substituteWorkerID != after.substituteWorkerID {
            changes.append(
                .substituteWorkerChanged(serviceID: id, from: before.substituteWorkerID, to: after.substituteWorkerID)
            )
        }
        return changes
    }
}
