import Foundation

/// What a person may ask of the centre from their own page (issue 18, "Ask for a change").
public enum ChangeRequestKind: String, CaseIterable, Codable, Sendable {
    /// The same visit at another time.
    case anotherTime
    /// This visit not to happen.
    case cancelVisit
    /// Someone else to come.
    case differentAssistant
    /// Help with something the plan does not yet cover.
    case newNeed

    /// The two that are about one visit of the week name it; the others are about the plan.
    public var needsVisit: Bool { self == .anotherTime || self == .cancelVisit }

    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.anotherTime, .bg): "Друг час за посещение"
        case (.anotherTime, .en): "Another time for a visit"
        case (.cancelVisit, .bg): "Да отменя посещение"
        case (.cancelVisit, .en): "Cancel a visit"
        case (.differentAssistant, .bg): "Друг асистент"
        case (.differentAssistant, .en): "A different assistant"
        case (.newNeed, .bg): "Нужда от нова помощ"
        case (.newNeed, .en): "Help with something new"
        }
    }
}

/// Where a request stands; only the centre moves it, and only once, from open to answered.
public enum ChangeRequestState: String, CaseIterable, Codable, Sendable {
    case open, accepted, declined

    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.open, .bg): "Чака отговор"
        case (.open, .en): "Waiting for an answer"
        case (.accepted, .bg): "Прието"
        case (.accepted, .en): "Accepted"
        case (.declined, .bg): "Отказано"
        case (.declined, .en): "Not possible"
        }
    }
}

/// The rules of a request: what it must say, which visits it may name, and by when the centre answers.
public enum ChangeRequestRule {
    /// The centre answers within five working days; the Administrative Procedure Code's seven
    /// days for an answer are calendar days, and five working days never exceed them by much
    /// while keeping weekends and holidays from eating the time.
    public static let responseWorkingDays = 5
    public static let textMaximum = 1000

    /// The day by which the request must be answered: `responseWorkingDays` working days after
    /// the day it arrived (a request sent on a rest day counts from the next working day).
    /// `isWorkingDay` is passed in so the Council of Ministers' moved days can be added.
    public static func dueDate(
        submittedOn day: CalendarDay,
        isWorkingDay: (CalendarDay) -> Bool = BulgarianHolidays.isWorkingDay
    ) -> CalendarDay {
        var due = day
        var counted = 0
        // 60 days bounds the walk even if a caller's calendar has no working day at all.
        for _ in 0..<60 where counted < responseWorkingDays {
            due = due.adding(days: 1)
            if isWorkingDay(due) { counted += 1 }
        }
        return due
    }

    /// Every problem at once. `visitStart` is the named visit's planned start (nil when none was
    /// named or it is not the person's); `visitCancelled` when the centre already withdrew it.
    public static func problems(
        kind: ChangeRequestKind?,
        text: String,
        visitNamed: Bool,
        visitStart: Date?,
        visitCancelled: Bool,
        now: Date
    ) -> [ChangeRequestProblem] {
        var problems: [ChangeRequestProblem] = []
        guard let kind else { return [.kindMissing] }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count > textMaximum { problems.append(.textTooLong(maximum: textMaximum)) }
        if kind.needsVisit {
            if !visitNamed {
                problems.append(.visitMissing)
            } else if let visitStart {
                if visitStart <= now { problems.append(.visitInPast) }
                if visitCancelled { problems.append(.visitAlreadyCancelled) }
            } else {
                problems.append(.visitUnknown)
            }
        }
        if kind == .newNeed || kind == .differentAssistant || kind == .anotherTime, trimmed.isEmpty {
            problems.append(.textMissing)
        }
        return problems
    }
}

public enum ChangeRequestProblem: LocalizedProblem, Equatable {
    case kindMissing, visitMissing, visitUnknown, visitInPast, visitAlreadyCancelled, textMissing
    case textTooLong(maximum: Int)

    public var code: String {
        switch self {
        case .kindMissing: "request.kindMissing"
        case .visitMissing: "request.visitMissing"
        case .visitUnknown: "request.visitUnknown"
        case .visitInPast: "request.visitInPast"
        case .visitAlreadyCancelled: "request.visitAlreadyCancelled"
        case .textMissing: "request.textMissing"
        case .textTooLong: "request.textTooLong"
        }
    }

    /// The form's field the problem is about.
    public var field: String {
        switch self {
        case .kindMissing: "kind"
        case .visitMissing, .visitUnknown, .visitInPast, .visitAlreadyCancelled: "visit"
        case .textMissing, .textTooLong: "text"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.kindMissing, .bg): "Изберете какво искате да промените."
        case (.kindMissing, .en): "Choose what you would like to change."
        case (.visitMissing, .bg): "Изберете за кое посещение става дума."
        case (.visitMissing, .en): "Choose which visit this is about."
        case (.visitUnknown, .bg): "Не намираме това посещение във вашата седмица. Изберете от списъка."
        case (.visitUnknown, .en): "We cannot find this visit in your week. Choose one from the list."
        case (.visitInPast, .bg): "Това посещение вече е минало. Можете да промените само посещение, което предстои."
        case (.visitInPast, .en): "This visit is already over. You can change only a visit that is still to come."
        case (.visitAlreadyCancelled, .bg): "Това посещение вече е отменено."
        case (.visitAlreadyCancelled, .en): "This visit is already cancelled."
        case (.textMissing, .bg): "Напишете с няколко думи какво искате."
        case (.textMissing, .en): "Write in a few words what you would like."
        case (.textTooLong(let maximum), .bg): "Текстът е твърде дълъг. Най-много \(maximum) знака."
        case (.textTooLong(let maximum), .en): "The text is too long. At most \(maximum) characters."
        }
    }
}
