/// Who takes part in a workshop series. Every kind but the observer has one voice, the same for
/// a service user as for an official: the series treats them as equal partners (issue 15, step 2).
public enum CoDesignParticipantKind: String, CaseIterable, Codable, Sendable {
    case serviceUser, familyCarer, providerStaff, official, citizen, ngo, observer

    public var votes: Bool { self != .observer }

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .serviceUser: ("потребител на услуги", "service user")
            case .familyCarer: ("близък, който полага грижи", "family carer")
            case .providerStaff: ("служител на доставчик", "provider's staff")
            case .official: ("служител на общината", "official")
            case .citizen: ("гражданин", "citizen")
            case .ngo: ("неправителствена организация", "NGO")
            case .observer: ("наблюдател (не гласува)", "observer (does not vote)")
            }
        return language == .bg ? bg : en
    }
}

/// An amendment to a proposal: only the proposal's author accepts or rejects it, once.
public enum CoDesignAmendmentState: String, CaseIterable, Codable, Sendable {
    case proposed, accepted, rejected

    /// The state after the author's answer, or `nil` when the move is not allowed.
    public func answered(accept: Bool, byAuthor: Bool) -> CoDesignAmendmentState? {
        guard self == .proposed, byAuthor else { return nil }
        return accept ? .accepted : .rejected
    }
}

/// A decision's action, followed to the end: planned, under way with a percent done, done or dropped
/// (with a reason, which the public page shows).
public enum CoDesignActionState: String, CaseIterable, Codable, Sendable {
    case planned, underWay, done, dropped

    public static let percentRange = 0...100

    /// The state a progress update of `percent` leads to, or `nil` when the action is closed or the
    /// percent is out of range. A percent lower than before is allowed: a setback is reported, not hidden.
    public func progressed(to percent: Int) -> CoDesignActionState? {
        guard self == .planned || self == .underWay, Self.percentRange.contains(percent) else { return nil }
        if percent == 100 { return .done }
        return percent == 0 ? .planned : .underWay
    }

    public var isClosed: Bool { self == .done || self == .dropped }
}
