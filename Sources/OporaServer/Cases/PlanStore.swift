import Fluent
import OporaCore
import Vapor

/// Individual support plans: each change is a new numbered version; an editor who started from an
/// older version than the latest gets a conflict.
enum PlanStore {
    struct Input: Content, Sendable {
        var basedOn: Int?
        var plan: SupportPlan?
    }

    static func save(caseID: UUID, input: Input, scope: AccessScope, request req: Request) async throws -> SupportPlanVersion {
        _ = try await CaseStore.find(caseID, scope, on: req.db)
        var checks = req.fieldChecks()
        if input.basedOn == nil { checks.add("basedOn", key: "error_required") }
        guard let plan = input.plan else {
            checks.add("plan", key: "error_required")
            try checks.finish()
            throw Abort(.badRequest)
        }
        for problem in plan.problems() { checks.add("plan", problem) }
        if plan.agreement == nil { checks.add("plan.agreement", key: "plan_agreement_required") }
        let serviceIDs = Set(plan.services.map(\.serviceID))
        if !serviceIDs.isEmpty {
            // Services are chosen from the register; a plan may name any provider's service in the territory.
            let known = try await ProvidedService.query(on: req.db).filter(\.$id ~~ Array(serviceIDs)).all()
            if known.count != serviceIDs.count { checks.add("plan.services", key: "service_unknown") }
        }
        try checks.finish()
        let key = req.application.dataKey
        let actor = req.auditActor
        let now = req.application.clock.now()
        let sealed = try key.sealJSON(plan)
        let basedOn = input.basedOn!
        return try await req.write { db in
            try await db.lockRow(table: SupportCase.schema, id: caseID)
            guard let current = try await SupportCase.find(caseID, on: db) else { throw Abort(.notFound) }
            guard current.planNumber == basedOn else { throw EditConflict(recordType: "support plan") }
            let version = SupportPlanVersion()
            version.$supportCase.id = caseID
            version.number = basedOn + 1
            version.planSealed = sealed
            version.reviewDate = plan.reviewDate.iso
            version.createdBy = actor.name
            version.createdAt = now
            try await version.create(on: db)
            current.planNumber = version.number
            current.version += 1
            try await current.update(on: db)
            try await AuditTrail.append(on: db, actor: actor, action: "plan.saved", recordType: "case", recordID: caseID.uuidString,
                                        changes: [FieldChange(field: "planNumber", old: String(basedOn), new: String(version.number))], at: now)
            return version
        }
    }

    static func versions(caseID: UUID, scope: AccessScope, on db: any Database) async throws -> [SupportPlanVersion] {
        _ = try await CaseStore.find(caseID, scope, on: db)
        return try await SupportPlanVersion.query(on: db).filter(\.$supportCase.$id == caseID).sort(\.$number).all()
    }
}

extension SupportPlanVersion {
    func plan(key: DataKey) throws -> SupportPlan { try key.openJSON(SupportPlan.self, planSealed) }

    func dto(key: DataKey) throws -> PlanDTO {
        let plan = try plan(key: key)
        return PlanDTO(caseId: $supportCase.id, number: number, plan: plan, weeklyMinutes: plan.totalWeeklyMinutes,
                       createdBy: createdBy, createdAt: createdAt)
    }
}
