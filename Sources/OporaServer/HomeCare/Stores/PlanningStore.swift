import Fluent
import OporaCore
import OporaScheduling
import Vapor

/// Asks for plannings and publishes their plans, within the caller's scope.
enum PlanningStore {
    /// The week's runs, newest first.
    static func runs(
        provider: UUID,
        week: CalendarDay,
        _ scope: AccessScope,
        on db: any Database
    ) async throws
        -> [PlanningRun]
    {
        try await Scoped.query(PlanningRun.self, scope, on: db).filter(\.$providerID == provider)
            .filter(\.$week == week.iso).sort(\.$createdAt, .descending).all()
    }

    static func versions(
        provider: UUID,
        week: CalendarDay,
        _ scope: AccessScope,
        on db: any Database
    ) async throws
        -> [WeekPlanVersion]
    {
        try await Scoped.query(WeekPlanVersion.self, scope, on: db).filter(\.$providerID == provider)
            .filter(\.$week == week.iso).sort(\.$number, .descending).all()
    }

    /// Queues a planning of the week as it stands now, with the by-hand plan of the same demand as
    /// its baseline; a run already waiting or searching for the week is returned instead, so a
    /// second press does not start a second search. With `replanning`, the latest published
    /// version is the starting point: changes against it are charged, and visits that have
    /// already started are kept as they are.
    static func request(
        week: PlanningWeek,
        provider: UUID,
        replanning: WeekPlanVersion?,
        scope: AccessScope,
        request req: Request
    ) async throws -> PlanningRun {
        if let open = try await Scoped.query(PlanningRun.self, scope, on: req.db).filter(\.$providerID == provider)
            .filter(\.$week == week.monday.iso)
            .filter(\.$state ~~ [PlanningRun.State.queued.rawValue, PlanningRun.State.running.rawValue]).first()
        {
            return open
        }
        var checks = req.fieldChecks()
        if week.rows.isEmpty { checks.add("week", key: "planning_no_visits") }
        var problem = week.problem()
        if problem.workers.isEmpty { checks.add("week", key: "planning_no_staff") }
        if let replanning {
            let base = try await publishedPlan(replanning, on: req.db, key: req.application.dataKey)
            problem = Replanning.problem(
                problem,
                published: base,
                monday: week.monday,
                now: req.application.clock.now()
            )
        }
        try checks.finish()
        for error in problem.validate().prefix(20) {
            checks.add("week", message: error.message(req.language == .bg ? .bulgarian : .english))
        }
        try checks.finish()
        let hand = try CareSolver.handPlan(problem)
        let baseline = PlanFigures(plan: hand, problem: problem, seconds: 0)
        let key = req.application.dataKey
        let sealed = try key.sealJSON(problem)
        let baselineJSON = String(decoding: try JSONEncoder().encode(baseline), as: UTF8.self)
        let actor = req.auditActor
        let now = req.application.clock.now()
        let seconds = req.application.opora.planningSeconds
        let place = try await req.application.scopeDirectory.place(of: .provider, provider.uuidString, on: req.db)
        let run = try await req.write { db in
            let run = PlanningRun()
            run.providerID = provider
            run.municipalityCode = place?.municipality ?? ""
            run.oblastCode = place?.oblast ?? ""
            run.week = week.monday.iso
            run.state = PlanningRun.State.queued.rawValue
            run.attempts = 0
            run.baseVersion = replanning?.number
            run.requestedBy = actor.name
            run.createdAt = now
            run.seconds = seconds
            run.baseline = baselineJSON
            run.problemSealed = sealed
            try await run.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: replanning == nil ? "planning.requested" : "planning.replan_requested",
                recordType: "planning_run",
                recordID: run.id!.uuidString,
                changes: [FieldChange(field: "week", old: nil, new: week.monday.iso)],
                at: now
            )
            return run
        }
        await req.application.planningRunner.kick(req.application)
        return run
    }

    static func cancel(_ run: PlanningRun, request req: Request) async throws {
        let actor = req.auditActor
        let now = req.application.clock.now()
        let id = run.id!
        try await req.write { db in
            try await Scoped.unscoped(PlanningRun.self, on: db, .reread).filter(\.$id == id)
                .filter(\.$state ~~ [PlanningRun.State.queued.rawValue, PlanningRun.State.running.rawValue])
                .set(\.$state, to: PlanningRun.State.cancelled.rawValue).set(\.$finishedAt, to: now).update()
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "planning.cancelled",
                recordType: "planning_run",
                recordID: id.uuidString,
                at: now
            )
        }
    }

    /// Publishes a finished run's plan as the week's next version. `basedOn` is the latest version
    /// the coordinator saw (0 for none): if someone published meanwhile, the answer is a conflict
    /// and nothing is published.
    static func publish(_ run: PlanningRun, basedOn: Int, request req: Request) async throws -> WeekPlanVersion {
        guard run.runState == .finished else { throw Abort(.conflict) }
        let actor = req.auditActor
        let now = req.application.clock.now()
        let runID = run.id!
        let (provider, week, municipality, oblast) = (run.providerID, run.week, run.municipalityCode, run.oblastCode)
        do {
            return try await req.write { db in
                let latest =
                    try await Scoped.unscoped(WeekPlanVersion.self, on: db, .reread)
                    .filter(\.$providerID == provider).filter(\.$week == week).max(\.$number) ?? 0
                guard latest == basedOn else { throw EditConflict(recordType: "week plan") }
                let version = WeekPlanVersion()
                version.providerID = provider
                version.municipalityCode = municipality
                version.oblastCode = oblast
                version.week = week
                version.number = latest + 1
                version.runID = runID
                version.publishedBy = actor.name
                version.publishedAt = now
                try await version.create(on: db)
                try await AuditTrail.append(
                    on: db,
                    actor: actor,
                    action: "planning.published",
                    recordType: "week_plan",
                    recordID: version.id!.uuidString,
                    changes: [
                        FieldChange(field: "number", old: latest == 0 ? nil : String(latest), new: String(latest + 1))
                    ],
                    at: now
                )
                return version
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two publishers read the same latest number; the unique index let only one through.
            throw EditConflict(recordType: "week plan")
        }
    }

    /// The plan a published version holds.
    static func publishedPlan(_ version: WeekPlanVersion, on db: any Database, key: DataKey) async throws -> CarePlan {
        guard let run = try await Scoped.unscopedFind(PlanningRun.self, version.runID, on: db, .throughParent),
            let sealed = run.planSealed
        else { throw Abort(.notFound) }
        return try key.openJSON(CarePlan.self, sealed)
    }
}
