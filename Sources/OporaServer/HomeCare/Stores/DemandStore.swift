import Fluent
import OporaCore
import Vapor

/// Records a coordinator's changes to a week's demand, audited; the reasons are sealed.
enum DemandStore {
    static func addExtra(_ visit: ExtraVisit, provider: UUID, week: CalendarDay, request req: Request) async throws {
        try await record(provider: provider, week: week, request: req, action: "demand.visit_added") { change in
            change.kind = DemandChange.Kind.extra.rawValue
            change.caseID = visit.caseID
            change.day = visit.day.iso
            change.startMinute = visit.window.startMinute
            change.endMinute = visit.window.endMinute
            change.minutes = visit.minutes
            change.skill = visit.skill.rawValue
            return visit.reason
        }
    }

    static func cancel(
        _ visitID: String,
        reason: String,
        provider: UUID,
        week: CalendarDay,
        request req: Request
    )
        async throws
    {
        try await record(provider: provider, week: week, request: req, action: "demand.visit_cancelled") { change in
            change.kind = DemandChange.Kind.cancel.rawValue
            change.visitID = visitID
            return reason
        }
    }

    private static func record(
        provider: UUID,
        week: CalendarDay,
        request req: Request,
        action: String,
        _ fill: @escaping @Sendable (DemandChange) -> String
    ) async throws {
        let actor = req.auditActor
        let now = req.application.clock.now()
        let key = req.application.dataKey
        let place = try await req.application.scopeDirectory.place(of: .provider, provider.uuidString, on: req.db)
        try await req.write { db in
            let change = DemandChange()
            change.providerID = provider
            change.municipalityCode = place?.municipality ?? ""
            change.oblastCode = place?.oblast ?? ""
            change.week = week.iso
            change.reasonSealed = try key.seal(fill(change))
            change.createdBy = actor.name
            change.createdAt = now
            try await change.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: action,
                recordType: "demand_change",
                recordID: change.id!.uuidString,
                changes: [
                    FieldChange(field: "week", old: nil, new: week.iso),
                    FieldChange(field: "visit", old: nil, new: change.visitID ?? change.caseID?.uuidString),
                ],
                at: now
            )
        }
    }
}
