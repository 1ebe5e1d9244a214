import Fluent
import OporaCore
import Vapor

/// Decisions and their follow-up: a decision with its rationale, its actions with an owner, a due
/// day and the service they change, and progress updates in percent, which the public page shows.
struct DecisionRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("codesign", "series", ":seriesID", "decisions", use: decide)
        routes.post("codesign", "decisions", ":decisionID", "actions", use: addAction)
        routes.post("codesign", "actions", ":actionID", "progress", use: progress)
    }

    private func refuse(_ req: Request, _ target: String, _ checks: FieldChecks, series: UUID) async throws -> Response
    {
        let failure = ValidationFailure(problems: checks.problems)
        return try await SeriesPage.render(
            req,
            refused: RefusedForm(target: target, values: [:]).failed(req, failure),
            code: nil,
            status: .unprocessableEntity,
            seriesID: series
        )
    }

    struct DecisionForm: Content {
        var decision: String?
        var rationale: String?
        var proposal: String?
    }

    func decide(req: Request) async throws -> Response {
        let user = try req.require(.runWorkshops)
        let scope = user.scope(for: .runWorkshops)
        let series = try await CoDesignStore.series(try req.uuidParameter("seriesID"), scope, on: req.db)
        let input = try req.content.decode(DecisionForm.self)
        var checks = req.fieldChecks()
        let text = checks.text("decision", input.decision, maximum: 2000)
        let rationale = checks.text("rationale", input.rationale, maximum: 4000)
        var proposal: UUID?
        if let raw = input.proposal, !raw.isEmpty {
            proposal = try await UUID(uuidString: raw).asyncFlatMap {
                try await Scoped.query(CoDesignProposal.self, scope, on: req.db).filter(\.$id == $0)
                    .filter(\.$seriesID == series.requireID()).first()?.id
            }
            if proposal == nil { checks.add("proposal", key: .errorChooseFromList) }
        }
        guard checks.problems.isEmpty else { return try await refuse(req, "decision", checks, series: series.id!) }
        let decision = CoDesignDecision()
        decision.seriesID = try series.requireID()
        decision.oblastCode = series.oblastCode
        decision.municipalityCode = series.municipalityCode
        decision.proposalID = proposal
        decision.text = text
        decision.rationale = rationale
        decision.createdAt = req.application.clock.now()
        try await req.write { db in
            try await decision.create(on: db)
            try await CoDesignStore.audit(db, req, "codesign.decision.made", decision.seriesID, at: decision.createdAt)
        }
        return req.redirect(to: "/codesign/series/\(series.id!)#decisions", flash: .codesignSaved)
    }

    struct ActionForm: Content {
        var title: String?
        var owner: String?
        var due: String?
        var service: String?
    }

    func addAction(req: Request) async throws -> Response {
        let user = try req.require(.runWorkshops)
        let scope = user.scope(for: .runWorkshops)
        let decision = try await Scoped.find(
            CoDesignDecision.self,
            try req.uuidParameter("decisionID"),
            scope,
            on: req.db
        )
        let input = try req.content.decode(ActionForm.self)
        var checks = req.fieldChecks()
        let title = checks.text("actionTitle", input.title, maximum: 300)
        let owner = checks.text("owner", input.owner, maximum: 200)
        let dueText = checks.text("due", input.due, maximum: 10)
        let due = CalendarDay(iso: dueText)
        if !dueText.isEmpty, due == nil { checks.add("due", key: .dateInvalid) }
        var service: UUID?
        if let raw = input.service, !raw.isEmpty {
            let services = try await ServiceStore.list(
                AccessScope(municipalities: [decision.municipalityCode]),
                providerID: nil,
                on: req.db
            )
            service = UUID(uuidString: raw).flatMap { id in services.first { $0.id == id }?.id }
            if service == nil { checks.add("service", key: .errorChooseFromList) }
        }
        guard checks.problems.isEmpty, let due else {
            return try await refuse(req, "action", checks, series: decision.seriesID)
        }
        let action = CoDesignAction()
        action.version = 1
        action.decisionID = try decision.requireID()
        action.oblastCode = decision.oblastCode
        action.municipalityCode = decision.municipalityCode
        action.title = title
        action.owner = owner
        action.dueOn = due.iso
        action.serviceID = service
        action.state = .planned
        action.percent = 0
        action.updatedAt = req.application.clock.now()
        try await req.write { db in
            try await action.create(on: db)
            try await CoDesignStore.audit(db, req, "codesign.action.added", decision.seriesID, at: action.updatedAt)
        }
        return req.redirect(to: "/codesign/series/\(decision.seriesID)#decisions", flash: .codesignSaved)
    }

    struct ProgressForm: Content {
        var percent: String?
        var note: String?
        var version: String?
    }

    func progress(req: Request) async throws -> Response {
        let user = try req.require(.runWorkshops)
        let scope = user.scope(for: .runWorkshops)
        let action = try await Scoped.find(CoDesignAction.self, try req.uuidParameter("actionID"), scope, on: req.db)
        let decision = try await Scoped.find(CoDesignDecision.self, action.decisionID, scope, on: req.db)
        let input = try req.content.decode(ProgressForm.self)
        var checks = req.fieldChecks()
        let typed = (input.percent ?? "").trimmingCharacters(in: .whitespaces)
        let percent = typed.count <= 3 ? Int(typed) : nil
        let note = checks.text("note", input.note, maximum: 1000, required: false)
        let next = percent.flatMap { action.state.progressed(to: $0) }
        if percent == nil || !CoDesignActionState.percentRange.contains(percent ?? -1) {
            checks.add("percent", key: .codesignPercentRange)
        } else if next == nil {
            checks.add("percent", key: .codesignActionClosed)
        }
        let basedOn = Int(input.version ?? "")
        guard checks.problems.isEmpty, let percent, let next, let basedOn else {
            return try await refuse(req, "progress", checks, series: decision.seriesID)
        }
        let actionID = try action.requireID()
        let now = req.application.clock.now()
        let applied = try await req.write { db in
            try await db.lockRow(table: CoDesignAction.schema, id: actionID)
            guard let held = try await Scoped.unscopedFind(CoDesignAction.self, actionID, on: db, .reread),
                held.version == basedOn
            else { return false }
            let before = held.percent
            held.percent = percent
            held.state = next
            held.lastNote = note.isEmpty ? nil : note
            held.updatedAt = now
            held.version += 1
            try await held.update(on: db)
            try await CoDesignStore.audit(
                db,
                req,
                "codesign.action.progressed",
                decision.seriesID,
                at: now,
                [
                    FieldChange(field: "percent", old: String(before), new: String(percent))
                ]
            )
            return true
        }
        guard applied else {
            var conflict = req.fieldChecks()
            conflict.add("percent", key: .codesignActionConflict)
            let failure = ValidationFailure(problems: conflict.problems)
            return try await SeriesPage.render(
                req,
                refused: RefusedForm(target: "progress", values: [:]).failed(req, failure),
                code: nil,
                status: .conflict,
                seriesID: decision.seriesID
            )
        }
        return req.redirect(to: "/codesign/series/\(decision.seriesID)#decisions", flash: .codesignSaved)
    }
}

/// The decisions of a series with their actions, as the facilitator's and the public page list them.
enum CoDesignDecisions {
    struct ActionLine: Encodable, Sendable {
        var id: String
        var version: Int
        var title: String
        var owner: String
        var due: String
        var service: String?
        var state: String
        var percent: Int
        var note: String?
        var open: Bool
    }

    struct DecisionLine: Encodable, Sendable {
        var id: String
        var text: String
        var rationale: String
        var proposal: String?
        var actions: [ActionLine]
    }

    static func lines(of series: CoDesignSeries, _ req: Request) async throws -> [DecisionLine] {
        let scope = AccessScope(municipalities: [series.municipalityCode])
        let id = try series.requireID()
        let decisions = try await Scoped.query(CoDesignDecision.self, scope, on: req.db).filter(\.$seriesID == id)
            .sort(\.$createdAt).all()
        let actions = try await Scoped.query(CoDesignAction.self, scope, on: req.db)
            .filter(\.$decisionID ~~ decisions.compactMap(\.id)).all()
        let titles = Dictionary(
            uniqueKeysWithValues: try await Scoped.query(CoDesignProposal.self, scope, on: req.db)
                .filter(\.$seriesID == id).all().map { ($0.id!, $0.title) }
        )
        let services = Dictionary(
            uniqueKeysWithValues: try await ServiceStore.list(scope, providerID: nil, on: req.db).map {
                ($0.id!, $0.name)
            }
        )
        return decisions.map { decision in
            DecisionLine(
                id: decision.id!.uuidString,
                text: decision.text,
                rationale: decision.rationale,
                proposal: decision.proposalID.flatMap { titles[$0] },
                actions: actions.filter { $0.decisionID == decision.id }.sorted { $0.dueOn < $1.dueOn }.map {
                    ActionLine(
                        id: $0.id!.uuidString,
                        version: $0.version,
                        title: $0.title,
                        owner: $0.owner,
                        due: CalendarDay(iso: $0.dueOn)?.display ?? $0.dueOn,
                        service: $0.serviceID.flatMap { services[$0] },
                        state: state($0.state, req),
                        percent: $0.percent,
                        note: $0.lastNote,
                        open: !$0.state.isClosed
                    )
                }
            )
        }
    }

    static func state(_ state: CoDesignActionState, _ req: Request) -> String {
        switch state {
        case .planned: req.text(.codesignStatePlanned)
        case .underWay: req.text(.codesignStateUnderWay)
        case .done: req.text(.codesignStateDone)
        case .dropped: req.text(.codesignStateDropped)
        }
    }
}
