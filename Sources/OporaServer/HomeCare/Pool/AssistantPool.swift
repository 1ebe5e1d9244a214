import Fluent
import OporaCore
import Vapor

/// What the assistant pool lets the rest of home care read: the hires of formerly registered
/// unemployed people, for the centre's indicator of jobs they hold.
enum AssistantPool {
    /// One hire of a candidate who was registered unemployed.
    struct Hire: Sendable, Equatable {
        var userID: UUID
        var hiredOn: CalendarDay
    }

    /// The centre's hires of candidates who came as registered unemployed, oldest first.
    static func formerlyUnemployedHires(
        provider: UUID,
        _ scope: AccessScope,
        on db: any Database
    ) async throws
        -> [Hire]
    {
        try await Scoped.query(AssistantHire.self, scope, on: db).filter(\.$providerID == provider)
            .filter(\.$formerlyUnemployed == true).sort(\.$hiredOn).all()
            .compactMap { hire in CalendarDay(iso: hire.hiredOn).map { Hire(userID: hire.userID, hiredOn: $0) } }
    }

    /// Jobs held on `day` by assistants hired from the pool as registered unemployed: hired on or
    /// before the day, and whose account is still enabled (a worker who left is disabled).
    static func formerlyUnemployedJobs(
        provider: UUID,
        on day: CalendarDay,
        _ scope: AccessScope,
        on db: any Database
    )
        async throws -> Int
    {
        let hires = try await formerlyUnemployedHires(provider: provider, scope, on: db).filter { $0.hiredOn <= day }
        guard !hires.isEmpty else { return 0 }
        return try await Scoped.query(User.self, scope, on: db).filter(\.$id ~~ hires.map(\.userID))
            .filter(\.$disabled == false).count()
    }
}

/// A candidate proposed for a person, with how well they fit.
struct Proposal: Sendable {
    var candidate: OpenCandidate
    var fit: CandidateFit<UUID>
}

/// Proposals of assistants for people whose plan names none (DOMAIN §2.1 item 4).
enum Proposals {
    /// The centre's cases in force whose plan names no assistant for some assistant work, with
    /// what that work needs; paused cases are left out, since they ask for no visits.
    static func open(
        provider: UUID,
        _ scope: AccessScope,
        key: DataKey,
        on db: any Database
    ) async throws -> [(
        plan: PlanInForce, need: AssistantNeed
    )] {
        try await PlansInForce.at(provider: provider, scope, key: key, on: db).filter { !$0.suspended }
            .compactMap { plan in AssistantNeed.of(plan.plan).map { (plan, $0) } }
            .sorted { BulgarianCollation.sortKey($0.plan.personName) < BulgarianCollation.sortKey($1.plan.personName) }
    }

    /// The available candidates of the case's provider ranked for the need (`CandidateRanking`).
    static func rank(
        _ need: AssistantNeed,
        for plan: PlanInForce,
        _ scope: AccessScope,
        key: DataKey,
        on db: any Database
    ) async throws -> [Proposal] {
        let candidates = try await PoolStore.list(provider: plan.providerID, scope, key: key, on: db)
            .filter { $0.record.candidateStatus == .available }
        let places = try await TerritoryQueries.settlements(
            codes: Array(Set(candidates.map(\.record.settlementEkatte) + [plan.settlementEkatte])),
            on: db
        )
        let coordinates = Dictionary(
            places.map { ($0.id!, (latitude: $0.latitude, longitude: $0.longitude)) },
            uniquingKeysWith: { a, _ in a }
        )
        let profiles = candidates.map { candidate in
            CandidateProfile(
                id: candidate.record.id!,
                latitude: coordinates[candidate.record.settlementEkatte]?.latitude,
                longitude: coordinates[candidate.record.settlementEkatte]?.longitude,
                availability: WeeklyTimes(shifts: candidate.record.shiftList),
                skills: candidate.record.skillSet,
                tieBreak: BulgarianCollation.sortKey(candidate.name) + candidate.record.id!.uuidString
            )
        }
        let home = coordinates[plan.settlementEkatte]
        let byID = Dictionary(candidates.map { ($0.record.id!, $0) }, uniquingKeysWith: { a, _ in a })
        return CandidateRanking.rank(
            profiles,
            for: need,
            latitude: home?.latitude ?? nil,
            longitude: home?.longitude ?? nil
        )
        .map { Proposal(candidate: byID[$0.id]!, fit: $0) }
    }
}
