import Fluent
import OporaCore
import Vapor

/// `/api/v1/planning/visits` and `/api/v1/planning/recommendations`: the same visits, rules and
/// scope as the pages.
struct VisitAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(APIGuard()).grouped("planning")
        api.get("visits", use: list)
        api.post("visits", use: create)
        api.get("visits", ":visitID", use: show)
        api.put("visits", ":visitID", "checklist", use: checklist)
        api.post("visits", ":visitID", "recommendations", use: recommend)
        api.post("visits", ":visitID", "close", use: close)
        api.post("recommendations", ":recommendationID", "close", use: closeRecommendation)
    }

    func list(req: Request) async throws -> Response {
        let user = try req.require(.viewPlanning)
        return try req.json(try await VisitSummary.list(user.scope(for: .viewPlanning), request: req))
    }

    func show(req: Request) async throws -> Response {
        let user = try req.require(.viewPlanning)
        return try req.json(
            try await VisitSummary.one(try req.uuidParameter("visitID"), user.scope(for: .viewPlanning), request: req)
        )
    }

    struct NewBody: Content {
        var serviceId: String?
        var visitedOn: String?
        var team: [TeamMember]?
    }

    func create(req: Request) async throws -> Response {
        let user = try req.require(.monitorQuality)
        let body = try req.decodeJSON(NewBody.self)
        var team: [TeamSector: String] = [:]
        for member in body.team ?? [] { team[member.sector] = member.name }
        let draft = try MonitoringStore.validateNew(
            serviceID: body.serviceId,
            visitedOn: body.visitedOn,
            team: team,
            request: req
        )
        let scope = user.scope(for: .monitorQuality)
        guard let service = try await ServiceStore.query(scope, on: req.db).filter(\.$id == draft.serviceID).first()
        else {
            throw ValidationFailure(problems: [
                FieldProblem(field: "serviceId", message: req.text(.errorChooseFromList))
            ])
        }
        let visit = try await MonitoringStore.create(draft, service: service, user: user, request: req)
        let response = try req.json(try await VisitSummary.one(visit.id!, scope, request: req), status: .created)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/planning/visits/\(visit.id!)")
        return response
    }

    struct ChecklistBody: Content {
        var scores: [String: Int]?
        var findings: String?
        var version: Int?
    }

    func checklist(req: Request) async throws -> Response {
        let user = try req.require(.monitorQuality)
        let scope = user.scope(for: .monitorQuality)
        let visit = try await MonitoringStore.find(try req.uuidParameter("visitID"), scope, on: req.db)
        let body = try req.decodeJSON(ChecklistBody.self)
        let known = Set(QualityCriterion.checklist.map(\.id))
        if let unknown = (body.scores ?? [:]).keys.first(where: { !known.contains($0) }) {
            throw ValidationFailure(problems: [
                FieldProblem(field: "scores." + unknown, message: req.text(.errorChooseFromList))
            ])
        }
        let checked = try MonitoringStore.validateChecklist(
            scores: (body.scores ?? [:]).mapValues(String.init),
            findings: body.findings,
            request: req
        )
        try await MonitoringStore.recordChecklist(
            visit,
            scores: checked.scores,
            findings: checked.findings,
            version: body.version,
            request: req
        )
        return try req.json(try await VisitSummary.one(visit.id!, scope, request: req))
    }

    struct RecommendationBody: Content {
        var text: String?
        var owner: String?
        var deadline: String?
    }

    func recommend(req: Request) async throws -> Response {
        let user = try req.require(.monitorQuality)
        let scope = user.scope(for: .monitorQuality)
        let visit = try await MonitoringStore.find(try req.uuidParameter("visitID"), scope, on: req.db)
        let body = try req.decodeJSON(RecommendationBody.self)
        _ = try await MonitoringStore.addRecommendation(
            to: visit,
            text: body.text,
            owner: body.owner,
            deadline: body.deadline,
            request: req
        )
        return try req.json(try await VisitSummary.one(visit.id!, scope, request: req), status: .created)
    }

    struct VersionBody: Content {
        var version: Int?
        var note: String?
    }

    func close(req: Request) async throws -> Response {
        let user = try req.require(.monitorQuality)
        let scope = user.scope(for: .monitorQuality)
        let visit = try await MonitoringStore.find(try req.uuidParameter("visitID"), scope, on: req.db)
        try await MonitoringStore.close(visit, version: try req.decodeJSON(VersionBody.self).version, request: req)
        return try req.json(try await VisitSummary.one(visit.id!, scope, request: req))
    }

    func closeRecommendation(req: Request) async throws -> Response {
        let user = try req.require(.monitorQuality)
        let scope = user.scope(for: .monitorQuality)
        let recommendation = try await Scoped.find(
            Recommendation.self,
            try req.uuidParameter("recommendationID"),
            scope,
            on: req.db
        )
        let body = try req.decodeJSON(VersionBody.self)
        try await MonitoringStore.closeRecommendation(
            recommendation,
            note: body.note,
            version: body.version,
            request: req
        )
        return try req.json(try await VisitSummary.one(recommendation.$visit.id, scope, request: req))
    }
}
