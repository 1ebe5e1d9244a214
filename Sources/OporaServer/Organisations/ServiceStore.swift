import Fluent
import OporaCore
import Vapor

/// The register of services, always within the caller's scope.
enum ServiceStore {
    static func query(_ scope: AccessScope, on db: any Database) -> QueryBuilder<ProvidedService> {
        Scoped.query(ProvidedService.self, scope, on: db)
    }

    static func list(_ scope: AccessScope, providerID: UUID?, on db: any Database) async throws -> [ProvidedService] {
        var query = query(scope, on: db).with(\.$provider)
        if let providerID { query = query.filter(\.$provider.$id == providerID) }
        return try await query.sort(\.$name).all()
    }

    static func find(_ id: UUID, _ scope: AccessScope, on db: any Database) async throws -> ProvidedService {
        guard let service = try await query(scope, on: db).filter(\.$id == id).with(\.$provider).first() else {
            throw Abort(.notFound)
        }
        return service
    }

    static func create(_ draft: ServiceDraft, provider: Provider, request req: Request) async throws -> ProvidedService
    {
        let actor = req.auditActor
        let now = req.application.clock.now()
        let providerID = try provider.requireID()
        return try await req.write { db in
            let service = ProvidedService()
            service.version = 1
            service.$provider.id = providerID
            let changes = draft.apply(to: service)
            try await service.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "service.created",
                recordType: "service",
                recordID: service.id!.uuidString,
                changes: changes,
                at: now
            )
            return service
        }
    }

    static func update(
        _ id: UUID,
        _ draft: ServiceDraft,
        version: Int?,
        request req: Request
    ) async throws -> ProvidedService {
        try await req.updateVersioned(ProvidedService.self, id: id, expected: version, recordType: "service") {
            service,
            _ in
            let changes = draft.apply(to: service)
            return changes.isEmpty ? nil : AuditedChange(action: "service.updated", changes: changes)
        }
    }
}
