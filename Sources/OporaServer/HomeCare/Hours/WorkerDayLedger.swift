import Fluent
import Foundation
import OporaCore
import OporaScheduling
import SQLKit

/// A worker's day as the published plan has it: when they leave and come back, and the travel
/// and waiting between visits. Written beside the visit ledger at publication, so a timesheet
/// reads rows instead of opening the sealed plans of every week of a month.
final class PlannedWorkerDay: Model, @unchecked Sendable {
    static let schema = "home_care_worker_days"

    @ID(key: .id) var id: UUID?
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    /// The Monday of the week, ISO, and the published version the figures come from.
    @Field(key: "week") var week: String
    @Field(key: "plan_number") var planNumber: Int
    @Field(key: "worker_id") var workerID: UUID
    @Field(key: "day") var day: String
    @Field(key: "leave_minute") var leaveMinute: Int
    @Field(key: "back_minute") var backMinute: Int
    @Field(key: "travel_minutes") var travelMinutes: Int
    @Field(key: "waiting_minutes") var waitingMinutes: Int

    init() {}
}

extension PlannedWorkerDay: ScopedModel {
    static func restrict(
        _ query: QueryBuilder<PlannedWorkerDay>,
        to scope: AccessScope
    ) -> QueryBuilder<PlannedWorkerDay> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}

enum WorkerDayLedger {
    /// Replaces the week's planned worker days with those of the version being published, in
    /// its transaction: the figures are those of the version in force.
    static func publish(
        plan: CarePlan,
        number: Int,
        provider: UUID,
        municipality: String,
        oblast: String,
        monday: CalendarDay,
        on db: any Database
    ) async throws {
        try await Scoped.unscoped(PlannedWorkerDay.self, on: db, .reread).filter(\.$providerID == provider)
            .filter(\.$week == monday.iso).delete()
        var days: [String: PlannedWorkerDay] = [:]
        for route in plan.routes where route.stops.contains(where: { $0.kind == .visit }) {
            guard let worker = UUID(uuidString: route.worker) else { continue }
            let day = monday.adding(days: route.day).iso
            let key = "\(worker)/\(day)"
            let row = days[key] ?? PlannedWorkerDay()
            if days[key] == nil {
                row.providerID = provider
                row.municipalityCode = municipality
                row.oblastCode = oblast
                row.week = monday.iso
                row.planNumber = number
                row.workerID = worker
                row.day = day
                row.leaveMinute = Int(route.leave.rounded())
                row.backMinute = Int(route.back.rounded())
                row.travelMinutes = 0
                row.waitingMinutes = 0
            }
            // A split shift is two routes on one day: their times add up.
            row.leaveMinute = min(row.leaveMinute, Int(route.leave.rounded()))
            row.backMinute = max(row.backMinute, Int(route.back.rounded()))
            row.travelMinutes += Int(route.travelMinutes.rounded())
            row.waitingMinutes += Int(route.waitingMinutes.rounded())
            days[key] = row
        }
        for row in days.values { try await row.create(on: db) }
    }
}

/// The planned worker days; a month's timesheets read them by provider and week.
struct CreateWorkerDays: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PlannedWorkerDay.schema)
            .id()
            .field("provider_id", .uuid, .required, .references(Provider.schema, "id"))
            .field("municipality_code", .string, .required)
            .field("oblast_code", .string, .required)
            .field("week", .string, .required)
            .field("plan_number", .int, .required)
            .field("worker_id", .uuid, .required, .references(User.schema, "id"))
            .field("day", .string, .required)
            .field("leave_minute", .int, .required)
            .field("back_minute", .int, .required)
            .field("travel_minutes", .int, .required)
            .field("waiting_minutes", .int, .required)
            .unique(on: "provider_id", "worker_id", "day")
            .create()
        let sql = try database.sql()
        try await sql.raw("CREATE INDEX home_care_worker_days_week ON home_care_worker_days (provider_id, week)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PlannedWorkerDay.schema).delete()
    }
}
