/// The date rules behind the case worker's dashboard (issue 3, step 6).
public enum CaseDeadlines {
    /// "Reviews due in the next 14 days".
    public static let reviewWindowDays = 14

    /// Due when the review date is at most `reviewWindowDays` ahead, overdue ones included.
    public static func isReviewDue(reviewDate: CalendarDay, today: CalendarDay) -> Bool {
        today.days(until: reviewDate) <= reviewWindowDays
    }

    /// "Assessments older than a year": signed before the same day a year ago
    /// (29 February counts from 28 February in a common year).
    public static func isAssessmentOutdated(signedOn: CalendarDay, today: CalendarDay) -> Bool {
        let year = today.year - 1
        let day = min(today.day, CalendarDay.daysInMonth(year: year, month: today.month))
        guard let yearAgo = CalendarDay(year: year, month: today.month, day: day) else { return false }
        return signedOn < yearAgo
    }
}
