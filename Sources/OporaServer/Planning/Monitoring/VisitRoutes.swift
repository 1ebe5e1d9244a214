import Fluent
import OporaCore
import Vapor

/// `/planning/visits`: the inspector's monitoring visits — started for a service of the scope,
/// scored on the checklist, recommendations followed until closed, the report printed. Planners
/// and directors read them within their scope.
struct VisitRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("planning", "visits", use: list)
        routes.post("planning", "visits", use: create)
        routes.get("planning", "visits", ":visitID", use: show)
        routes.get("planning", "visits", ":visitID", "report", use: report)
        routes.post("planning", "visits", ":visitID", "checklist", use: checklist)
        routes.post("planning", "visits", ":visitID", "recommendations", use: recommend)
        routes.post("planning", "visits", ":visitID", "close", use: close)
        routes.post("planning", "recommendations", ":recommendationID", "close", use: closeRecommendation)
    }

    struct ListContext: Encodable, Sendable {
        var visits: [VisitSummary]
        var canVisit: Bool
        var services: [Choice]
        var sectors: [TeamField]
        var form: FormState
        var summary: ErrorSummary?
    }

    /// The member of the team from one sector, as its field shows it.
    struct TeamField: Encodable, Sendable {
        var field: String
        var label: String
        var value: String
        var error: String?
    }

    struct NewInput: Content {
        var serviceId: String?
        var visitedOn: String?
        var teamSocialAssistance: String?
        var teamHealth: String?
        var teamEducation: String?
        var teamPolice: String?

        var team: [TeamSector: String] {
            [
                .socialAssistance: teamSocialAssistance ?? "", .health: teamHealth ?? "",
                .education: teamEducation ?? "", .police: teamPolice ?? "",
            ]
        }
    }

    func list(req: Request) async throws -> View {
        try await renderList(req, input: nil, failure: nil)
    }

    private func renderList(_ req: Request, input: NewInput?, failure: ValidationFailure?) async throws -> View {
        let user = try req.require(.viewPlanning)
        let visits = try await VisitSummary.list(user.scope(for: .viewPlanning), request: req)
        var services: [Choice] = []
        if user.can(.monitorQuality) {
            let register = try await ServiceStore.query(user.scope(for: .monitorQuality), on: req.db).with(\.$provider)
                .sort(\.$municipalityCode).sort(\.$name).all()
            services = [Choice(value: "", label: "—", selected: (input?.serviceId ?? "").isEmpty)]
            services += register.map {
                Choice(
                    value: $0.id!.uuidString,
                    label: "\($0.name) — \($0.provider.name)",
                    selected: $0.id!.uuidString == input?.serviceId
                )
            }
        }
        var values = [
            "visitedOn": input?.visitedOn ?? CalendarDay.today(at: req.application.clock.now()).iso
        ]
        for (sector, name) in (input?.team ?? [:]) { values["team" + sector.fieldSuffix] = name }
        let context = ListContext(
            visits: visits,
            canVisit: user.can(.monitorQuality),
            services: services,
            sectors: TeamSector.allCases.map {
                let field = "team" + $0.fieldSuffix
                return TeamField(
                    field: field,
                    label: $0.label(in: req.language),
                    value: values[field] ?? "",
                    error: failure?.byField[field]
                )
            },
            form: FormState(values: values, errors: failure?.byField ?? [:]),
            summary: failure.map { req.errorSummary($0) }
        )
        return try await req.view.render("planning/visits", req.page(title: req.text(.planningVisitsTitle), context))
    }

    func create(req: Request) async throws -> Response {
        let user = try req.require(.monitorQuality)
        let input = try req.content.decode(NewInput.self)
        do {
            let draft = try MonitoringStore.validateNew(
                serviceID: input.serviceId,
                visitedOn: input.visitedOn,
                team: input.team,
                request: req
            )
            guard
                let service = try await ServiceStore.query(user.scope(for: .monitorQuality), on: req.db)
                    .filter(\.$id == draft.serviceID).first()
            else {
                throw ValidationFailure(problems: [
                    FieldProblem(field: "serviceId", message: req.text(.errorChooseFromList))
                ])
            }
            let visit = try await MonitoringStore.create(draft, service: service, user: user, request: req)
            return req.redirect(to: "/planning/visits/\(visit.id!)", flash: .saved)
        } catch let failure as ValidationFailure {
            return try await renderList(req, input: input, failure: failure)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    struct ShowContext: Encodable, Sendable {
        var visit: VisitSummary
        var canEdit: Bool
        var checklistHeadings: [ChecklistHeading]
        var checklist: FormState
        var recommendation: FormState
        var items: [ItemForm]
        var closeError: String?
        var summary: ErrorSummary?
    }

    /// A heading of the checklist form, each criterion with its score choices.
    struct ChecklistHeading: Encodable, Sendable {
        struct Criterion: Encodable, Sendable {
            var id: String
            var text: String
            var choices: [Choice]
        }

        var label: String
        var percent: String
        var evidence: [String]
        var criteria: [Criterion]
    }

    /// A recommendation with its own small closing form, which shows only its own refusal.
    struct ItemForm: Encodable, Sendable {
        var item: VisitSummary.Item
        var form: FormState
    }

    func show(req: Request) async throws -> View {
        try await renderShow(req, refused: nil)
    }

    private func renderShow(_ req: Request, refused: RefusedForm?) async throws -> View {
        let user = try req.require(.viewPlanning)
        let visit = try await VisitSummary.one(
            try req.uuidParameter("visitID"),
            user.scope(for: .viewPlanning),
            request: req
        )
        let checklist =
            refused?.state("checklist")
            ?? FormState(
                values: Dictionary(
                    visit.headings.flatMap(\.scores).map {
                        ("score-" + $0.criterionId, $0.score.map(String.init) ?? "")
                    }
                        + [("findings", visit.findings)],
                    uniquingKeysWith: { a, _ in a }
                )
            )
        let headings = visit.headings.map { heading in
            ChecklistHeading(
                label: heading.label,
                percent: heading.percent,
                evidence: heading.evidence,
                criteria: heading.scores.map { score in
                    let chosen = checklist.values["score-" + score.criterionId] ?? ""
                    let choices =
                        [Choice(value: "", label: req.text(.planningNotScored), selected: chosen.isEmpty)]
                        + CriterionScore.allCases.map {
                            Choice(
                                value: String($0.rawValue),
                                label: "\($0.rawValue) — \($0.label(in: req.language))",
                                selected: String($0.rawValue) == chosen
                            )
                        }
                    return ChecklistHeading.Criterion(id: score.criterionId, text: score.text, choices: choices)
                }
            )
        }
        let context = ShowContext(
            visit: visit,
            canEdit: user.can(.monitorQuality) && visit.status == VisitStatus.open.rawValue,
            checklistHeadings: headings,
            checklist: checklist,
            recommendation: refused?.state("recommendation") ?? FormState(),
            items: visit.recommendations.map {
                ItemForm(item: $0, form: refused?.state("note-" + $0.id.uuidString) ?? FormState())
            },
            closeError: refused?.state("close").errors["close"],
            summary: refused?.summary
        )
        return try await req.view.render("planning/visit", req.page(title: req.text(.planningVisitTitle), context))
    }

    private func refuse(
        _ req: Request,
        target: String,
        values: [String: String],
        _ failure: ValidationFailure
    )
        async throws -> Response
    {
        let refused = RefusedForm(
            target: target,
            state: req.refused(values, failure),
            summary: req.errorSummary(failure)
        )
        return try await renderShow(req, refused: refused).encodeResponse(status: .unprocessableEntity, for: req)
    }

    private func conflict(_ req: Request, target: String, values: [String: String]) async throws -> Response {
        let refused = RefusedForm(
            target: target,
            state: FormState(values: values),
            summary: req.errorSummary(message: req.text(.errorConflict))
        )
        return try await renderShow(req, refused: refused).encodeResponse(status: .conflict, for: req)
    }

    private func editableVisit(_ req: Request) async throws -> MonitoringVisit {
        let user = try req.require(.monitorQuality)
        return try await MonitoringStore.find(
            try req.uuidParameter("visitID"),
            user.scope(for: .monitorQuality),
            on: req.db
        )
    }

    struct ChecklistInput: Content {
        var findings: String?
        var version: Int?
    }

    func checklist(req: Request) async throws -> Response {
        let visit = try await editableVisit(req)
        let input = try req.content.decode(ChecklistInput.self)
        var raw: [String: String] = [:]
        for criterion in QualityCriterion.checklist {
            raw[criterion.id] = try? req.content.get(String.self, at: "score-" + criterion.id)
        }
        var values = Dictionary(raw.map { ("score-" + $0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        values["findings"] = input.findings ?? ""
        do {
            let checked = try MonitoringStore.validateChecklist(scores: raw, findings: input.findings, request: req)
            try await MonitoringStore.recordChecklist(
                visit,
                scores: checked.scores,
                findings: checked.findings,
                version: input.version,
                request: req
            )
            return req.redirect(to: "/planning/visits/\(visit.id!)", flash: .saved)
        } catch let failure as ValidationFailure {
            return try await refuse(req, target: "checklist", values: values, failure)
        } catch is EditConflict {
            return try await conflict(req, target: "checklist", values: values)
        }
    }

    struct RecommendationInput: Content {
        var text: String?
        var owner: String?
        var deadline: String?
    }

    func recommend(req: Request) async throws -> Response {
        let visit = try await editableVisit(req)
        let input = try req.content.decode(RecommendationInput.self)
        let values = ["text": input.text ?? "", "owner": input.owner ?? "", "deadline": input.deadline ?? ""]
        do {
            _ = try await MonitoringStore.addRecommendation(
                to: visit,
                text: input.text,
                owner: input.owner,
                deadline: input.deadline,
                request: req
            )
            return req.redirect(to: "/planning/visits/\(visit.id!)#recommendations", flash: .saved)
        } catch let failure as ValidationFailure {
            return try await refuse(req, target: "recommendation", values: values, failure)
        }
    }

    struct VersionInput: Content {
        var version: Int?
        var note: String?
    }

    func close(req: Request) async throws -> Response {
        let visit = try await editableVisit(req)
        let input = try req.content.decode(VersionInput.self)
        do {
            try await MonitoringStore.close(visit, version: input.version, request: req)
            return req.redirect(to: "/planning/visits/\(visit.id!)", flash: .saved)
        } catch let failure as ValidationFailure {
            return try await refuse(req, target: "close", values: [:], failure)
        } catch is EditConflict {
            return try await conflict(req, target: "close", values: [:])
        }
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
        req.parameters.set("visitID", to: recommendation.$visit.id.uuidString)
        let input = try req.content.decode(VersionInput.self)
        let target = "note-" + recommendation.id!.uuidString
        do {
            try await MonitoringStore.closeRecommendation(
                recommendation,
                note: input.note,
                version: input.version,
                request: req
            )
            return req.redirect(to: "/planning/visits/\(recommendation.$visit.id)#recommendations", flash: .saved)
        } catch let failure as ValidationFailure {
            return try await refuse(req, target: target, values: ["note": input.note ?? ""], failure)
        } catch is EditConflict {
            return try await conflict(req, target: target, values: ["note": input.note ?? ""])
        }
    }

    func report(req: Request) async throws -> View {
        let user = try req.require(.viewPlanning)
        let visit = try await VisitSummary.one(
            try req.uuidParameter("visitID"),
            user.scope(for: .viewPlanning),
            request: req
        )
        return try await req.view.render(
            "planning/visit-report",
            req.page(title: req.text(.planningVisitReportTitle), visit)
        )
    }
}
