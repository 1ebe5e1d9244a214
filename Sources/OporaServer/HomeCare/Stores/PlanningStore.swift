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
        if week.rows.isEmpty { checks.add("week", key: .planningNoVisits) }
        var problem = week.problem()
        if problem.workers.isEmpty { checks.add("week", key: .planningNoStaff) }
        if let replanning {
            let key = req.application.dataKey
            let base = try await publishedPlan(replanning, on: req.db, key: key)
            let pins = try await publishedProblem(replanning, on: req.db, key: key).visits.compactMap { visit in
                visit.pinned.map { (visit.id, $0) }
            }
            problem = Replanning.problem(
                problem,
                published: base,
                pins: Dictionary(pins, uniquingKeysWith: { a, _ in a }),
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
        return try await queue(
            problem,
            baseline: PlanFigures(plan: hand, problem: problem, seconds: 0),
            provider: provider,
            week: week.monday,
            baseVersion: replanning?.number,
            seconds: req.application.opora.planningSeconds,
            action: replanning == nil ? "planning.requested" : "planning.replan_requested",
            request: req
        )
    }

    /// A coordinator's move of one visit, or swap of two, in a finished run's plan, checked against
    /// every hard rule (`PlanEdit`); an accepted change becomes a short run that starts from this
    /// plan with the visits pinned to their new worker and start, so the other visits move as
    /// little as possible and the figures are the engine's. Pins are kept by later re-plans.
    /// A coordinator's change to a finished run's plan: one visit moved, or two swapped.
    enum Adjustment: Sendable {
        case move(visit: String, worker: String, start: Double?)
        case swap(String, String)
    }

    static func adjust(_ run: PlanningRun, _ adjustment: Adjustment, request req: Request) async throws -> PlanningRun {
        guard run.runState == .finished, let sealed = run.planSealed else { throw Abort(.conflict) }
        let key = req.application.dataKey
        let plan = try key.openJSON(CarePlan.self, sealed)
        var problem = try key.openJSON(CareProblem.self, run.problemSealed)
        let pins: Result<[(String, CareProblem.Pin)], PlanEdit.Refusal>
        switch adjustment {
        case .move(let visit, let worker, let start):
            pins = PlanEdit.checkMove(plan, problem: problem, visit: visit, to: worker, start: start).map {
                [(visit, CareProblem.Pin(worker: worker, start: $0))]
            }
        case .swap(let first, let second):
            pins = PlanEdit.checkSwap(plan, problem: problem, first, second).map { slots in
                zip([first, second], slots).map { ($0, CareProblem.Pin(worker: $1.worker, start: $1.start)) }
            }
        }
        let accepted: [(String, CareProblem.Pin)]
        switch pins {
        case .success(let list): accepted = list
        case .failure(let refusal):
            let message = req.language == .bg ? refusal.messageBG : refusal.messageEN
            throw ValidationFailure(problems: [FieldProblem(field: "visit", message: message)])
        }
        for (visit, pin) in accepted {
            for index in problem.visits.indices where problem.visits[index].id == visit {
                problem.visits[index].pinned = pin
            }
        }
        problem.published = plan.routes.flatMap { route in
            route.stops.compactMap { stop in
                stop.visit.map { CareProblem.PublishedAssignment(visit: $0, worker: route.worker, start: stop.start) }
            }
        }
        let baseline =
            try run.baseline.map { try JSONDecoder().decode(PlanFigures.self, from: Data($0.utf8)) }
            ?? PlanFigures(plan: try CareSolver.handPlan(problem), problem: problem, seconds: 0)
        return try await queue(
            problem,
            baseline: baseline,
            provider: run.providerID,
            week: CalendarDay(iso: run.week)!,
            baseVersion: run.baseVersion,
            seconds: min(req.application.opora.planningSeconds, adjustmentSeconds),
            action: "planning.visit_moved",
            request: req
        )
    }

    /// An adjustment searches only long enough to settle the visits around the moved one.
    static let adjustmentSeconds = 5

    private static func queue(
        _ problem: CareProblem,
        baseline: PlanFigures,
        provider: UUID,
        week: CalendarDay,
        baseVersion: Int?,
        seconds: Int,
        action: String,
        request req: Request
    ) async throws -> PlanningRun {
        let key = req.application.dataKey
        let sealed = try key.sealJSON(problem)
        let baselineJSON = String(decoding: try JSONEncoder().encode(baseline), as: UTF8.self)
        let actor = req.auditActor
        let now = req.application.clock.now()
        let place = try await req.application.scopeDirectory.place(of: .provider, provider.uuidString, on: req.db)
        let run = try await req.write { db in
            let run = PlanningRun()
            run.providerID = provider
            run.municipalityCode = place?.municipality ?? ""
            run.oblastCode = place?.oblast ?? ""
            run.week = week.iso
            run.state = PlanningRun.State.queued.rawValue
            run.attempts = 0
            run.baseVersion = baseVersion
            run.requestedBy = actor.name
            run.createdAt = now
            run.seconds = seconds
            run.baseline = baselineJSON
            run.problemSealed = sealed
            try await run.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: action,
                recordType: "planning_run",
                recordID: run.id!.uuidString,
                changes: [FieldChange(field: "week", old: nil, new: week.iso)],
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
    /// and nothing is published. Against an earlier version, every worker and person whose visits
    /// moved gets a notice: recorded with the version, then handed to the notice sender.
    static func publish(_ run: PlanningRun, basedOn: Int, request req: Request) async throws -> WeekPlanVersion {
        guard run.runState == .finished else { throw Abort(.conflict) }
        let user = try req.currentUser()
        let monday = CalendarDay(iso: run.week)!
        let previous = try await versions(
            provider: run.providerID,
            week: monday,
            user.scope(for: .viewHomeCare),
            on: req.db
        )
        .first
        // Notices are written in Bulgarian, the language of those who receive them.
        let summary = try await previous.asyncFlatMap { try await changes(from: $0, to: run, in: .bg, request: req) }
        let key = req.application.dataKey
        guard let planSealed = run.planSealed else { throw Abort(.conflict) }
        let plan = try key.openJSON(CarePlan.self, planSealed)
        let problem = try key.openJSON(CareProblem.self, run.problemSealed)
        let sealedNotices = try (summary?.notices ?? []).map {
            ($0.recipient, $0.about, $0.text, try key.seal($0.text))
        }
        let actor = req.auditActor
        let now = req.application.clock.now()
        let runID = run.id!
        let channel = req.application.noticeSender.channel
        let (provider, week, municipality, oblast) = (run.providerID, run.week, run.municipalityCode, run.oblastCode)
        let (version, notices): (WeekPlanVersion, [OutgoingNotice])
        do {
            (version, notices) = try await req.write { db in
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
                try await VisitLedger.publish(
                    plan: plan,
                    problem: problem,
                    number: version.number,
                    provider: provider,
                    municipality: municipality,
                    oblast: oblast,
                    monday: monday,
                    on: db
                )
                var outgoing: [OutgoingNotice] = []
                for (recipient, about, text, sealed) in sealedNotices {
                    let notice = CareNotice()
                    notice.versionID = version.id!
                    notice.providerID = provider
                    notice.aboutPersonID = about
                    switch recipient {
                    case .user(let id): (notice.recipientKind, notice.recipientID) = ("worker", id)
                    case .person(let id): (notice.recipientKind, notice.recipientID) = ("person", id)
                    }
                    notice.textSealed = sealed
                    notice.channel = channel
                    notice.createdAt = now
                    try await notice.create(on: db)
                    outgoing.append(OutgoingNotice(id: notice.id!, recipient: recipient, text: text))
                }
                try await AuditTrail.append(
                    on: db,
                    actor: actor,
                    action: "planning.published",
                    recordType: "week_plan",
                    recordID: version.id!.uuidString,
                    changes: [
                        FieldChange(field: "number", old: latest == 0 ? nil : String(latest), new: String(latest + 1)),
                        FieldChange(field: "notices", old: nil, new: String(outgoing.count)),
                    ],
                    at: now
                )
                return (version, outgoing)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two publishers read the same latest number; the unique index let only one through.
            throw EditConflict(recordType: "week plan")
        }
        try await deliver(notices, request: req)
        return version
    }

    /// Hands each notice to the sender and records when it went; one that fails stays unsent,
    /// listed as such, and does not undo the publication.
    private static func deliver(_ notices: [OutgoingNotice], request req: Request) async throws {
        let sender = req.application.noticeSender
        for notice in notices {
            do {
                try await sender.send(notice, logger: req.logger)
                let now = req.application.clock.now()
                try await req.write { db in
                    try await CareNotice.query(on: db).filter(\.$id == notice.id).set(\.$sentAt, to: now).update()
                }
            } catch {
                req.logger.warning("notice \(notice.id) not sent: \(String(describing: error))")
            }
        }
    }

    /// The run's plan against a published version, in words.
    static func changes(
        from version: WeekPlanVersion,
        to run: PlanningRun,
        in language: Language,
        request req: Request
    )
        async throws -> ChangeSummary?
    {
        guard version.runID != run.id, let sealed = run.planSealed else { return nil }
        let key = req.application.dataKey
        let old = try await publishedPlan(version, on: req.db, key: key)
        let new = try key.openJSON(CarePlan.self, sealed)
        let problem = try key.openJSON(CareProblem.self, run.problemSealed)
        let user = try req.currentUser()
        let people = try await PlansInForce.personNames(
            Set(problem.visits.compactMap { UUID(uuidString: $0.person) }),
            user.scope(for: .viewPeople),
            on: req.db
        )
        let staff = try await StaffStore.list(provider: run.providerID, user.scope(for: .viewHomeCare), on: req.db)
        return ChangeSummary(
            from: old,
            to: new,
            problem: problem,
            monday: CalendarDay(iso: run.week)!,
            workerNames: Dictionary(
                staff.map { ($0.user.id!.uuidString, $0.user.displayName) },
                uniquingKeysWith: { a, _ in a }
            ),
            personNames: people,
            language: language
        )
    }

    /// The problem a published version was planned from, with the coordinator's pins.
    static func publishedProblem(
        _ version: WeekPlanVersion,
        on db: any Database,
        key: DataKey
    ) async throws
        -> CareProblem
    {
        guard let run = try await Scoped.unscopedFind(PlanningRun.self, version.runID, on: db, .throughParent) else {
            throw Abort(.notFound)
        }
        return try key.openJSON(CareProblem.self, run.problemSealed)
    }

    /// The plan a published version holds.
    static func publishedPlan(_ version: WeekPlanVersion, on db: any Database, key: DataKey) async throws -> CarePlan {
        guard let run = try await Scoped.unscopedFind(PlanningRun.self, version.runID, on: db, .throughParent),
            let sealed = run.planSealed
        else { throw Abort(.notFound) }
        return try key.openJSON(CarePlan.self, sealed)
    }
}
