import Fluent
import Foundation
import OporaCore
import SQLKit

/// One visit of a published week as the worker makes it: who goes, when, to whom, and what they
/// recorded there. Publishing a version writes the week's visits here, so a worker's day, the
/// hours against plans and the timesheets read rows instead of opening every sealed plan.
final class CareVisit: Model, Versioned, @unchecked Sendable {
    static let schema = "home_care_visits"

    enum State: String, Codable, Sendable {
        /// In the version in force.
        case planned
        /// Left out of a later version (cancelled or not planned); kept, since a worker may
        /// have recorded it already.
        case withdrawn
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    /// The Monday of the week, ISO, and the visit's id in the week's problem.
    @Field(key: "week") var week: String
    @Field(key: "visit_key") var visitKey: String
    /// The published version that last placed it.
    @Field(key: "plan_number") var planNumber: Int
    @Field(key: "state") var state: String
    @Field(key: "worker_id") var workerID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "day") var day: String
    @Field(key: "start_minute") var startMinute: Int
    @Field(key: "end_minute") var endMinute: Int
    @Field(key: "skill") var skill: String
    @Field(key: "settlement") var settlement: String
    @OptionalField(key: "check_in_at") var checkInAt: Date?
    @OptionalField(key: "check_out_at") var checkOutAt: Date?
    /// Metres from the address at check-in, when the worker let the phone tell; never coordinates.
    @OptionalField(key: "check_in_metres") var checkInMetres: Int?
    @OptionalField(key: "missed_reason") var missedReason: String?
    /// `VisitTask` codes, comma-separated.
    @Field(key: "tasks_done") var tasksDone: String
    @OptionalField(key: "note_sealed") var noteSealed: String?
    @OptionalField(key: "recorded_by") var recordedBy: UUID?

    init() {}

    var visitState: State { State(rawValue: state) ?? .withdrawn }
    var calendarDay: CalendarDay? { CalendarDay(iso: day) }
    var careSkill: CareSkill { CareSkill(rawValue: skill) ?? .personalCare }
    var plannedMinutes: Int { max(0, endMinute - startMinute) }

    var record: VisitRecord {
        VisitRecord(checkIn: checkInAt, checkOut: checkOutAt, missed: missedReason.flatMap(MissedReason.init))
    }

    var tasks: Set<VisitTask> { Set(tasksDone.split(separator: ",").compactMap { VisitTask(rawValue: String($0)) }) }

    /// The planned start as an instant, in Sofia's time on the visit's day.
    var plannedStart: Date? { calendarDay.map { SofiaTime.instant(on: $0, minute: startMinute) } }
}

extension CareVisit: ScopedModel {
    static func restrict(_ query: QueryBuilder<CareVisit>, to scope: AccessScope) -> QueryBuilder<CareVisit> {
        scope.restrict(
            query,
            oblast: \.$oblastCode,
            municipality: \.$municipalityCode,
            provider: \.$providerID,
            person: \.$personID
        )
    }
}

/// One thing a worker's phone sent about a visit, under the id the phone gave it: a replay of
/// the same id answers with what happened the first time and records nothing again.
final class VisitEvent: Model, @unchecked Sendable {
    static let schema = "home_care_visit_events"

    enum Outcome: String, Codable, Sendable {
        case recorded, refused
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "client_id") var clientID: String
    @Field(key: "visit_id") var visitID: UUID
    @Field(key: "worker_id") var workerID: UUID
    @Field(key: "kind") var kind: String
    /// When the worker did it, by the phone's clock; when the server heard of it.
    @Field(key: "at") var at: Date
    @Field(key: "received_at") var receivedAt: Date
    @Field(key: "outcome") var outcome: String
    /// The problem's code and the answer in both languages, for a refused one.
    @OptionalField(key: "problem_code") var problemCode: String?
    @OptionalField(key: "message_bg") var messageBG: String?
    @OptionalField(key: "message_en") var messageEN: String?

    init() {}
}

/// The visits' tables; the unique keys make a published visit one row and a phone's event once.
struct CreateVisits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CareVisit.schema)
            .id()
            .field("version", .int, .required)
            .field("provider_id", .uuid, .required, .references(Provider.schema, "id"))
            .field("municipality_code", .string, .required)
            .field("oblast_code", .string, .required)
            .field("week", .string, .required)
            .field("visit_key", .string, .required)
            .field("plan_number", .int, .required)
            .field("state", .string, .required)
            .field("worker_id", .uuid, .required, .references(User.schema, "id"))
            .field("person_id", .uuid, .required)
            .field("day", .string, .required)
            .field("start_minute", .int, .required)
            .field("end_minute", .int, .required)
            .field("skill", .string, .required)
            .field("settlement", .string, .required)
            .field("check_in_at", .datetime)
            .field("check_out_at", .datetime)
            .field("check_in_metres", .int)
            .field("missed_reason", .string)
            .field("tasks_done", .string, .required)
            .field("note_sealed", .string)
            .field("recorded_by", .uuid)
            .unique(on: "provider_id", "week", "visit_key")
            .create()
        try await database.schema(VisitEvent.schema)
            .id()
            .field("client_id", .string, .required)
            .field("visit_id", .uuid, .required, .references(CareVisit.schema, "id"))
            .field("worker_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("at", .datetime, .required)
            .field("received_at", .datetime, .required)
            .field("outcome", .string, .required)
            .field("problem_code", .string)
            .field("message_bg", .string)
            .field("message_en", .string)
            .unique(on: "client_id")
            .create()
        let sql = try database.sql()
        try await sql.raw("CREATE INDEX home_care_visits_worker_day ON home_care_visits (worker_id, day)").run()
        try await sql.raw("CREATE INDEX home_care_visits_provider_day ON home_care_visits (provider_id, day)").run()
        try await sql.raw("CREATE INDEX home_care_visit_events_visit ON home_care_visit_events (visit_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(VisitEvent.schema).delete()
        try await database.schema(CareVisit.schema).delete()
    }
}
