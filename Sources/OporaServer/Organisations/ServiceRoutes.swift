import Fluent
import OporaCore
import Vapor

/// Service pages: add a service to a provider, see and edit it.
struct ServiceRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("providers", ":providerID", "services", "new", use: newForm)
        routes.post("providers", ":providerID", "services", use: create)
        routes.get("services", ":serviceID", use: show)
        routes.get("services", ":serviceID", "edit", use: editForm)
        routes.post("services", ":serviceID", use: update)
    }

    struct FormContext: Encodable, Sendable {
        var action: String
        var providerName: String
        var providerHref: String
        var values: [String: String]
        var errors: [String: String]
        var summary: ErrorSummary?
        var types: [Choice]
        var settings: [Choice]
        var settlements: [Choice]
        var targetGroups: [Choice]
        var version: Int?
    }

    private func editableProvider(_ req: Request) async throws -> (CurrentUser, Provider) {
        let user = try req.require(.editServices)
        let id = try req.uuidParameter("providerID")
        return (user, try await ProviderStore.find(id, user.scope(for: .editServices), on: req.db))
    }

    func newForm(req: Request) async throws -> View {
        let (_, provider) = try await editableProvider(req)
        let input = ServiceInput(targetGroups: [])
        return try await renderForm(
            req,
            provider: provider,
            action: "/providers/\(provider.id!)/services",
            input: input,
            errors: [:]
        )
    }

    private func renderForm(
        _ req: Request,
        provider: Provider,
        action: String,
        input: ServiceInput,
        errors: [String: String],
        summary: ErrorSummary? = nil
    ) async throws -> View {
        let language = req.language
        let settlements = try await TerritoryNames.shared.settlements(of: provider.municipalityCode, on: req.db)
        let context = FormContext(
            action: action,
            providerName: provider.name,
            providerHref: "/providers/\(provider.id!)",
            values: [
                "name": input.name ?? "", "capacityPlaces": input.capacityPlaces ?? "",
                "capacityHoursPerWeek": input.capacityHoursPerWeek ?? "", "licenceNumber": input.licenceNumber ?? "",
                "licenceExpiry": input.licenceExpiry ?? "",
            ],
            errors: errors,
            summary: summary,
            types: Choices.serviceTypes(language, selected: input.serviceType),
            settings: Choices.settings(language, selected: input.setting),
            settlements: settlements.map {
                Choice(value: $0.code, label: $0.name, selected: $0.code == input.settlementEkatte)
            },
            targetGroups: Choices.targetGroups(language, selected: input.targetGroups ?? []),
            version: input.version
        )
        return try await req.view.render(
            "organisations/service-form",
            req.page(title: req.text(input.version == nil ? .serviceNewTitle : .serviceEditTitle), context)
        )
    }

    func create(req: Request) async throws -> Response {
        let (_, provider) = try await editableProvider(req)
        let input = try req.content.decode(ServiceInput.self)
        do {
            let draft = try await ServiceDraft.validate(input, provider: provider, request: req)
            let service = try await ServiceStore.create(draft, provider: provider, request: req)
            return req.redirect(to: "/services/\(service.id!)", flash: .saved)
        } catch let failure as ValidationFailure {
            return try await renderForm(
                req,
                provider: provider,
                action: "/providers/\(provider.id!)/services",
                input: input,
                errors: failure.byField,
                summary: req.errorSummary(failure)
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    struct ShowContext: Encodable, Sendable {
        var service: ServiceRow
        var providerName: String
        var providerHref: String
        var targetGroups: [String]
        var canEdit: Bool
    }

    func show(req: Request) async throws -> View {
        let user = try req.require(.viewProviders)
        let id = try req.uuidParameter("serviceID")
        let service = try await ServiceStore.find(id, user.scope(for: .viewProviders), on: req.db)
        let settlements = try await settlementNames([service.settlementEkatte], on: req.db)
        let context = ShowContext(
            service: service.row(req.language, settlements: settlements),
            providerName: service.provider.name,
            providerHref: "/providers/\(service.$provider.id)",
            targetGroups: service.targetGroupList.map { $0.label(in: req.language) },
            canEdit: user.scope(for: .editServices).covers(
                oblast: service.oblastCode,
                municipality: service.municipalityCode,
                provider: service.$provider.id
            )
        )
        return try await req.view.render("organisations/service", req.page(title: service.name, context))
    }

    private func editableService(_ req: Request) async throws -> ProvidedService {
        let user = try req.require(.editServices)
        let id = try req.uuidParameter("serviceID")
        return try await ServiceStore.find(id, user.scope(for: .editServices), on: req.db)
    }

    func editForm(req: Request) async throws -> View {
        let service = try await editableService(req)
        let input = ServiceInput(
            name: service.name,
            serviceType: service.serviceType.rawValue,
            setting: service.setting.rawValue,
            settlementEkatte: service.settlementEkatte,
            capacityPlaces: service.capacityPlaces.map(String.init),
            capacityHoursPerWeek: service.capacityHoursPerWeek.map(String.init),
            targetGroups: service.targetGroupList.map(\.rawValue),
            licenceNumber: service.licenceNumber,
            licenceExpiry: service.licenceExpiry,
            version: service.version
        )
        return try await renderForm(
            req,
            provider: service.provider,
            action: "/services/\(service.id!)",
            input: input,
            errors: [:]
        )
    }

    func update(req: Request) async throws -> Response {
        let service = try await editableService(req)
        let input = try req.content.decode(ServiceInput.self)
        let action = "/services/\(service.id!)"
        do {
            let draft = try await ServiceDraft.validate(
                input,
                provider: service.provider,
                existing: service,
                request: req
            )
            _ = try await ServiceStore.update(service.id!, draft, version: input.version, request: req)
            return req.redirect(to: action, flash: .saved)
        } catch let failure as ValidationFailure {
            return try await renderForm(
                req,
                provider: service.provider,
                action: action,
                input: input,
                errors: failure.byField,
                summary: req.errorSummary(failure)
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        } catch is EditConflict {
            return try await renderForm(
                req,
                provider: service.provider,
                action: action,
                input: input,
                errors: [:],
                summary: req.errorSummary(message: req.text(.errorConflict))
            )
            .encodeResponse(status: .conflict, for: req)
        }
    }
}
