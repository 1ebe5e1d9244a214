import Fluent
import Foundation
import OporaCore

/// A member of a home-care centre's staff: the account they sign in with, their skills, contract
/// hours, home settlement (where their day starts and ends) and weekly working pattern.
final class StaffMember: Model, Versioned, @unchecked Sendable {
    static let schema = "home_care_staff"

    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "user_id") var userID: UUID
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    /// `CareSkill` raw values, comma-separated.
    @Field(key: "skills") var skills: String
    @Field(key: "contract_hours") var contractHours: Int
    @Field(key: "home_settlement") var homeSettlement: String
    /// `[Shift]` as JSON.
    @Field(key: "shifts") var shifts: String

    init() {}

    var skillSet: Set<CareSkill> { Set(skills.split(separator: ",").compactMap { CareSkill(rawValue: String($0)) }) }

    var shiftList: [Shift] {
        (try? JSONDecoder().decode([Shift].self, from: Data(shifts.utf8))) ?? []
    }
}

extension StaffMember: ScopedModel {
    static func restrict(_ query: QueryBuilder<StaffMember>, to scope: AccessScope) -> QueryBuilder<StaffMember> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}

/// Leave, sickness or training of a member of staff, both days included.
final class StaffAbsence: Model, @unchecked Sendable {
    static let schema = "home_care_absences"

    @ID(key: .id) var id: UUID?
    @Parent(key: "staff_id") var staff: StaffMember
    @Field(key: "kind") var kind: String
    @Field(key: "from_day") var fromDay: String
    @Field(key: "until_day") var untilDay: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var absence: Absence? {
        guard let kind = Absence.Kind(rawValue: kind), let from = CalendarDay(iso: fromDay),
            let until = CalendarDay(iso: untilDay)
        else { return nil }
        return Absence(kind: kind, from: from, until: until)
    }
}

/// One planning of a week: asked for by a coordinator, claimed by a worker process, and
/// finished with a plan, failed with a reason, or cancelled.
final class PlanningRun: Model, @unchecked Sendable {
    static let schema = "home_care_runs"

    enum State: String, Codable, Sendable {
        case queued, running, finished, failed, cancelled

        var textKey: CatalogueKey {
            switch self {
            case .queued: .planningStateQueued
            case .running: .planningStateRunning
            case .finished: .planningStateFinished
            case .failed: .planningStateFailed
            case .cancelled: .planningStateCancelled
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    /// The Monday of the week, ISO.
    @Field(key: "week") var week: String
    @Field(key: "state") var state: String
    @Field(key: "attempts") var attempts: Int
    /// The published version this run re-plans, if any.
    @OptionalField(key: "base_version") var baseVersion: Int?
    @Field(key: "requested_by") var requestedBy: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "started_at") var startedAt: Date?
    @OptionalField(key: "heartbeat_at") var heartbeatAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?
    @Field(key: "seconds") var seconds: Int
    /// `PlanFigures` of the best plan so far, as JSON.
    @OptionalField(key: "progress") var progress: String?
    /// `PlanFigures` of the by-hand plan of the same demand, as JSON.
    @OptionalField(key: "baseline") var baseline: String?
    @OptionalField(key: "error") var error: String?
    /// The `CareProblem` as it stood when the run was asked for, sealed.
    @Field(key: "problem_sealed") var problemSealed: String
    /// The best `CarePlan`, sealed.
    @OptionalField(key: "plan_sealed") var planSealed: String?

    init() {}

    var runState: State { State(rawValue: state) ?? .failed }
}

extension PlanningRun: ScopedModel {
    static func restrict(_ query: QueryBuilder<PlanningRun>, to scope: AccessScope) -> QueryBuilder<PlanningRun> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}

/// A published plan of a week: numbered per provider and week, never edited in place.
final class WeekPlanVersion: Model, @unchecked Sendable {
    static let schema = "home_care_plans"

    @ID(key: .id) var id: UUID?
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "week") var week: String
    @Field(key: "number") var number: Int
    @Field(key: "run_id") var runID: UUID
    @Field(key: "published_by") var publishedBy: String
    @Field(key: "published_at") var publishedAt: Date

    init() {}
}

extension WeekPlanVersion: ScopedModel {
    static func restrict(
        _ query: QueryBuilder<WeekPlanVersion>,
        to scope: AccessScope
    ) -> QueryBuilder<
        WeekPlanVersion
    > {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}

/// A coordinator's change to one week's demand: a one-off visit added for a person whose plan
/// is in force, or a generated visit cancelled.
final class DemandChange: Model, @unchecked Sendable {
    static let schema = "home_care_demand_changes"

    enum Kind: String, Codable, Sendable {
        case extra, cancel
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "municipality_code") var municipalityCode: String
    @Field(key: "oblast_code") var oblastCode: String
    @Field(key: "week") var week: String
    @Field(key: "kind") var kind: String
    /// The visit cancelled.
    @OptionalField(key: "visit_id") var visitID: String?
    /// The one-off visit: whose case, which day, when and how long, with what skill.
    @OptionalField(key: "case_id") var caseID: UUID?
    @OptionalField(key: "day") var day: String?
    @OptionalField(key: "start_minute") var startMinute: Int?
    @OptionalField(key: "end_minute") var endMinute: Int?
    @OptionalField(key: "minutes") var minutes: Int?
    @OptionalField(key: "skill") var skill: String?
    @Field(key: "reason_sealed") var reasonSealed: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension DemandChange: ScopedModel {
    static func restrict(_ query: QueryBuilder<DemandChange>, to scope: AccessScope) -> QueryBuilder<DemandChange> {
        scope.restrict(query, oblast: \.$oblastCode, municipality: \.$municipalityCode, provider: \.$providerID)
    }
}

/// A notice of a published change: to a worker whose visits changed (shown in their list) or a
/// person whose visit moved (handed to the notice sender). The text is sealed.
final class CareNotice: Model, @unchecked Sendable {
    static let schema = "home_care_notices"

    @ID(key: .id) var id: UUID?
    @Field(key: "version_id") var versionID: UUID
    @Field(key: "provider_id") var providerID: UUID
    /// "worker" or "person".
    @Field(key: "recipient_kind") var recipientKind: String
    @Field(key: "recipient_id") var recipientID: UUID
    /// The person served whose visits the notice names; erasing their data removes it.
    @OptionalField(key: "about_person_id") var aboutPersonID: UUID?
    @Field(key: "text_sealed") var textSealed: String
    @Field(key: "channel") var channel: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}
}
