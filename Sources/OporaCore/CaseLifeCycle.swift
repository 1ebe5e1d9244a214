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
/// - closed is final, except that a case closed by mistake may be reopened, in the stage it was
///   closed from, within `reopenWindowDays` (`reopen`).
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
    /// Closing ends the person's support, so it must be confirmed as such (`confirmedClosing`);
    /// no other move needs it.
    public static func transition(
        from: CaseState,
        to: CaseState,
        reason: String,
        confirmedClosing: Bool = false
    ) throws(CaseTransitionProblem)
        -> CaseTransition
    {
        guard canMove(from: from, to: to) else { throw .illegal(from: from, to: to) }
        let trimmed = String(reason.trimmingWhitespace())
        guard !trimmed.isEmpty else { throw .missingReason(from: from, to: to) }
        if to == .closed && !confirmedClosing { throw .closingNotConfirmed }
        return CaseTransition(from: from, to: to, reason: trimmed)
    }

    /// Days after closing during which a case closed by mistake may be reopened; later, a new
    /// request opens a new case.
    public static let reopenWindowDays = 30

    /// The last day a case closed on `closedOn` may be reopened.
    public static func lastDayToReopen(closedOn: CalendarDay) -> CalendarDay {
        closedOn.adding(days: reopenWindowDays)
    }

    /// Reopens a closed case in the stage it was closed from, within `reopenWindowDays` of
    /// closing and with a reason. Who may reopen (the case's worker or a manager) is the
    /// server's to check; this is the rule of the case itself.
    public static func reopen(
        state: CaseState,
        closedFrom: CaseState,
        closedOn: CalendarDay,
        today: CalendarDay,
        reason: String
    ) throws(CaseTransitionProblem) -> CaseTransition {
        guard state == .closed, closedFrom != .closed else { throw .notClosed }
        guard today <= lastDayToReopen(closedOn: closedOn) else {
            throw .reopenTooLate(closedOn: closedOn, lastDay: lastDayToReopen(closedOn: closedOn))
        }
        let trimmed = String(reason.trimmingWhitespace())
        guard !trimmed.isEmpty else { throw .missingReason(from: .closed, to: closedFrom) }
        return CaseTransition(from: .closed, to: closedFrom, reason: trimmed)
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
    /// Closing was chosen without confirming that it ends the person's support.
    case closingNotConfirmed
    /// Only a closed case can be reopened.
    case notClosed
    case reopenTooLate(closedOn: CalendarDay, lastDay: CalendarDay)

    public var code: String {
        switch self {
        case .illegal: "case.illegalTransition"
        case .missingReason: "case.missingReason"
        case .closingNotConfirmed: "case.closingNotConfirmed"
        case .notClosed: "case.notClosed"
        case .reopenTooLate: "case.reopenTooLate"
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
        case (.closingNotConfirmed, .bg):
            "Потвърдете закриването: услугите по случая спират, а планът и оценката остават само за справка."
        case (.closingNotConfirmed, .en):
            "Confirm the closing: the case's services stop, and its plan and assessment remain for reference only."
        case (.notClosed, .bg): "Случаят не е закрит."
        case (.notClosed, .en): "The case is not closed."
        case (.reopenTooLate(let closedOn, let lastDay), .bg):
            "Случаят е закрит на \(closedOn.display) и можеше да бъде отворен отново до \(lastDay.display); отворете нов случай."
        case (.reopenTooLate(let closedOn, let lastDay), .en):
            "The case was closed on \(closedOn.display) and could be reopened until \(lastDay.display); open a new case."
        }
    }
}
