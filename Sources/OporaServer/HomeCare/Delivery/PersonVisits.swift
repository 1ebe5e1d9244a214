import Fluent
import Foundation
import OporaCore

/// A published visit as the person it is for sees it: when, who comes and for what, and whether it
/// still stands. Read by the person's own page, which reads no home-care table itself.
struct PersonVisit: Sendable {
    var id: UUID
    var providerID: UUID
    var municipalityCode: String
    var oblastCode: String
    var day: CalendarDay
    var startMinute: Int
    var endMinute: Int
    var workerID: UUID
    var workerName: String
    var skill: CareSkill
    /// Left out of the version in force: cancelled or moved out of the week.
    var withdrawn: Bool
    var checkedOutAt: Date?
    var missed: Bool
    /// The version of the week's plan that last placed it; above 1, the coordinator changed the week.
    var planNumber: Int

    var plannedStart: Date { SofiaTime.instant(on: day, minute: startMinute) }
}

/// A change to the person's visits they were told of when a new version of the week was published.
struct PersonNotice: Sendable {
    var at: Date
    /// One line per moved visit: the day, the time and worker before, and after.
    var lines: [String]
}

enum PersonVisits {
    /// The notices of changes sent to the person since `since`, newest first. The person was
    /// found in the caller's scope; the notices are reached through them.
    static func notices(person: UUID, since: Date, key: DataKey, on db: any Database) async throws -> [PersonNotice] {
        try await CareNotice.query(on: db).filter(\.$recipientKind == "person").filter(\.$recipientID == person)
            .filter(\.$createdAt >= since).sort(\.$createdAt, .descending).limit(20).all()
            .map { notice in
                // The first line is the heading every notice starts with.
                let lines = try key.open(notice.textSealed).split(separator: "\n").dropFirst().map(String.init)
                return PersonNotice(at: notice.createdAt, lines: lines)
            }
    }

    /// The person's visits from `from` to `to` (both included) in the scope, in time order.
    static func visits(
        person: UUID,
        from: CalendarDay,
        to: CalendarDay,
        _ scope: AccessScope,
        on db: any Database
    ) async throws -> [PersonVisit] {
        let rows = try await Scoped.query(CareVisit.self, scope, on: db).filter(\.$personID == person)
            .filter(\.$day >= from.iso).filter(\.$day <= to.iso).sort(\.$day).sort(\.$startMinute).all()
        return try await views(rows, on: db)
    }

    /// One of the person's visits, or `nil` when it is not theirs or lies outside the scope.
    static func visit(
        _ id: UUID,
        person: UUID,
        _ scope: AccessScope,
        on db: any Database
    ) async throws
        -> PersonVisit?
    {
        let rows = try await Scoped.query(CareVisit.self, scope, on: db).filter(\.$id == id)
            .filter(\.$personID == person).all()
        return try await views(rows, on: db).first
    }

    private static func views(_ rows: [CareVisit], on db: any Database) async throws -> [PersonVisit] {
        let workerIDs = Array(Set(rows.map(\.workerID)))
        // The workers are reached through visits found in the person's scope.
        let workers =
            workerIDs.isEmpty
            ? [] : try await Scoped.unscoped(User.self, on: db, .throughParent).filter(\.$id ~~ workerIDs).all()
        let names = Dictionary(workers.map { ($0.id!, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        return rows.compactMap { row in
            guard let day = row.calendarDay, let id = row.id else { return nil }
            return PersonVisit(
                id: id,
                providerID: row.providerID,
                municipalityCode: row.municipalityCode,
                oblastCode: row.oblastCode,
                day: day,
                startMinute: row.startMinute,
                endMinute: row.endMinute,
                workerID: row.workerID,
                workerName: names[row.workerID] ?? "",
                skill: row.careSkill,
                withdrawn: row.visitState == .withdrawn,
                checkedOutAt: row.checkOutAt,
                missed: row.missedReason != nil,
                planNumber: row.planNumber
            )
        }
    }
}
