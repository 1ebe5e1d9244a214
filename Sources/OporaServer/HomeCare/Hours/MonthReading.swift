import Fluent
import Foundation
import OporaCore
import Vapor

/// A centre's month as the hours page and the hours API both show it: the counted visits, each
/// person's use of their grant, and the names the lists need. Read in one place so that the page
/// and the API cannot count differently.
struct MonthReading: Sendable {
    var hours: MonthHours
    var uses: [UUID: EntitlementUse]
    var people: [UUID: String]
    var workers: [UUID: String]
    var services: [UUID: String]

    static func read(_ context: HoursContext, request req: Request) async throws -> MonthReading {
        let db = req.db
        let hours = try await MonthHours.load(
            provider: context.centre,
            month: context.month,
            now: context.now,
            context.scope,
            on: db
        )
        let grants = try await PlansInForce.assistanceGrants(
            provider: context.centre,
            since: context.month.firstDay,
            context.user.scope(for: .viewPeople),
            key: req.application.dataKey,
            on: db
        )
        let uses = hours.entitlements(grants: grants, today: context.today)
        return MonthReading(
            hours: hours,
            uses: uses,
            people: try await context.personNames(Set(hours.byPerson.keys).union(uses.keys), on: db),
            workers: try await context.workerNames(Set(hours.byWorker.keys), on: db),
            services: try await HoursStore.serviceNames(
                Set(hours.bySource.keys.compactMap(\.serviceID)),
                context.scope,
                on: db
            )
        )
    }
}
