import Fluent
import OporaCore

/// How many of a centre's scheduled visits were made, for readers beyond the centre (the quality
/// monitoring): counts only, read through this, never from the ledger itself.
enum DeliveredVisits {
    /// The visits of the provider whose day lies from `from` to `to` (both included). A visit the
    /// coordinator withdrew counts only if its worker had recorded it already.
    static func tally(
        provider: UUID,
        from: CalendarDay,
        to: CalendarDay,
        _ scope: AccessScope,
        on db: any Database
    ) async throws -> QualityEvidence.Visits {
        func visits() -> QueryBuilder<CareVisit> {
            Scoped.query(CareVisit.self, scope, on: db).filter(\.$providerID == provider)
                .filter(\.$day >= from.iso).filter(\.$day <= to.iso)
        }
        let happened = try await visits().filter(\.$checkOutAt != nil).count()
        let missed = try await visits().filter(\.$missedReason != nil).count()
        let pending = try await visits().filter(\.$state == CareVisit.State.planned.rawValue)
            .filter(\.$checkOutAt == nil).filter(\.$missedReason == nil).count()
        return QualityEvidence.Visits(due: happened + missed + pending, happened: happened, missed: missed)
    }
}
