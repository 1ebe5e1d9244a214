import Fluent
import OporaCore
import Vapor

/// `/api/v1/providers` and `/api/v1/services`, with the same scope rules as the pages.
struct OrganisationAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(APIGuard())
        api.get("providers", use: providers)
        api.post("providers", use: createProvider)
        api.get("providers", ":providerID", use: provider)
        api.patch("providers", ":providerID", use: updateProvider)
        api.get("services", use: services)
        api.post("services", use: createService)
        api.get("services", ":serviceID", use: service)
        api.patch("services", ":serviceID", use: updateService)
    }

    func providers(req: Request) async throws -> Response {
        let user = try req.require(.viewProviders)
        let paging = try Paging.from(req)
        let result = try await ProviderStore.list(
            user.scope(for: .viewProviders),
            q: try SearchText.from(req),
            page: paging.page,
            perPage: paging.perPage,
            on: req.db
        )
        return try req.json(
            ListDTO(
                items: result.items.map(\.dto),
                page: paging.page,
                perPage: paging.perPage,
                total: result.metadata.total
            )
        )
    }

    func provider(req: Request) async throws -> Response {
        let user = try req.require(.viewProviders)
        let id = try req.uuidParameter("providerID")
        return try req.json(try await ProviderStore.find(id, user.scope(for: .viewProviders), on: req.db).dto)
    }

    func createProvider(req: Request) async throws -> Response {
        let user = try req.require(.createProviders)
        let draft = try await ProviderDraft.validate(try req.decodeJSON(ProviderInput.self), request: req)
        let provider = try await ProviderStore.create(draft, user: user, request: req)
        let response = try req.json(provider.dto, status: .created)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/providers/\(provider.id!)")
        return response
    }

    /// PATCH carries the whole editable provider and the version it was read at.
    func updateProvider(req: Request) async throws -> Response {
        let user = try req.require(.editProviders)
        let id = try req.uuidParameter("providerID")
        let existing = try await ProviderStore.find(id, user.scope(for: .editProviders), on: req.db)
        var input = try req.decodeJSON(ProviderInput.self)
        input.name = input.name ?? existing.name
        input.kind = input.kind ?? existing.kind.rawValue
        input.eik = input.eik ?? existing.eik
        input.municipalityCode = input.municipalityCode ?? existing.municipalityCode
        input.address = input.address ?? existing.address
        input.phone = input.phone ?? existing.phone
        input.email = input.email ?? existing.email
        let draft = try await ProviderDraft.validate(input, request: req)
        return try req.json(
            try await ProviderStore.update(id, draft, version: input.version, user: user, request: req).dto
        )
    }

    func services(req: Request) async throws -> Response {
        let user = try req.require(.viewProviders)
        var providerID: UUID?
        if let raw = req.query[String.self, at: "provider"] {
            guard let id = UUID(uuidString: raw) else {
                throw ValidationFailure(problems: [FieldProblem(field: "provider", message: req.text(.uuidInvalid))])
            }
            providerID = id
        }
        return try req.json(
            try await ServiceStore.list(user.scope(for: .viewProviders), providerID: providerID, on: req.db).map(\.dto)
        )
    }

    func service(req: Request) async throws -> Response {
        let user = try req.require(.viewProviders)
        let id = try req.uuidParameter("serviceID")
        return try req.json(try await ServiceStore.find(id, user.scope(for: .viewProviders), on: req.db).dto)
    }

    /// The JSON shape: numbers as numbers, unlike the form's strings.
    struct ServiceBody: Codable {
        var providerId: UUID?
        var name: String?
        var serviceType: String?
        var setting: String?
        var settlementEkatte: String?
        var capacityPlaces: Int?
        var capacityHoursPerWeek: Int?
        var targetGroups: [String]?
        var licenceNumber: String?
        var licenceExpiry: String?
        var version: Int?

        func input(fallback: ProvidedService? = nil) -> ServiceInput {
            ServiceInput(
                providerId: providerId?.uuidString,
                name: name ?? fallback?.name,
                serviceType: serviceType ?? fallback?.serviceType.rawValue,
                setting: setting ?? fallback?.setting.rawValue,
                settlementEkatte: settlementEkatte ?? fallback?.settlementEkatte,
                capacityPlaces: (capacityPlaces ?? fallback?.capacityPlaces).map(String.init),
                capacityHoursPerWeek: (capacityHoursPerWeek ?? fallback?.capacityHoursPerWeek).map(String.init),
                targetGroups: targetGroups ?? fallback?.targetGroupList.map(\.rawValue),
                licenceNumber: licenceNumber ?? fallback?.licenceNumber,
                licenceExpiry: licenceExpiry ?? fallback?.licenceExpiry,
                version: version
            )
        }
    }

    func createService(req: Request) async throws -> Response {
        let user = try req.require(.editServices)
        let body = try req.decodeJSON(ServiceBody.self)
        guard let providerID = body.providerId else {
            throw ValidationFailure(problems: [FieldProblem(field: "providerId", message: req.text(.errorRequired))])
        }
        let provider: Provider
        do {
            provider = try await ProviderStore.find(providerID, user.scope(for: .editServices), on: req.db)
        } catch {
            throw ValidationFailure(problems: [FieldProblem(field: "providerId", message: req.text(.providerUnknown))]
            )
        }
        let draft = try await ServiceDraft.validate(body.input(), provider: provider, request: req)
        let service = try await ServiceStore.create(draft, provider: provider, request: req)
        let response = try req.json(service.dto, status: .created)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/services/\(service.id!)")
        return response
    }

    func updateService(req: Request) async throws -> Response {
        let user = try req.require(.editServices)
        let id = try req.uuidParameter("serviceID")
        let existing = try await ServiceStore.find(id, user.scope(for: .editServices), on: req.db)
        let body = try req.decodeJSON(ServiceBody.self)
        let draft = try await ServiceDraft.validate(
            body.input(fallback: existing),
            provider: existing.provider,
            existing: existing,
            request: req
        )
        return try req.json(try await ServiceStore.update(id, draft, version: body.version, request: req).dto)
    }
}
