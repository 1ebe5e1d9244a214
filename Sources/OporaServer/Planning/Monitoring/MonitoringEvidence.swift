import Fluent
import OporaCore
import Vapor

/// The visited provider's figures under the checklist's headings, read in the viewer's scope from
/// home care (visits, staff, development) and the person's own page (ratings), each through the
/// small API it offers other capabilities.
enum MonitoringEvidence {
    static func gather(
        provider: UUID,
        visitedOn day: CalendarDay,
        _ scope: AccessScope,
        on db: any Database
    ) async throws -> QualityEvidence {
        let period = QualityEvidence.period(before: day)
        let visits = try await DeliveredVisits.tally(
            provider: provider,
            from: period.from,
            to: period.to,
            scope,
            on: db
        )
        let ratings = try await VisitRatings.summary(
            provider: provider,
            from: period.from,
            to: period.to,
            scope,
            on: db
        )
        let staff = try await DevelopmentStore.summary(provider: provider, year: day.year, today: day, scope, on: db)
        let activities = try await DevelopmentStore.records(provider: provider, scope, on: db).compactMap(\.activity)
        let supervised = staff.filter(\.supervised)
        return QualityEvidence(
            period: period,
            visits: visits,
            ratings: ratings,
            staff: staff.count,
            supervised: supervised.count,
            supervisedInTime: supervised.filter { !$0.overdue }.count,
            developmentHundredths: QualityEvidence.developmentHundredths(
                activities,
                from: period.from,
                to: period.to
            )
        )
    }
}
