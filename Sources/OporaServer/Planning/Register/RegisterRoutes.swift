import Fluent
import OporaCore
import Vapor

/// `/planning/register`: every service of the scope with its funding, Map maximum, occupancy,
/// waiting list and licence; a planner or director completes a service's planning data.
struct RegisterRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("planning", "register", use: list)
        routes.get("planning", "register", ":serviceID", use: form)
        routes.post("planning", "register", ":serviceID", use: save)
    }

    struct Context: Encodable, Sendable {
        var year: Int
        var years: [Choice]
        var lines: [RegisterLine]
        var canEdit: Bool
        var definitions: [String]
    }

    func list(req: Request) async throws -> View {
        let user = try req.require(.viewPlanning)
        let year = try PlanningYear.from(req)
        let rows = try await RegisterStore.rows(user.scope(for: .viewPlanning), year: year, request: req)
        let context = Context(
            year: year,
            years: PlanningYear.choices(around: req, selected: year),
            lines: rows.map { RegisterLine($0, year: year, language: req.language) },
            canEdit: user.can(.editRegister),
            definitions: [PlanningIndicator.receiving, .waiting].map { $0.definition(in: req.language) }
        )
        return try await req.view.render(
            "planning/register",
            req.page(title: req.text(.planningRegisterTitle), context)
        )
    }

    struct FormContext: Encodable, Sendable {
        var line: RegisterLine
        var form: FormState
        var regimes: [Choice]
        var summary: ErrorSummary?
    }

    struct Input: Content {
        var fundingRegime: String?
        var year: String?
        var mapMaximum: String?
        var version: Int?
    }

    func form(req: Request) async throws -> View {
        let user = try req.require(.editRegister)
        let year = try PlanningYear.from(req)
        let line = try await line(req, user: user, year: year)
        let input = Input(
            fundingRegime: line.fundingRegime,
            year: String(year),
            mapMaximum: line.mapMaximum.map(String.init),
            version: line.version
        )
        return try await render(req, line: line, input: input, failure: nil, summary: nil)
    }

    func save(req: Request) async throws -> Response {
        let user = try req.require(.editRegister)
        let input = try req.content.decode(Input.self)
        let year =
            Int(input.year ?? "").flatMap { RegisterStore.years.contains($0) ? $0 : nil } ?? PlanningYear.current(req)
        let line = try await line(req, user: user, year: year)
        do {
            let draft = try RegisterStore.validate(
                fundingRegime: input.fundingRegime,
                year: input.year,
                mapMaximum: input.mapMaximum,
                request: req
            )
            let service = try await ServiceStore.find(line.serviceId, user.scope(for: .editRegister), on: req.db)
            try await RegisterStore.save(draft, service: service, version: input.version, request: req)
            return req.redirect(to: "/planning/register?year=\(draft.year)", flash: .saved)
        } catch let failure as ValidationFailure {
            return try await render(req, line: line, input: input, failure: failure, summary: req.errorSummary(failure))
                .encodeResponse(status: .unprocessableEntity, for: req)
        } catch is EditConflict {
            return try await render(
                req,
                line: line,
                input: input,
                failure: nil,
                summary: req.errorSummary(message: req.text(.errorConflict))
            )
            .encodeResponse(status: .conflict, for: req)
        }
    }

    private func line(_ req: Request, user: CurrentUser, year: Int) async throws -> RegisterLine {
        let id = try req.uuidParameter("serviceID")
        let scope = user.scope(for: .editRegister)
        let service = try await ServiceStore.find(id, scope, on: req.db)
        let rows = try await RegisterStore.rows(scope, year: year, municipality: service.municipalityCode, request: req)
        guard let row = rows.first(where: { $0.service.id == id }) else { throw Abort(.notFound) }
        return RegisterLine(row, year: year, language: req.language)
    }

    private func render(
        _ req: Request,
        line: RegisterLine,
        input: Input,
        failure: ValidationFailure?,
        summary: ErrorSummary?
    ) async throws -> View {
        let chosen = input.fundingRegime ?? ""
        var regimes = [Choice(value: "", label: "—", selected: chosen.isEmpty)]
        regimes += FundingRegime.allCases.map {
            Choice(value: $0.rawValue, label: $0.label(in: req.language), selected: $0.rawValue == chosen)
        }
        let context = FormContext(
            line: line,
            form: FormState(
                values: [
                    "year": input.year ?? "", "mapMaximum": input.mapMaximum ?? "",
                    "version": String(input.version ?? line.version),
                ],
                errors: failure?.byField ?? [:]
            ),
            regimes: regimes,
            summary: summary
        )
        return try await req.view.render("planning/register-form", req.page(title: line.name, context))
    }
}

/// The planning year of a request: `?year=`, range-checked, or this year.
enum PlanningYear {
    static func current(_ req: Request) -> Int { CalendarDay.today(at: req.application.clock.now()).year }

    static func from(_ req: Request) throws -> Int {
        guard let raw = req.query[String.self, at: "year"], !raw.isEmpty else { return current(req) }
        guard let year = Int(raw), RegisterStore.years.contains(year) else {
            throw Abort(.badRequest, reason: req.text(.planningYearInvalid))
        }
        return year
    }

    static func choices(around req: Request, selected: Int) -> [Choice] {
        let now = current(req)
        return ((now - 2)...(now + 1)).map { Choice(value: String($0), label: String($0), selected: $0 == selected) }
    }
}
