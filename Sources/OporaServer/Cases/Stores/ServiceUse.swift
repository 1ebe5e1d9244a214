import Fluent
import OporaCore
import Vapor

/// How many people use, wait for and were refused each service, as planning reads them: counts
/// only, never who. Receiving is a plan in force that includes the service, or a referral the
/// service accepted and has not completed yet (the count that `ReferralStore.capacity` subtracts
/// from the places).
struct ServiceUseFigures: Sendable, Equatable {
    var receiving = 0
    var acceptedReferrals = 0
    var waiting = 0
    /// Days each waiting referral has waited, by `day`.
    var waitDays: [Int] = []
    /// Declined referrals whose case is still open: a need the service did not meet.
    var unmet = 0

    var needing: Int { receiving + waiting + unmet }
}

enum ServiceUse {
    /// The figures per service id of the services given, from the cases and referrals in the scope.
    static func figures(
        services: [UUID],
        _ scope: AccessScope,
        on day: CalendarDay,
        key: DataKey,
        on db: any Database
    ) async throws -> [UUID: ServiceUseFigures] {
        guard !services.isEmpty else { return [:] }
        let wanted = Set(services)
        var result: [UUID: ServiceUseFigures] = [:]
        let cases = try await Scoped.query(SupportCase.self, scope, on: db)
            .filter(\.$state ~~ PlansInForce.states).filter(\.$planNumber > 0).all()
        if !cases.isEmpty {
            let versions = try await SupportPlanVersion.query(on: db)
                .filter(\.$supportCase.$id ~~ cases.map { $0.id! }).all()
            var latest: [UUID: SupportPlanVersion] = [:]
            for version in versions where version.number > (latest[version.$supportCase.id]?.number ?? 0) {
                latest[version.$supportCase.id] = version
            }
            for version in latest.values {
                let plan = try key.openJSON(SupportPlan.self, version.planSealed)
                for id in Set(plan.services.map(\.serviceID)) where wanted.contains(id) {
                    result[id, default: ServiceUseFigures()].receiving += 1
                }
            }
        }
        let referrals = try await ReferralStore.query(scope, on: db).filter(
            \.$toServiceID ~~ services.map { Optional($0) }
        )
        .field(\.$id).field(\.$toServiceID).field(\.$status).field(\.$sentAt).field(\.$supportCase.$id).all()
        let declinedCases = Set(referrals.filter { $0.status == .declined }.map { $0.$supportCase.id })
        let openDeclined =
            declinedCases.isEmpty
            ? Set<UUID>()
            : Set(
                try await Scoped.query(SupportCase.self, scope, on: db).filter(\.$id ~~ Array(declinedCases))
                    .filter(\.$state != .closed).all().map { $0.id! }
            )
        for referral in referrals {
            guard let id = referral.toServiceID else { continue }
            switch referral.status {
            case .accepted:
                result[id, default: ServiceUseFigures()].acceptedReferrals += 1
                result[id, default: ServiceUseFigures()].receiving += 1
            case .sent:
                result[id, default: ServiceUseFigures()].waiting += 1
                let sent = CalendarDay.today(at: referral.sentAt)
                result[id, default: ServiceUseFigures()].waitDays.append(max(sent.days(until: day), 0))
            case .declined where openDeclined.contains(referral.$supportCase.id):
                result[id, default: ServiceUseFigures()].unmet += 1
            case .declined, .completed:
                break
            }
        }
        return result
    }

    /// The municipalities where any case was opened by `day`: elsewhere the platform holds no
    /// casework, and planning says "no data" rather than 0.
    static func municipalitiesWithCasework(
        _ scope: AccessScope,
        by day: CalendarDay,
        on db: any Database
    )
        async throws -> Set<String>
    {
        let places = try await Scoped.query(SupportCase.self, scope, on: db).filter(\.$openedOn <= day.iso)
            .unique().all(\.$municipalityCode)
        return Set(places)
    }
}
