import Fluent
import Foundation
import OporaCore

/// The ratings people gave a centre's visits, added up for the centre's indicators and the
/// quality monitoring: read by them through this, never from the ratings table.
enum VisitRatings {
    /// The faces given in the month (by the day they were given) to visits of the provider.
    static func summary(
        provider: UUID,
        month: CalendarMonth,
        _ scope: AccessScope,
        on db: any Database
    ) async throws -> RatingSummary {
        try await summary(provider: provider, from: month.firstDay, to: month.lastDay, scope, on: db)
    }

    /// The faces given from `from` to `to` (both included, by Sofia's calendar) to visits of the provider.
    static func summary(
        provider: UUID,
        from: CalendarDay,
        to: CalendarDay,
        _ scope: AccessScope,
        on db: any Database
    ) async throws -> RatingSummary {
        let start = SofiaTime.instant(on: from, minute: 0)
        let until = SofiaTime.instant(on: to.adding(days: 1), minute: 0)
        let faces = try await Scoped.query(VisitRatingRecord.self, scope, on: db).filter(\.$providerID == provider)
            .filter(\.$ratedAt >= start).filter(\.$ratedAt < until).all(\.$face)
        return VisitRatingRule.summary(faces.compactMap(VisitFace.init(rawValue:)))
    }
}
