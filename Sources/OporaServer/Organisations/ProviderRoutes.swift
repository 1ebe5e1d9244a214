import Fluent
import OporaCore
import Vapor

/// Provider pages: the scoped register, details with services, create and edit.
struct ProviderRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let providers = routes.grouped("providers")
        providers.get(use: list)
        providers.get("new", use: newForm)
        providers.post(use: create)
        providers.get(":providerID", use: show)
        providers.get(":providerID", "edit", use: editForm)
        providers.post(":providerID", use: update)
    }

    struct ListContext: Encodable, Sendable {
        var q: String
        var rows: [ProviderRow]
        var page: Int
        var pages: Int
        var total: Int
        var previous: String?
        var next: String?
        var canCreate: Bool
    }

    func list(req: Request) async throws -> View {
        let user = try req.require(.viewProviders)
        let q = try SearchText.from(req)
        let page = try Paging.from(req).page
        let result = try await ProviderStore.list(
            user.scope(for: .viewProviders),
            q: q,
            page: page,
            perPage: 50,
            on: req.db
        )
        let names = try await municipalityNames(result.items.map(\.municipalityCode), on: req.db)
        let pages = max(result.metadata.pageCount, 1)
        let query = q.isEmpty ? "" : "&q=" + (q.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")
        let context = ListContext(
            q: q,
            rows: result.items.map {
                ProviderRow(
                    id: $0.id!.uuidString,
                    name: $0.name,
                    kind: $0.kind.label(in: req.language),
                    eik: $0.eik,
                    municipality: names[$0.municipalityCode] ?? $0.municipalityCode
                )
            },
            page: page,
            pages: pages,
            total: result.metadata.total,
            previous: page > 1 ? "/providers?page=\(page - 1)\(query)" : nil,
            next: page < pages ? "/providers?page=\(page + 1)\(query)" : nil,
            canCreate: user.can(.createProviders)
        )
        return try await req.view.render(
            "organisations/providers",
            req.page(title: req.text(.providersTitle), context)
        )
    }

    struct FormContext: Encodable, Sendable {
        var action: String
        var values: [String: String]
        var errors: [String: String]
        var summary: ErrorSummary?
        var kinds: [Choice]
        var municipalities: [Choice]
        var version: Int?
    }

    func newForm(req: Request) async throws -> View {
        let user = try req.require(.createProviders)
        return try await renderForm(req, user: user, action: "/providers", input: ProviderInput(), errors: [:])
    }

    private func renderForm(
        _ req: Request,
        user: CurrentUser,
        action: String,
        input: ProviderInput,
        errors: [String: String],
        summary: ErrorSummary? = nil
    ) async throws -> View {
        let scope = user.scope(for: .editProviders)
        let municipalities = try await TerritoryQueries.municipalities(oblast: nil, on: req.db)
            .filter {
                scope.coversTerritory(oblast: $0.oblastCode, municipality: $0.id!) || $0.id == input.municipalityCode
            }
        let values = [
            "name": input.name ?? "", "eik": input.eik ?? "", "address": input.address ?? "",
            "phone": input.phone ?? "", "email": input.email ?? "",
        ]
        let context = FormContext(
            action: action,
            values: values,
            errors: errors,
            summary: summary,
            kinds: Choices.kinds(req.language, selected: input.kind),
            municipalities: municipalities.map {
                Choice(value: $0.id!, label: $0.nameBG, selected: $0.id == input.municipalityCode)
            },
            version: input.version
        )
        return try await req.view.render(
            "organisations/provider-form",
            req.page(title: req.text(input.version == nil ? .providerNewTitle : .providerEditTitle), context)
        )
    }

    func create(req: Request) async throws -> Response {
        let user = try req.require(.createProviders)
        let input = try req.content.decode(ProviderInput.self)
        do {
            let draft = try await ProviderDraft.validate(input, request: req)
            let provider = try await ProviderStore.create(draft, user: user, request: req)
            return req.redirect(to: "/providers/\(provider.id!)", flash: .saved)
        } catch let failure as ValidationFailure {
            return try await renderForm(
                req,
                user: user,
                action: "/providers",
                input: input,
                errors: failure.byField,
                summary: req.errorSummary(failure)
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    struct ShowContext: Encodable, Sendable {
        var id: String
        var name: String
        var kind: String
        var eik: String
        var municipality: String
        var address: String
        var phone: String
        var email: String
        var services: [ServiceRow]
        var canEdit: Bool
        var canAddService: Bool
    }

    func show(req: Request) async throws -> View {
        let user = try req.require(.viewProviders)
        let id = try req.uuidParameter("providerID")
        let provider = try await ProviderStore.find(id, user.scope(for: .viewProviders), on: req.db)
        let services = try await ServiceStore.list(user.scope(for: .viewProviders), providerID: id, on: req.db)
        let settlements = try await settlementNames(services.map(\.settlementEkatte), on: req.db)
        let municipality = try await TerritoryQueries.municipality(provider.municipalityCode, on: req.db)
        let covers = { (permission: Permission) in
            user.scope(for: permission).covers(
                oblast: provider.oblastCode,
                municipality: provider.municipalityCode,
                provider: id
            )
        }
        let context = ShowContext(
            id: id.uuidString,
            name: provider.name,
            kind: provider.kind.label(in: req.language),
            eik: provider.eik,
            municipality: municipality?.nameBG ?? provider.municipalityCode,
            address: provider.address ?? "",
            phone: provider.phone ?? "",
            email: provider.email ?? "",
            services: services.map { $0.row(req.language, settlements: settlements) },
            canEdit: covers(.editProviders),
            canAddService: covers(.editServices)
        )
        return try await req.view.render("organisations/provider", req.page(title: provider.name, context))
    }

    func editForm(req: Request) async throws -> View {
        let user = try req.require(.editProviders)
        let id = try req.uuidParameter("providerID")
        let provider = try await ProviderStore.find(id, user.scope(for: .editProviders), on: req.db)
        let input = ProviderInput(
            name: provider.name,
            kind: provider.kind.rawValue,
            eik: provider.eik,
            municipalityCode: provider.municipalityCode,
            address: provider.address,
            phone: provider.phone,
            email: provider.email,
            version: provider.version
        )
        return try await renderForm(req, user: user, action: "/providers/\(id)", input: input, errors: [:])
    }

    func update(req: Request) async throws -> Response {
        let user = try req.require(.editProviders)
        let id = try req.uuidParameter("providerID")
        _ = try await ProviderStore.find(id, user.scope(for: .editProviders), on: req.db)
        let input = try req.content.decode(ProviderInput.self)
        do {
            let draft = try await ProviderDraft.validate(input, request: req)
            _ = try await ProviderStore.update(id, draft, version: input.version, user: user, request: req)
            return req.redirect(to: "/providers/\(id)", flash: .saved)
        } catch let failure as ValidationFailure {
            return try await renderForm(
                req,
                user: user,
                action: "/providers/\(id)",
                input: input,
                errors: failure.byField,
                summary: req.errorSummary(failure)
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        } catch is EditConflict {
            return try await renderForm(
                req,
                user: user,
                action: "/providers/\(id)",
                input: input,
                errors: [:],
                summary: req.errorSummary(message: req.text(.errorConflict))
            )
            .encodeResponse(status: .conflict, for: req)
        }
    }
}
