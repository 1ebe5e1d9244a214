import Fluent
import OporaCore
import OporaScheduling
import Vapor

/// `/api/v1/home-care`: staff and their availability, a week's demand, planning runs and the
/// published versions, with the pages' scope rules and the same checks.
struct HomeCareAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(APIGuard()).grouped("home-care")
        api.get("staff", use: staff)
        api.put("staff", ":userID", use: saveStaff)
        api.post("staff", ":userID", "absences", use: addAbsence)
        api.get("weeks", ":monday", use: week)
        api.post("weeks", ":monday", "runs", use: plan)
        api.get("weeks", ":monday", "versions", use: versions)
        api.get("runs", ":runID", use: run)
        api.get("runs", ":runID", "plan", use: runPlan)
        api.post("runs", ":runID", "cancel", use: cancel)
        api.post("runs", ":runID", "publish", use: publish)
    }

    func staff(req: Request) async throws -> Response {
        let user = try req.require(.viewHomeCare)
        let scope = user.scope(for: .viewHomeCare)
        let (centre, _) = try await HomeCareCentre.chosen(req, scope)
        let entries = try await centre.asyncFlatMap { try await StaffStore.list(provider: $0, scope, on: req.db) } ?? []
        return try req.json(entries.map(StaffDTO.init))
    }

    func saveStaff(req: Request) async throws -> Response {
        let user = try req.require(.manageStaff)
        let scope = user.scope(for: .manageStaff)
        let id = try req.uuidParameter("userID")
        let entry = try await StaffStore.member(id, scope, on: req.db)
        let body = try req.decodeJSON(StaffBody.self)
        let input = body.input
        var checks = req.fieldChecks()
        let known = try await TerritoryNames.shared.settlementNames([input.homeSettlement ?? ""], on: req.db)
        let draft = StaffDraft.validate(input, settlementExists: { known[$0] != nil }, checks: &checks)
        try checks.finish()
        try await StaffStore.save(draft!, for: entry, version: entry.profile == nil ? nil : body.version, request: req)
        let saved = try await StaffStore.member(id, scope, on: req.db)
        return try req.json(StaffDTO(saved), status: entry.profile == nil ? .created : .ok)
    }

    func addAbsence(req: Request) async throws -> Response {
        let user = try req.require(.manageStaff)
        let scope = user.scope(for: .manageStaff)
        let id = try req.uuidParameter("userID")
        let entry = try await StaffStore.member(id, scope, on: req.db)
        var checks = req.fieldChecks()
        let absence = Absence.validate(try req.decodeJSON(AbsenceInput.self), checks: &checks)
        if entry.profile == nil { checks.add("kind", key: .staffAbsenceNeedsProfile) }
        try checks.finish()
        try await StaffStore.addAbsence(absence!, to: entry.profile!, request: req)
        return try req.json(StaffDTO(try await StaffStore.member(id, scope, on: req.db)), status: .created)
    }

    private func centre(_ req: Request, _ permission: Permission) async throws -> (CurrentUser, UUID) {
        let user = try req.require(permission)
        let scope = user.scope(for: permission)
        let (centre, _) = try await HomeCareCentre.chosen(req, scope)
        guard let centre else { throw Abort(.notFound) }
        if permission == .planHomeCare, !scope.providers.contains(centre) { throw Abort(.notFound) }
        return (user, centre)
    }

    private func planningWeek(_ req: Request, _ user: CurrentUser, _ centre: UUID) async throws -> PlanningWeek {
        try await WeekDemandBuilder.week(
            provider: centre,
            monday: try WeekRoutes.monday(req),
            scope: user.scope(for: .viewPeople),
            language: req.language,
            key: req.application.dataKey,
            on: req.db
        )
    }

    func week(req: Request) async throws -> Response {
        let (user, centre) = try await centre(req, .viewHomeCare)
        return try req.json(WeekDTO(try await planningWeek(req, user, centre)))
    }

    func plan(req: Request) async throws -> Response {
        let (user, centre) = try await centre(req, .planHomeCare)
        let week = try await planningWeek(req, user, centre)
        let mode = req.body.data == nil ? nil : try req.decodeJSON(WeekRoutes.PlanInput.self).mode
        let scope = user.scope(for: .planHomeCare)
        let latest = try await PlanningStore.versions(provider: centre, week: week.monday, scope, on: req.db).first
        let run = try await PlanningStore.request(
            week: week,
            provider: centre,
            replanning: mode == "replan" ? latest : nil,
            scope: scope,
            request: req
        )
        return try req.json(RunDTO(run, req), status: .accepted)
    }

    func versions(req: Request) async throws -> Response {
        let (user, centre) = try await centre(req, .viewHomeCare)
        let versions = try await PlanningStore.versions(
            provider: centre,
            week: try WeekRoutes.monday(req),
            user.scope(for: .viewHomeCare),
            on: req.db
        )
        return try req.json(versions.map(VersionDTO.init))
    }

    private func findRun(_ req: Request, _ permission: Permission) async throws -> PlanningRun {
        let user = try req.require(permission)
        return try await Scoped.find(
            PlanningRun.self,
            try req.uuidParameter("runID"),
            user.scope(for: permission),
            on: req.db
        )
    }

    func run(req: Request) async throws -> Response {
        try req.json(RunDTO(try await findRun(req, .viewHomeCare), req))
    }

    func runPlan(req: Request) async throws -> Response {
        let run = try await findRun(req, .viewHomeCare)
        guard let sealed = run.planSealed else { throw Abort(.notFound, reason: req.text(.planningNoPlanYet)) }
        return try req.json(try req.application.dataKey.openJSON(CarePlan.self, sealed))
    }

    func cancel(req: Request) async throws -> Response {
        let run = try await findRun(req, .planHomeCare)
        try await PlanningStore.cancel(run, request: req)
        return try req.json(RunDTO(try await findRun(req, .planHomeCare), req))
    }

    func publish(req: Request) async throws -> Response {
        let run = try await findRun(req, .planHomeCare)
        let body = try req.decodeJSON(PublishBody.self)
        guard (0...100_000).contains(body.basedOn) else {
            throw ValidationFailure(problems: [
                FieldProblem(field: "basedOn", message: req.text(.errorNumberOutOfRange))
            ])
        }
        guard run.runState == .finished else {
            throw ValidationFailure(problems: [FieldProblem(field: "runId", message: req.text(.planningNoPlanYet))])
        }
        let version = try await PlanningStore.publish(run, basedOn: body.basedOn, request: req)
        return try req.json(VersionDTO(version), status: .created)
    }
}

struct PublishBody: Content, Sendable {
    var basedOn: Int
}
