import Fluent
import Foundation
import OporaCore

/// The ratings people gave a centre's visits, added up for the centre's indicators: read by home
/// care through this, never from the ratings table.
enum VisitRatings {
    /// The faces given in the month (by the day they were given) to visits of the provider.
    static func summary(
        provider: UUID,
        month: CalendarMonth,
        _ scope: AccessScope,
        on db: any Database
    ) async throws -> RatingSummary {
        let from = SofiaTime.instant(on: month.firstDay, minute: 0)
        let until = SofiaTime.instant(on: month.lastDay.adding(days: 1), minute: 0)
        let faces = try await Scoped.query(VisitRatingRecord.self, scope, on: db).filter(\.$providerID == provider)
            .filter(\.$ratedAt >= from).filter(\.$ratedAt < until).all(\.$face)
        return VisitRatingRule.summary(faces.compactMap(VisitFace.init(rawValue:)))
    }
}
