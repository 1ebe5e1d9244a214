import Fluent
import Foundation
import OporaCore

/// One row of the visit ledger as the hours reports read it: only the columns they count with.
struct LedgerVisit: Sendable {
    var workerID: UUID
    var personID: UUID
    var day: CalendarDay
    var startMinute: Int
    var endMinute: Int
    var skill: CareSkill
    var source: VisitSource
    var inForce: Bool
    var record: VisitRecord

    /// How the visit counts, reckoned once when read.
    var reckoning: VisitReckoning
    /// Its planned end has passed: nothing recorded by now is a gap, not a visit still to come.
    var due: Bool

    var plannedMinutes: Int { max(0, endMinute - startMinute) }
}

/// Reads of the visit ledger and the planned worker days, bounded by provider and days, always
/// within the user's scope: a month is a few thousand rows even for a large centre.
enum HoursStore {
    static func visits(
        provider: UUID,
        from: CalendarDay,
        through: CalendarDay,
        now: Date,
        _ scope: AccessScope,
        on db: any Database
    ) async throws -> [LedgerVisit] {
        let rows = try await Scoped.query(CareVisit.self, scope, on: db).filter(\.$providerID == provider)
            .filter(\.$day >= from.iso).filter(\.$day <= through.iso)
            .field(\.$workerID).field(\.$personID).field(\.$day).field(\.$startMinute).field(\.$endMinute)
            .field(\.$skill).field(\.$visitKey).field(\.$state).field(\.$checkInAt).field(\.$checkOutAt)
            .field(\.$missedReason)
            .rows { output -> LedgerRow in
                let row = output.schema(CareVisit.schema)
                let missed = try row.decode("missed_reason", as: String?.self)
                return LedgerRow(
                    workerID: try row.decode("worker_id", as: UUID.self),
                    personID: try row.decode("person_id", as: UUID.self),
                    day: try row.decode("day", as: String.self),
                    startMinute: try row.decode("start_minute", as: Int.self),
                    endMinute: try row.decode("end_minute", as: Int.self),
                    skill: CareSkill(rawValue: try row.decode("skill", as: String.self)) ?? .personalCare,
                    visitKey: try row.decode("visit_key", as: String.self),
                    inForce: try row.decode("state", as: String.self) == CareVisit.State.planned.rawValue,
                    record: VisitRecord(
                        checkIn: try row.decode("check_in_at", as: Date?.self),
                        checkOut: try row.decode("check_out_at", as: Date?.self),
                        missed: missed.flatMap(MissedReason.init(rawValue:))
                    )
                )
            }
        // A month has a few dozen days, sources and planned starts: each is parsed or converted
        // from Sofia's wall clock once, not once per visit.
        var days: [String: CalendarDay] = [:]
        var sources: [Substring: VisitSource] = [:]
        var starts: [Int: Date] = [:]
        return rows.compactMap { row -> LedgerVisit? in
            guard let day = days[row.day] ?? CalendarDay(iso: row.day) else { return nil }
            days[row.day] = day
            let component = VisitSource.component(of: row.visitKey)
            let source = sources[component] ?? VisitSource(visitKey: row.visitKey)
            sources[component] = source
            let key = day.daysSinceEpoch * 1440 + row.startMinute
            let start = starts[key] ?? SofiaTime.instant(on: day, minute: row.startMinute)
            starts[key] = start
            return LedgerVisit(
                workerID: row.workerID,
                personID: row.personID,
                day: day,
                startMinute: row.startMinute,
                endMinute: row.endMinute,
                skill: row.skill,
                source: source,
                inForce: row.inForce,
                record: row.record,
                reckoning: VisitReckoning(
                    plannedMinutes: max(0, row.endMinute - row.startMinute),
                    plannedStart: start,
                    record: row.record
                ),
                due: start.addingTimeInterval(Double(max(0, row.endMinute - row.startMinute)) * 60) <= now
            )
        }
    }

    /// A ledger row as read, before it is reckoned.
    struct LedgerRow: Sendable {
        var workerID: UUID
        var personID: UUID
        var day: String
        var startMinute: Int
        var endMinute: Int
        var skill: CareSkill
        var visitKey: String
        var inForce: Bool
        var record: VisitRecord
    }

    struct WorkerDayFigures: Sendable {
        var workerID: UUID
        var day: CalendarDay
        var travelMinutes: Int
        var waitingMinutes: Int
    }

    static func workerDays(
        provider: UUID,
        weeks: [CalendarDay],
        _ scope: AccessScope,
        on db: any Database
    ) async throws -> [WorkerDayFigures] {
        try await Scoped.query(PlannedWorkerDay.self, scope, on: db).filter(\.$providerID == provider)
            .filter(\.$week ~~ weeks.map(\.iso))
            .field(\.$workerID).field(\.$day).field(\.$travelMinutes).field(\.$waitingMinutes)
            .rows { output -> WorkerDayFigures? in
                let row = output.schema(PlannedWorkerDay.schema)
                guard let day = CalendarDay(iso: try row.decode("day", as: String.self)) else { return nil }
                return WorkerDayFigures(
                    workerID: try row.decode("worker_id", as: UUID.self),
                    day: day,
                    travelMinutes: try row.decode("travel_minutes", as: Int.self),
                    waitingMinutes: try row.decode("waiting_minutes", as: Int.self)
                )
            }.compactMap { $0 }
    }

    /// The weeks of `weeks` that have a published plan at the provider.
    static func publishedWeeks(
        provider: UUID,
        weeks: [CalendarDay],
        _ scope: AccessScope,
        on db: any Database
    ) async throws -> Set<String> {
        Set(
            try await Scoped.query(WeekPlanVersion.self, scope, on: db).filter(\.$providerID == provider)
                .filter(\.$week ~~ weeks.map(\.iso)).unique().all(\.$week)
        )
    }

    /// Absences of the provider's staff that touch the days, by the staff member's account.
    static func absences(
        provider: UUID,
        from: CalendarDay,
        through: CalendarDay,
        _ scope: AccessScope,
        on db: any Database
    ) async throws -> [UUID: [Absence]] {
        let staff = try await Scoped.query(StaffMember.self, scope, on: db).filter(\.$providerID == provider).all()
        guard !staff.isEmpty else { return [:] }
        let users = Dictionary(staff.map { ($0.id!, $0.userID) }, uniquingKeysWith: { a, _ in a })
        let rows = try await StaffAbsence.query(on: db).filter(\.$staff.$id ~~ Array(users.keys))
            .filter(\.$fromDay <= through.iso).filter(\.$untilDay >= from.iso).all()
        var result: [UUID: [Absence]] = [:]
        for row in rows {
            guard let user = users[row.$staff.id], let absence = row.absence else { continue }
            result[user, default: []].append(absence)
        }
        return result
    }

    /// Names of the register's services, for the "by service" list.
    static func serviceNames(_ ids: Set<UUID>, _ scope: AccessScope, on db: any Database) async throws -> [UUID: String]
    {
        guard !ids.isEmpty else { return [:] }
        let services = try await Scoped.query(ProvidedService.self, scope, on: db).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(services.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
    }
}
