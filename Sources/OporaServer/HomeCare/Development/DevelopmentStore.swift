import Fluent
import OporaCore
import Vapor

/// One worker's development in a year, with their supervision.
struct DevelopmentSummary: Sendable {
    var entry: StaffListEntry
    var year: DevelopmentYear
    /// Whether the supervision rule applies (`DevelopmentStore.needsSupervision`).
    var supervised: Bool
    var lastSupervision: CalendarDay?
    var due: CalendarDay?
    var overdue: Bool
}

/// Staff development records of a centre, always within the caller's scope.
enum DevelopmentStore {
    /// Supervision is for those who work with the people served; drivers carry them but do no
    /// care or support work, so the rule leaves them out.
    static func needsSupervision(_ job: JobTitle?) -> Bool {
        guard let job else { return false }
        return !CareSkill.defaults(for: job).isEmpty && job != .driver
    }

    /// The centre's records, newest first; of one worker when `worker` is given, of one year when
    /// `year` is.
    static func records(
        provider: UUID,
        year: Int? = nil,
        worker: UUID? = nil,
        _ scope: AccessScope,
        on db: any Database
    ) async throws -> [DevelopmentRecord] {
        var query = Scoped.query(DevelopmentRecord.self, scope, on: db).filter(\.$providerID == provider)
        if let year {
            query = query.filter(\.$day >= "\(year)-01-01").filter(\.$day <= "\(year)-12-31")
        }
        if let worker { query = query.filter(\.$userID == worker) }
        return try await query.sort(\DevelopmentRecord.$day, .descending).sort(
            \DevelopmentRecord.$createdAt,
            .descending
        ).all()
    }

    /// Every worker of the centre in Bulgarian order, with the year's hours and their supervision
    /// as of `today`.
    static func summary(
        provider: UUID,
        year: Int,
        today: CalendarDay,
        _ scope: AccessScope,
        on db: any Database
    ) async throws -> [DevelopmentSummary] {
        let staff = try await StaffStore.list(provider: provider, scope, on: db)
        // Every record of the centre: the last supervision may lie before the year asked for.
        let activities = try await records(provider: provider, scope, on: db).compactMap(\.activity)
        let totals = DevelopmentYear.totals(activities, year: year)
        let last = SupervisionRule.lastSupervision(activities, today: today)
        return staff.map { entry in
            let id = entry.user.id!
            let supervised = needsSupervision(entry.user.jobTitle)
            return DevelopmentSummary(
                entry: entry,
                year: totals[id] ?? DevelopmentYear(),
                supervised: supervised,
                lastSupervision: last[id],
                due: last[id].map(SupervisionRule.due(after:)),
                overdue: supervised && SupervisionRule.isOverdue(last: last[id], today: today)
            )
        }
    }

    /// The record if it lies in the scope; 404 otherwise.
    static func find(_ id: UUID, _ scope: AccessScope, on db: any Database) async throws -> DevelopmentRecord {
        try await Scoped.find(DevelopmentRecord.self, id, scope, on: db)
    }

    static func create(
        _ draft: DevelopmentDraft,
        for entry: StaffListEntry,
        request req: Request
    ) async throws
        -> DevelopmentRecord
    {
        let actor = req.auditActor
        let now = req.application.clock.now()
        let topic = try req.application.dataKey.seal(draft.topic)
        let user = entry.user
        return try await req.write { db in
            let record = DevelopmentRecord()
            record.version = 1
            record.providerID = user.providerID!
            record.municipalityCode = user.municipalityCode ?? ""
            record.oblastCode = user.oblastCode ?? ""
            record.userID = user.id!
            record.kind = draft.kind.rawValue
            record.day = draft.day.iso
            record.hundredths = draft.hundredths
            record.topicSealed = topic
            record.ledBy = draft.ledBy
            record.createdBy = actor.name
            record.createdAt = now
            try await record.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "development.recorded",
                recordType: "development",
                recordID: record.id!.uuidString,
                changes: changes(nil, draft),
                at: now
            )
            return record
        }
    }

    /// Saves the edit if `version` is still the stored one (409 otherwise).
    static func update(
        _ record: DevelopmentRecord,
        _ draft: DevelopmentDraft,
        version: Int?,
        request req: Request
    )
        async throws
    {
        let key = req.application.dataKey
        let topic = try key.seal(draft.topic)
        _ = try await req.updateVersioned(
            DevelopmentRecord.self,
            id: record.id!,
            expected: version,
            recordType: "development"
        ) { stored, _ in
            let oldTopic = try key.open(stored.topicSealed)
            let changed = changes(stored, draft, oldTopic: oldTopic)
            guard !changed.isEmpty else { return nil }
            stored.kind = draft.kind.rawValue
            stored.day = draft.day.iso
            stored.hundredths = draft.hundredths
            if oldTopic != draft.topic { stored.topicSealed = topic }
            stored.ledBy = draft.ledBy
            return AuditedChange(action: "development.updated", changes: changed)
        }
    }

    /// What changed, for the audit trail: the kind, day and hours as values; the topic and the name
    /// of who led it only as changed, since the trail is not the place for either.
    private static func changes(
        _ old: DevelopmentRecord?,
        _ draft: DevelopmentDraft,
        oldTopic: String? = nil
    )
        -> [FieldChange]
    {
        var out = [
            FieldChange(field: "kind", old: old?.kind, new: draft.kind.rawValue),
            FieldChange(field: "day", old: old?.day, new: draft.day.iso),
            FieldChange(field: "hundredths", old: old.map { String($0.hundredths) }, new: String(draft.hundredths)),
        ].filter { $0.old != $0.new }
        if old == nil || oldTopic != draft.topic { out.append(FieldChange(field: "topic", old: nil, new: nil)) }
        if old == nil || old?.ledBy != draft.ledBy { out.append(FieldChange(field: "ledBy", old: nil, new: nil)) }
        return out
    }
}
