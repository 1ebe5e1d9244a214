import Fluent
import Foundation
import OporaCore
import SQLKit

/// One training, psychological support session, consultation or supervision of a worker of a
/// home-care centre (seed 004's activity 6): the day, how long, the topic and who led it.
///
/// The topic is sealed: a worker's psychological support or supervision can name what weighed on
/// them, and that is the worker's own business beyond the centre's manager.
final class DevelopmentRecord: Model, Versioned, @unchecked Sendable {
    static let schema = "home_care_development"

    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    /// The worker's account, as the staff pages name workers.
    @Field(key: "user_id") var userID: UUID
    /// `DevelopmentKind` raw value.
    @Field(key: "kind") var kind: String
    /// The calendar day, ISO.
    @Field(key: "day") var day: String
    /// Hundredths of an hour (`DevelopmentHours`).
    @Field(key: "hundredths") var hundredths: Int
    @Field(key: "topic_sealed") var topicSealed: String
    @Field(key: "led_by") var ledBy: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var developmentKind: DevelopmentKind? { DevelopmentKind(rawValue: kind) }
    var calendarDay: CalendarDay? { CalendarDay(iso: day) }

    var activity: DevelopmentActivity<UUID>? {
        guard let kind = developmentKind, let day = calendarDay else { return nil }
        return DevelopmentActivity(worker: userID, kind: kind, day: day, hundredths: hundredths)
    }
}

extension DevelopmentRecord: ScopedModel {
    static func restrict(
        _ query: QueryBuilder<DevelopmentRecord>,
        to scope: AccessScope
    ) -> QueryBuilder<
        DevelopmentRecord
    > {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}

/// The staff development table, found by centre and day (a year's page) and by worker.
struct CreateStaffDevelopment: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DevelopmentRecord.schema)
            .id()
            .field("version", .int, .required)
            .field("provider_id", .uuid, .required, .references(Provider.schema, "id"))
            .field("municipality_code", .string, .required)
            .field("oblast_code", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("day", .string, .required)
            .field("hundredths", .int, .required)
            .field("topic_sealed", .string, .required)
            .field("led_by", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = try database.sql()
        try await sql.raw("CREATE INDEX home_care_development_day ON home_care_development (provider_id, day)").run()
        try await sql.raw("CREATE INDEX home_care_development_user ON home_care_development (user_id, day)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DevelopmentRecord.schema).delete()
    }
}
