/// A ТЕЛК/НЕЛК decision as far as the eligibility rules need it (DOMAIN §2.1).
public struct DisabilityDecision: Hashable, Codable, Sendable {
    /// Type and degree of disability, or of permanently reduced working capacity, in percent.
    public var percentage: Double
    /// "Чужда помощ": the decision says the person needs another person's help.
    public var needsAnotherPersonsHelp: Bool
    /// The last day the decision is valid; `nil` for a decision without a term.
    public var validUntil: CalendarDay?

    public init(percentage: Double, needsAnotherPersonsHelp: Bool, validUntil: CalendarDay? = nil) {
        self.percentage = percentage
        self.needsAnotherPersonsHelp = needsAnotherPersonsHelp
        self.validUntil = validUntil
    }

    public func isValid(on day: CalendarDay) -> Bool {
        validUntil.map { day <= $0 } ?? true
    }
}

/// Who may use personal assistance under the Personal Assistance Act, чл. 8, ал. 1, as in force
/// from 01.01.2021 (DOMAIN §2.1):
/// 1. a person whose valid decision sets a permanent disability with "чужда помощ";
/// 2. a child (under 18) whose valid decision sets 90 % or more without "чужда помощ".
///
/// Eligibility is decided by the decision; the hours by the degree of dependence
/// (`DependenceDegree`).
public enum PersonalAssistanceEligibility {
    public static let childAgeLimit = 18
    public static let childThresholdPercentage = 90.0

    public enum Ground: String, CaseIterable, Codable, Sendable {
        case needsAnotherPersonsHelp, childWithNinetyPercentOrMore

        public func label(in language: Language) -> String {
            switch (self, language) {
            case (.needsAnotherPersonsHelp, .bg): "трайно увреждане с определена чужда помощ"
            case (.needsAnotherPersonsHelp, .en): "permanent disability with need for another person's help"
            case (.childWithNinetyPercentOrMore, .bg): "дете с 90 и над 90 % увреждане без чужда помощ"
            case (.childWithNinetyPercentOrMore, .en): "child with 90 % or more disability without that need"
            }
        }
    }

    /// The ground on which the person is eligible on `day`, or `nil`.
    public static func ground(decision: DisabilityDecision, birthDate: CalendarDay, on day: CalendarDay) -> Ground? {
        guard decision.isValid(on: day) else { return nil }
        if decision.needsAnotherPersonsHelp { return .needsAnotherPersonsHelp }
        if birthDate.age(on: day) < childAgeLimit, decision.percentage >= childThresholdPercentage {
            return .childWithNinetyPercentOrMore
        }
        return nil
    }
}
