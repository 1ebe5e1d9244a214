import Foundation

/// What a provider's own records say under a monitoring visit's headings, over the year up to the
/// visit day: the team scores with the centre's figures in view instead of asking for papers.
///
/// Only counts and shares: the monitoring team is beyond the provider's own, and the people's
/// ratings go beyond the team only as aggregates (issue 18), so no line names or points to anyone.
public struct QualityEvidence: Hashable, Sendable {
    /// The visits of the ledger whose day lay in the period.
    public struct Visits: Hashable, Sendable {
        /// Planned and not withdrawn by the coordinator.
        public var due: Int
        /// Checked out by their worker.
        public var happened: Int
        /// Recorded as missed, with a reason.
        public var missed: Int

        public init(due: Int = 0, happened: Int = 0, missed: Int = 0) {
            self.due = due
            self.happened = happened
            self.missed = missed
        }
    }

    public var from: CalendarDay
    public var to: CalendarDay
    public var visits: Visits
    public var ratings: RatingSummary
    /// Workers on the staff list in direct work with the people served.
    public var staff: Int
    /// Of those, the ones the supervision rule applies to, and those of them not overdue on the
    /// visit day.
    public var supervised: Int
    public var supervisedInTime: Int
    /// The staff's training and supervision in the period, in hundredths of an hour.
    public var developmentHundredths: Int

    public init(
        period: (from: CalendarDay, to: CalendarDay),
        visits: Visits,
        ratings: RatingSummary,
        staff: Int,
        supervised: Int,
        supervisedInTime: Int,
        developmentHundredths: Int
    ) {
        from = period.from
        to = period.to
        self.visits = visits
        self.ratings = ratings
        self.staff = staff
        self.supervised = supervised
        self.supervisedInTime = supervisedInTime
        self.developmentHundredths = developmentHundredths
    }

    /// The year before the visit day: long enough to hold a quarter's supervision four times over,
    /// short enough to speak of the service as it is now. The visit day is left out, since its
    /// visits are still being made while the team is there.
    public static func period(before day: CalendarDay) -> (from: CalendarDay, to: CalendarDay) {
        (day.adding(days: -365), day.adding(days: -1))
    }

    /// The development hours of the activities whose day lies in the period.
    public static func developmentHundredths<W>(
        _ activities: [DevelopmentActivity<W>],
        from: CalendarDay,
        to: CalendarDay
    ) -> Int {
        activities.filter { $0.day >= from && $0.day <= to }.map(\.hundredths).reduce(0, +)
    }

    /// The lines shown under a heading; the organisation heading has no figures of its own.
    public func lines(under heading: QualityHeading, in language: Language) -> [String] {
        switch heading {
        case .organisation: []
        case .staff: staffLines(in: language)
        case .effectiveness: [visitsLine(in: language), ratingsLine(in: language)]
        }
    }

    private var span: String { from.display + " – " + to.display }

    private func staffLines(in language: Language) -> [String] {
        let bg = language == .bg
        guard staff > 0 else {
            return [
                bg
                    ? "В Опора няма служители на доставчика в пряка работа с потребители."
                    : "Opora holds no staff of the provider in direct work with users."
            ]
        }
        var lines: [String] = []
        if supervised > 0 {
            lines.append(
                bg
                    ? "Супервизия в срок в деня на посещението: \(supervisedInTime) от \(supervised) служители."
                    : "Supervision on time on the day of the visit: \(supervisedInTime) of \(supervised) staff."
            )
        }
        let hours = DevelopmentHours.format(developmentHundredths, in: language)
        let mean = DevelopmentHours.format((developmentHundredths + staff / 2) / staff, in: language)
        lines.append(
            bg
                ? "Обучение и супервизия (\(span)): \(hours) ч, средно \(mean) ч на служител (\(staff) служители)."
                : "Training and supervision (\(span)): \(hours) h, \(mean) h per member of staff (\(staff) staff)."
        )
        return lines
    }

    private func visitsLine(in language: Language) -> String {
        let bg = language == .bg
        guard visits.due > 0 else {
            return bg
                ? "Няма посещения по график в Опора за \(span)."
                : "Opora holds no scheduled visits for \(span)."
        }
        let share = (visits.happened * 200 + visits.due) / (visits.due * 2)
        let unrecorded = visits.due - visits.happened - visits.missed
        return bg
            ? "Посещения по график (\(span)): \(visits.due); състояли се \(visits.happened) (\(share) %), пропуснати \(visits.missed), без отчет \(unrecorded)."
            : "Scheduled visits (\(span)): \(visits.due); made \(visits.happened) (\(share) %), missed \(visits.missed), not recorded \(unrecorded)."
    }

    private func ratingsLine(in language: Language) -> String {
        let bg = language == .bg
        guard ratings.total > 0 else {
            return bg
                ? "Няма оценки на посещенията от потребителите за \(span)."
                : "No ratings of visits by users for \(span)."
        }
        guard let good = ratings.goodPercent else {
            return bg
                ? "Оценки на посещенията от потребителите: \(ratings.total). Под \(VisitRatingRule.smallestGroup) оценки не се показват по лица, за да не сочат кой ги е дал."
                : "Ratings of visits by users: \(ratings.total). Fewer than \(VisitRatingRule.smallestGroup) are not shown by face, so as not to point to who gave them."
        }
        let faces = [(VisitFace.good, ratings.good), (.neutral, ratings.neutral), (.poor, ratings.poor)]
            .map { "\($0.0.label(in: language)) \($0.1)" }.joined(separator: ", ")
        return bg
            ? "Оценки на посещенията от потребителите (\(span)): \(ratings.total) — \(faces); „Добре“: \(good) %."
            : "Ratings of visits by users (\(span)): \(ratings.total) — \(faces); “Good”: \(good) %."
    }
}
