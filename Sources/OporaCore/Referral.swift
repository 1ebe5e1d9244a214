/// Who brought the person to the service (issue 3, step 2).
public enum ReferralSource: String, CaseIterable, Codable, Sendable {
    case selfReferral = "self"
    case family, generalPractitioner, outreachTeam, anotherProvider, court, childProtection, socialAssistanceDirectorate

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .selfReferral: ("самият човек", "the person themselves")
            case .family: ("семейството", "family")
            case .generalPractitioner: ("личен лекар", "general practitioner")
            case .outreachTeam: ("теренен екип", "outreach team")
            case .anotherProvider: ("друг доставчик", "another provider")
            case .court: ("съд", "court")
            case .childProtection: ("отдел „Закрила на детето“", "child protection department")
            case .socialAssistanceDirectorate: ("дирекция „Социално подпомагане“", "Social Assistance Directorate")
            }
        return language == .bg ? bg : en
    }
}

/// Where a referral stands (issue 3, "Referrals": sent, accepted, declined with reason,
/// completed).
public enum ReferralStatus: String, CaseIterable, Codable, Sendable {
    case sent, accepted, declined, completed

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .sent: ("изпратено", "sent")
            case .accepted: ("прието", "accepted")
            case .declined: ("отказано", "declined")
            case .completed: ("приключено", "completed")
            }
        return language == .bg ? bg : en
    }
}

/// The receiving provider accepts or declines a sent referral; an accepted one is completed
/// when the person has been taken on. Only a refusal must give its reason, because the
/// sending worker and the person need to know where to turn next.
public enum ReferralLifeCycle {
    public static let allowedTransitions: [ReferralStatus: Set<ReferralStatus>] = [
        .sent: [.accepted, .declined],
        .accepted: [.completed],
        .declined: [],
        .completed: [],
    ]

    /// The new status, with the trimmed reason (empty when none is needed or given).
    public static func transition(
        from: ReferralStatus,
        to: ReferralStatus,
        reason: String = ""
    )
        throws(ReferralProblem) -> (status: ReferralStatus, reason: String)
    {
        guard allowedTransitions[from, default: []].contains(to) else { throw .illegal(from: from, to: to) }
        let trimmed = String(reason.trimmingWhitespace())
        if to == .declined, trimmed.isEmpty { throw .declineWithoutReason }
        return (to, trimmed)
    }
}

public enum ReferralProblem: LocalizedProblem, Equatable {
    case illegal(from: ReferralStatus, to: ReferralStatus)
    case declineWithoutReason

    public var code: String {
        switch self {
        case .illegal: "referral.illegalTransition"
        case .declineWithoutReason: "referral.declineWithoutReason"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.illegal(let from, let to), .bg):
            "Насочване със статус „\(from.label(in: .bg))“ не може да стане „\(to.label(in: .bg))“."
        case (.illegal(let from, let to), .en):
            "A referral that is “\(from.label(in: .en))” cannot become “\(to.label(in: .en))”."
        case (.declineWithoutReason, .bg): "Посочете причината за отказа."
        case (.declineWithoutReason, .en): "Give the reason for declining."
        }
    }
}

/// How soon the receiver should answer: the sender's judgement, shown first in the receiver's inbox.
public enum ReferralUrgency: String, CaseIterable, Codable, Sendable {
    case routine, soon, urgent

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .routine: ("обичайно", "routine")
            case .soon: ("до седмица", "within a week")
            case .urgent: ("спешно", "urgent")
            }
        return language == .bg ? bg : en
    }
}
