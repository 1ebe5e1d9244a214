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

/// What a participant needs to take part in a session, said when they register for it, so the
/// facilitator arranges it before the day (issue 15: users who need assisted participation).
public enum SessionNeed: String, CaseIterable, Codable, Sendable {
    case transport, stepFree, signLanguage, easyRead, assistant

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .transport: ("превоз до мястото", "transport to the place")
            case .stepFree: ("достъп без стъпала", "step-free access")
            case .signLanguage: ("превод на жестов език", "sign language interpreting")
            case .easyRead: ("материали, лесни за четене", "easy-read material")
            case .assistant: ("асистент, който да ми помага", "an assistant to help me")
            }
        return language == .bg ? bg : en
    }
}

/// A participant says whether they will come to a session, until the session's day has passed.
public enum SessionRegistrationRule {
    public static func problem(
        sessionDay: CalendarDay,
        today: CalendarDay,
        coming: Bool?
    ) -> SessionRegistrationProblem? {
        if sessionDay < today { return .sessionPast }
        if coming == nil { return .chooseComing }
        return nil
    }
}

public enum SessionRegistrationProblem: LocalizedProblem, Equatable {
    case sessionPast, chooseComing

    public var code: String {
        switch self {
        case .sessionPast: "registration.sessionPast"
        case .chooseComing: "registration.chooseComing"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.sessionPast, .bg): "Срещата вече е минала. Можете да се запишете за следващата."
        case (.sessionPast, .en): "The session is over. You can register for the next one."
        case (.chooseComing, .bg): "Изберете дали ще дойдете."
        case (.chooseComing, .en): "Choose whether you will come."
        }
    }
}
