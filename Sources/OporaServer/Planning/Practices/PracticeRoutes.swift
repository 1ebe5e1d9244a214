import Fluent
import OporaCore
import Vapor

/// `/practices`: the public catalogue of good practices, read without an account.
struct PracticeCatalogueRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("practices", use: list)
        routes.get("practices", ":practiceID", use: show)
    }

    struct ListContext: Encodable, Sendable {
        var q: String
        var practices: [PracticeSummary]
        var canAdd: Bool
    }

    func list(req: Request) async throws -> View {
        let q = try SearchText.from(req)
        let practices = try await PracticeSummary.build(try await PracticeStore.search(q, on: req.db), request: req)
        let canAdd = req.auth.get(CurrentUser.self)?.can(.editPractices) ?? false
        return try await req.view.render(
            "planning/practices",
            req.page(title: req.text(.planningPracticesTitle), ListContext(q: q, practices: practices, canAdd: canAdd))
        )
    }

    struct ShowContext: Encodable, Sendable {
        var practice: PracticeSummary
        var canRecord: Bool
        var municipalities: [Choice]
        var form: FormState
        var summary: ErrorSummary?
    }

    func show(req: Request) async throws -> View {
        try await Self.render(req, id: try req.uuidParameter("practiceID"), input: nil, failure: nil)
    }

    static func render(
        _ req: Request,
        id: UUID,
        input: PracticeStore.TransferInput?,
        failure: ValidationFailure?
    ) async throws -> View {
        let practice = try await PracticeStore.published(id, on: req.db)
        let summary = try await PracticeSummary.build([practice], request: req)[0]
        let user = req.auth.get(CurrentUser.self)
        var municipalities: [Choice] = []
        if let user, user.can(.editPractices) {
            let places = try await NeedsTable.municipalities(in: user.scope(for: .editPractices), on: req.db)
            municipalities = [Choice(value: "", label: "—", selected: (input?.municipalityCode ?? "").isEmpty)]
            municipalities += places.values.sorted { $0.sortKey < $1.sortKey }.filter {
                $0.id != practice.municipalityCode
            }
            .map { Choice(value: $0.id!, label: $0.nameBG, selected: $0.id == input?.municipalityCode) }
        }
        let context = ShowContext(
            practice: summary,
            canRecord: municipalities.count > 1,
            municipalities: municipalities,
            form: FormState(
                values: ["adoptedOn": input?.adoptedOn ?? "", "result": input?.result ?? ""],
                errors: failure?.byField ?? [:]
            ),
            summary: failure.map { req.errorSummary($0) }
        )
        return try await req.view.render("planning/practice", req.page(title: practice.title, context))
    }
}

/// `/planning/practices`: adding a practice to the catalogue and recording its transfers.
struct PracticeEditRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("planning", "practices", "new", use: form)
        routes.post("planning", "practices", use: create)
        routes.post("planning", "practices", ":practiceID", "transfers", use: transfer)
    }

    struct FormContext: Encodable, Sendable {
        var form: FormState
        var municipalities: [Choice]
        var summary: ErrorSummary?
    }

    func form(req: Request) async throws -> View {
        try await render(req, input: PracticeStore.Input(), failure: nil)
    }

    private func render(_ req: Request, input: PracticeStore.Input, failure: ValidationFailure?) async throws -> View {
        let user = try req.require(.editPractices)
        let places = try await NeedsTable.municipalities(in: user.scope(for: .editPractices), on: req.db)
        var municipalities = [Choice(value: "", label: "—", selected: (input.municipalityCode ?? "").isEmpty)]
        municipalities += places.values.sorted { $0.sortKey < $1.sortKey }.map {
            Choice(value: $0.id!, label: $0.nameBG, selected: $0.id == input.municipalityCode)
        }
        let context = FormContext(
            form: FormState(
                values: [
                    "title": input.title ?? "", "problem": input.problem ?? "", "description": input.description ?? "",
                    "evidence": input.evidence ?? "", "contact": input.contact ?? "",
                    "providerName": input.providerName ?? "",
                ],
                errors: failure?.byField ?? [:]
            ),
            municipalities: municipalities,
            summary: failure.map { req.errorSummary($0) }
        )
        return try await req.view.render(
            "planning/practice-form",
            req.page(title: req.text(.planningNewPractice), context)
        )
    }

    func create(req: Request) async throws -> Response {
        let user = try req.require(.editPractices)
        let input = try req.content.decode(PracticeStore.Input.self)
        do {
            let draft = try await PracticeStore.validate(input, scope: user.scope(for: .editPractices), request: req)
            let practice = try await PracticeStore.create(draft, request: req)
            return req.redirect(to: "/practices/\(practice.id!)", flash: .saved)
        } catch let failure as ValidationFailure {
            return try await render(req, input: input, failure: failure).encodeResponse(
                status: .unprocessableEntity,
                for: req
            )
        }
    }

    func transfer(req: Request) async throws -> Response {
        let user = try req.require(.editPractices)
        let id = try req.uuidParameter("practiceID")
        let practice = try await PracticeStore.published(id, on: req.db)
        let input = try req.content.decode(PracticeStore.TransferInput.self)
        do {
            _ = try await PracticeStore.recordTransfer(
                input,
                practice: practice,
                scope: user.scope(for: .editPractices),
                request: req
            )
            return req.redirect(to: "/practices/\(id)#transfers", flash: .saved)
        } catch let failure as ValidationFailure {
            return try await PracticeCatalogueRoutes.render(req, id: id, input: input, failure: failure)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }
}

/// `/api/v1/planning/practices`: the catalogue as JSON, and adding to it.
struct PracticeAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(APIGuard()).grouped("planning", "practices")
        api.get(use: list)
        api.post(use: create)
        api.post(":practiceID", "transfers", use: transfer)
    }

    func list(req: Request) async throws -> Response {
        let practices = try await PracticeStore.search(try SearchText.from(req), on: req.db)
        return try req.json(try await PracticeSummary.build(practices, request: req))
    }

    func create(req: Request) async throws -> Response {
        let user = try req.require(.editPractices)
        let draft = try await PracticeStore.validate(
            try req.decodeJSON(PracticeStore.Input.self),
            scope: user.scope(for: .editPractices),
            request: req
        )
        let practice = try await PracticeStore.create(draft, request: req)
        return try req.json(try await PracticeSummary.build([practice], request: req)[0], status: .created)
    }

    func transfer(req: Request) async throws -> Response {
        let user = try req.require(.editPractices)
        let practice = try await PracticeStore.published(try req.uuidParameter("practiceID"), on: req.db)
        _ = try await PracticeStore.recordTransfer(
            try req.decodeJSON(PracticeStore.TransferInput.self),
            practice: practice,
            scope: user.scope(for: .editPractices),
            request: req
        )
        return try req.json(try await PracticeSummary.build([practice], request: req)[0], status: .created)
    }
}
