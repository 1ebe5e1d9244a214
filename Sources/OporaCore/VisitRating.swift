import Foundation

/// How a visit went, in the person's own judgement: three faces, since numbers and stars are
/// harder to read for many of the people served (issue 18, "Say how it went").
public enum VisitFace: String, CaseIterable, Codable, Sendable {
    case good, neutral, poor

    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.good, .bg): "Добре"
        case (.good, .en): "Good"
        case (.neutral, .bg): "Горе-долу"
        case (.neutral, .en): "So-so"
        case (.poor, .bg): "Зле"
        case (.poor, .en): "Not good"
        }
    }

    /// Drawn beside the label, never instead of it.
    public var symbol: String {
        switch self {
        case .good: "🙂"
        case .neutral: "😐"
        case .poor: "🙁"
        }
    }
}

/// When a visit may be rated, and how ratings are added up for anyone beyond the team.
public enum VisitRatingRule {
    public static let wordMaximum = 500
    /// A rating long after the visit says little of it; a month leaves time for a relative to help.
    public static let ratingWindowDays = 31
    /// Fewer ratings than this are not shown beyond the team: one or two faces would point to the
    /// person who gave them.
    public static let smallestGroup = 5

    /// Why the visit cannot be rated; `nil` when it can. A visit that happened is one its worker
    /// checked out of; one missed, cancelled or still to come did not happen.
    public static func problem(
        checkedOutAt: Date?,
        withdrawn: Bool,
        alreadyRated: Bool,
        now: Date
    ) -> VisitRatingProblem? {
        guard let checkedOutAt, !withdrawn else { return .didNotHappen }
        if alreadyRated { return .alreadyRated }
        if now.timeIntervalSince(checkedOutAt) > TimeInterval(ratingWindowDays) * 24 * 3600 { return .tooLate }
        return nil
    }

    /// The faces counted; below `smallestGroup` only the count is told.
    public static func summary(_ faces: [VisitFace]) -> RatingSummary {
        var counts: [VisitFace: Int] = [:]
        for face in faces { counts[face, default: 0] += 1 }
        return RatingSummary(
            total: faces.count,
            good: counts[.good] ?? 0,
            neutral: counts[.neutral] ?? 0,
            poor: counts[.poor] ?? 0
        )
    }
}

/// The ratings of a team or centre over a period.
public struct RatingSummary: Hashable, Sendable {
    public var total: Int
    public var good: Int
    public var neutral: Int
    public var poor: Int

    /// Whether the figures may be shown beyond the team.
    public var isShowable: Bool { total >= VisitRatingRule.smallestGroup }

    /// The share of good faces in whole per cent, rounded half up; `nil` when not showable.
    public var goodPercent: Int? {
        guard isShowable else { return nil }
        return (good * 200 + total) / (total * 2)
    }
}

public enum VisitRatingProblem: LocalizedProblem, Equatable {
    case didNotHappen, alreadyRated, tooLate, faceMissing, wordTooLong

    public var code: String {
        switch self {
        case .didNotHappen: "rating.didNotHappen"
        case .alreadyRated: "rating.alreadyRated"
        case .tooLate: "rating.tooLate"
        case .faceMissing: "rating.faceMissing"
        case .wordTooLong: "rating.wordTooLong"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.didNotHappen, .bg): "Това посещение не се е състояло, затова не може да се оцени."
        case (.didNotHappen, .en): "This visit did not take place, so it cannot be rated."
        case (.alreadyRated, .bg): "Вече оценихте това посещение. Благодарим ви!"
        case (.alreadyRated, .en): "You have rated this visit already. Thank you!"
        case (.tooLate, .bg):
            "Минал е повече от месец от посещението. Можете да кажете мнението си на социалния работник."
        case (.tooLate, .en):
            "More than a month has passed since the visit. You can tell the case worker what you think."
        case (.faceMissing, .bg): "Изберете едно от трите лица."
        case (.faceMissing, .en): "Choose one of the three faces."
        case (.wordTooLong, .bg): "Текстът е твърде дълъг. Най-много \(VisitRatingRule.wordMaximum) знака."
        case (.wordTooLong, .en): "The text is too long. At most \(VisitRatingRule.wordMaximum) characters."
        }
    }
}
