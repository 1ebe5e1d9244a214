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

    /// Every path that saves a plan (the page and the API) comes here: the plan's own rules from
    /// `SupportPlan.problems`, then the ids it names. A service must be in the register of the
    /// case's municipality (the choice the page offers), and a chosen worker or substitute must be
    /// active staff of that service's provider; an id outside that is answered as unknown.
    static func save(
        caseID: UUID,
        input: Input,
        scope: AccessScope,
        request req: Request
    ) async throws -> SupportPlanVersion {
        let supportCase = try await CaseStore.find(caseID, scope, on: req.db)
        var checks = req.fieldChecks()
        if input.basedOn == nil { checks.add("basedOn", key: .errorRequired) }
        guard let plan = input.plan else {
            checks.add("plan", key: .errorRequired)
            try checks.finish()
            throw Abort(.badRequest)
        }
        for problem in plan.problems() { checks.add(field(of: problem), problem) }
        if plan.agreement == nil { checks.add("plan.agreement", key: .planAgreementRequired) }
        let register = try await ServiceStore.query(register(of: supportCase), on: req.db)
            .filter(\.$id ~~ Array(Set(plan.services.map(\.serviceID)))).all()
        let providers = Dictionary(register.map { ($0.id!, $0.$provider.id) }, uniquingKeysWith: { a, _ in a })
        let workerIDs = Set(
            plan.services.flatMap { [$0.chosenWorkerID, $0.substituteWorkerID] }.compactMap { $0 }
                + [plan.personalAssistance?.assistantID, plan.personalAssistance?.substituteAssistantID].compactMap {
                    $0
                }
        )
        let planProviders = Set(providers.values).union([supportCase.$provider.id])
        let staff = try await Scoped.query(User.self, AccessScope(providers: planProviders), on: req.db)
            .filter(\.$id ~~ Array(workerIDs)).filter(\.$disabled == false).all()
        let employer = Dictionary(
            staff.compactMap { user in user.providerID.map { (user.id!, $0) } },
            uniquingKeysWith: { a, _ in a }
        )
        for (index, service) in plan.services.enumerated() {
            guard let provider = providers[service.serviceID] else {
                checks.add("services.\(index).service", key: .serviceUnknown)
                continue
            }
            for (name, worker) in [("worker", service.chosenWorkerID), ("substitute", service.substituteWorkerID)] {
                if let worker, employer[worker] != provider {
                    checks.add("services.\(index).\(name)", key: .workerUnknown)
                }
            }
        }
        for (name, worker) in [
            ("monthlyHours", plan.personalAssistance?.assistantID),
            ("monthlyHours", plan.personalAssistance?.substituteAssistantID),
        ] {
            if let worker, !planProviders.contains(employer[worker] ?? UUID()) {
                checks.add(name, key: .workerUnknown)
            }
        }
        try checks.finish()
        let key = req.application.dataKey
        let actor = req.auditActor
        let now = req.application.clock.now()
        let sealed = try key.sealJSON(plan)
        let basedOn = input.basedOn!
        return try await req.write { db in
            try await db.lockRow(table: SupportCase.schema, id: caseID)
            guard let current = try await Scoped.unscopedFind(SupportCase.self, caseID, on: db, .reread) else {
                throw Abort(.notFound)
            }
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
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "plan.saved",
                recordType: "case",
                recordID: caseID.uuidString,
                changes: [FieldChange(field: "planNumber", old: String(basedOn), new: String(version.number))],
                at: now
            )
            return version
        }
    }

    /// The services a plan may name: the register of the case's municipality.
    static func register(of supportCase: SupportCase) -> AccessScope {
        AccessScope(municipalities: [supportCase.municipalityCode])
    }

    /// The form field a problem of the plan belongs beside.
    static func field(of problem: SupportPlanProblem) -> String {
        switch problem {
        case .noGoal, .goalTooLong: "goals"
        case .reviewNotAfterStart: "review"
        case .noService: "services.0.service"
        case .duplicateService: "services"
        case .substituteIsChosenWorker(let index?): "services.\(index).substitute"
        case .substituteIsChosenWorker(nil), .personalAssistance, .assistanceAboveEntitlement: "monthlyHours"
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
        return PlanDTO(
            caseId: $supportCase.id,
            number: number,
            plan: plan,
            weeklyMinutes: plan.totalWeeklyMinutes,
            createdBy: createdBy,
            createdAt: createdAt
        )
    }
}
