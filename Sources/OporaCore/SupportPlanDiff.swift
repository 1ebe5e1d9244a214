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

    /// A sentence for the change history. Workers are shown by name by the caller, which
    /// knows them; here they are only said to have changed.
    public func message(in language: Language) -> String {
        let bg = language == .bg
        switch self {
        case .goalAdded(let goal): return bg ? "Добавена цел: „\(goal)“" : "Goal added: “\(goal)”"
        case .goalRemoved(let goal): return bg ? "Премахната цел: „\(goal)“" : "Goal removed: “\(goal)”"
        case .serviceAdded(let service):
            return bg
                ? "Добавена услуга: \(service.type.label(in: .bg)), \(service.frequency.description(in: .bg))"
                : "Service added: \(service.type.label(in: .en)), \(service.frequency.description(in: .en))"
        case .serviceRemoved(let service):
            return bg
                ? "Премахната услуга: \(service.type.label(in: .bg))"
                : "Service removed: \(service.type.label(in: .en))"
        case .frequencyChanged(_, let from, let to):
            return bg
                ? "Честота: \(from.description(in: .bg)) → \(to.description(in: .bg))"
                : "Frequency: \(from.description(in: .en)) → \(to.description(in: .en))"
        case .preferredDaysChanged(_, let from, let to):
            return (bg ? "Предпочитани дни: " : "Preferred days: ")
                + "\(Self.days(from, language)) → \(Self.days(to, language))"
        case .preferredTimeChanged(_, let from, let to):
            let none = bg ? "без предпочитание" : "no preference"
            return (bg ? "Предпочитан час: " : "Preferred time: ")
                + "\(from?.display ?? none) → \(to?.display ?? none)"
        case .chosenWorkerChanged: return bg ? "Сменен е избраният служител" : "Chosen worker changed"
        case .substituteWorkerChanged: return bg ? "Сменен е заместникът" : "Substitute worker changed"
        case .startDateChanged(let from, let to):
            return (bg ? "Начална дата: " : "Start date: ") + "\(from.display) → \(to.display)"
        case .reviewDateChanged(let from, let to):
            return (bg ? "Дата на преглед: " : "Review date: ") + "\(from.display) → \(to.display)"
        case .personalAssistanceChanged(let from, let to):
            let none = bg ? "няма" : "none"
            let describe = { (grant: PersonalAssistanceGrant?) in
                grant.map { "\($0.monthlyHours) \(bg ? "ч/месец" : "h/month")" } ?? none
            }
            return (bg ? "Лична помощ: " : "Personal assistance: ") + "\(describe(from)) → \(describe(to))"
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
