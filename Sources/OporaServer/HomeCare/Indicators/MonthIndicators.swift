import Fluent
import Foundation
import OporaCore

/// The centre's monthly indicators, from the same reckoning of the visit ledger as the hours:
/// a person is served in a month when at least one visit to them was delivered (in full or cut
/// short).
struct MonthIndicators: Sendable {
    struct Item: Sendable {
        var label: String
        var value: Double
        /// The value as the table and chart show it.
        var text: String
    }

    struct Indicator: Sendable {
        var id: String
        var title: String
        var items: [Item]
    }

    var month: CalendarMonth
    var hasPublishedPlan: Bool
    var peopleServed: Int
    var indicators: [Indicator]

    /// Distinct workers who delivered visits to each person served.
    static func continuity(_ visits: [LedgerVisit]) -> [UUID: Int] {
        var workers: [UUID: Set<UUID>] = [:]
        for visit in visits {
            let outcome = visit.reckoning.outcome
            guard outcome == .delivered || outcome == .cutShort else { continue }
            workers[visit.personID, default: []].insert(visit.workerID)
        }
        return workers.mapValues(\.count)
    }
}
