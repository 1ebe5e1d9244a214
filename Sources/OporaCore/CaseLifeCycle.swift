/// Where a case stands (DOMAIN §1.3 and §8: request, assessment, plan, contract and delivery,
/// review, termination).
public enum CaseState: String, CaseIterable, Codable, Sendable {
    /// The person asked for support; nothing assessed yet.
    case request
    /// The individual needs assessment (ИОП) is being made with the person.
    case assessment
    /// The individual support plan (ИПП) is being agreed.
    case plan
    /// Services are being delivered under the agreed plan.
    case active
    /// The plan is being reviewed with the person.
    case review
    /// Delivery is paused, e.g. during a hospital stay, without ending the case.
    case suspended
    /// The case has ended; a new request opens a new case.
    case closed

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .request: ("заявка", "request")
            case .assessment: ("оценка на потребностите", "needs assessment")
            case .plan: ("план за подкрепа", "support plan")
            case .active: ("активен", "active")
            case .review: ("преглед", "review")
            case .suspended: ("спрян временно", "suspended")
            case .closed: ("закрит", "closed")
            }
        return language == .bg ? bg : en
    }
}

/// The case life cycle as a state machine: which moves are allowed, each with a reason.
///
/// - request → assessment, or closed (withdrawn, or not eligible);
/// - assessment → plan, or closed;
/// - plan → active once agreed, back to assessment when the plan shows the assessment was
///   incomplete, or closed when the person declines;
/// - active → review, suspended or closed;
/// - review → active (plan unchanged), plan (plan to change), assessment (reassessment),
///   suspended or closed;
/// - suspended → active (resumed as before), review (resumed after a change), or closed;
/// - closed is final.
///
/// Staying in the same state is not a transition. Every transition needs a reason, because
/// the case history must say why a person's support started, paused or ended.
public enum CaseLifeCycle {
    public static let allowedTransitions: [CaseState: Set<CaseState>] = [
        .request: [.assessment, .closed],
        .assessment: [.plan, .closed],
        .plan: [.active, .assessment, .closed],
        .active: [.review, .suspended, .closed],
        .review: [.active, .plan, .assessment, .suspended, .closed],
        .suspended: [.active, .review, .closed],
        .closed: [],
    ]

    /// Every case starts as a request.
    public static let initialState = CaseState.request

    public static func canMove(from: CaseState, to: CaseState) -> Bool {
        allowedTransitions[from, default: []].contains(to)
    }

    /// The new state, or why the move is refused. The reason is trimmed before it is checked.
    public static func transition(
        from: CaseState,
        to: CaseState,
        reason: String
    ) throws(CaseTransitionProblem)
        -> CaseTransition
    {
        guard canMove(from: from, to: to) else { throw .illegal(from: from, to: to) }
        let trimmed = String(reason.trimmingWhitespace())
        guard !trimmed.isEmpty else { throw .missingReason(from: from, to: to) }
        return CaseTransition(from: from, to: to, reason: trimmed)
    }
}

/// A move that was allowed, with its reason; the server records it with author and time.
public struct CaseTransition: Hashable, Codable, Sendable {
    public let from: CaseState
    public let to: CaseState
    public let reason: String
}

public enum CaseTransitionProblem: LocalizedProblem, Equatable {
    case illegal(from: CaseState, to: CaseState)
    case missingReason(from: CaseState, to: CaseState)

    public var code: String {
        switch self {
        case .illegal: "case.illegalTransition"
        case .missingReason: "case.missingReason"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.illegal(let from, let to), .bg):
            "Случай в състояние „\(from.label(in: .bg))“ не може да премине в „\(to.label(in: .bg))“."
        case (.illegal(let from, let to), .en):
            "A case in state “\(from.label(in: .en))” cannot move to “\(to.label(in: .en))”."
        case (.missingReason(let from, let to), .bg):
            "Посочете причина за преминаването от „\(from.label(in: .bg))“ в „\(to.label(in: .bg))“."
        case (.missingReason(let from, let to), .en):
            "Give a reason for moving from “\(from.label(in: .en))” to “\(to.label(in: .en))”."
        }
    }
}
