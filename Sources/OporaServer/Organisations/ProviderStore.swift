import Fluent
import OporaCore
import SQLKit
import Vapor

/// Provider queries and changes, always within the caller's scope.
enum ProviderStore {
    static func query(_ scope: AccessScope, on db: any Database) -> QueryBuilder<Provider> {
        Scoped.query(Provider.self, scope, on: db)
    }

    /// Every oblast the scope touches (a provider grant touches its provider's oblast): the
    /// register a user refers people to and asks free places of, and where the people they
    /// register may live.
    static func region(of scope: AccessScope, on db: any Database) async throws -> AccessScope {
        if scope.country { return scope }
        var oblasts = scope.oblasts.union(scope.municipalities.map { String($0.prefix(3)) })
        if !scope.providers.isEmpty {
            oblasts.formUnion(
                try await Scoped.unscoped(Provider.self, on: db, .authentication).filter(
                    \.$id ~~ Array(scope.providers)
                ).all(\.$oblastCode)
            )
        }
        return AccessScope(oblasts: oblasts)
    }

    static func list(
        _ scope: AccessScope,
        q: String,
        page: Int,
        perPage: Int,
        on db: any Database
    ) async throws -> Fluent.Page<Provider> {
        var query = query(scope, on: db)
        if !q.isEmpty {
            query = query.group(.or) { $0.filter(\.$name ~~ q).filter(\.$eik ~~ q) }
        }
        return try await query.sort(\.$sortKey).sort(\.$id).paginate(PageRequest(page: max(page, 1), per: perPage))
    }

    /// Not found when outside the scope, so the caller cannot tell it exists.
    static func find(_ id: UUID, _ scope: AccessScope, on db: any Database) async throws -> Provider {
        try await Scoped.find(Provider.self, id, scope, on: db)
    }

    static func create(_ draft: ProviderDraft, user: CurrentUser, request req: Request) async throws -> Provider {
        let scope = user.scope(for: .createProviders)
        guard scope.coversTerritory(oblast: draft.municipality.oblastCode, municipality: draft.municipality.id!) else {
            throw ValidationFailure(problems: [
                FieldProblem(field: "municipalityCode", message: req.text(.scopeBeyondYours))
            ])
        }
        let actor = req.auditActor
        let now = req.application.clock.now()
        let taken = req.text(.eikTaken)
        return try await req.write { db in
            try await ensureUniqueEIK(draft.eik, except: nil, on: db, message: taken)
            let provider = Provider()
            provider.version = 1
            let changes = draft.apply(to: provider)
            try await provider.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "provider.created",
                recordType: "provider",
                recordID: provider.id!.uuidString,
                changes: changes,
                at: now
            )
            return provider
        }
    }

    static func update(
        _ id: UUID,
        _ draft: ProviderDraft,
        version: Int?,
        user: CurrentUser,
        request req: Request
    ) async throws -> Provider {
        let scope = user.scope(for: .editProviders)
        let current = try await find(id, scope, on: req.db)
        let target = draft.municipality
        guard
            scope.mayMove(
                fromOblast: current.oblastCode,
                fromMunicipality: current.municipalityCode,
                toOblast: target.oblastCode,
                toMunicipality: target.id!
            )
        else {
            throw ValidationFailure(problems: [
                FieldProblem(field: "municipalityCode", message: req.text(.scopeMoveBeyondYours))
            ])
        }
        let taken = req.text(.eikTaken)
        return try await req.updateVersioned(Provider.self, id: id, expected: version, recordType: "provider") {
            provider,
            db in
            try await ensureUniqueEIK(draft.eik, except: id, on: db, message: taken)
            let changes = draft.apply(to: provider)
            if provider.municipalityCode != current.municipalityCode {
                try await UserDirectory.providerMoved(
                    id,
                    to: ScopePlace(oblast: provider.oblastCode, municipality: provider.municipalityCode),
                    on: db
                )
            }
            return changes.isEmpty ? nil : AuditedChange(action: "provider.updated", changes: changes)
        }
    }

    private static func ensureUniqueEIK(
        _ eik: String,
        except id: UUID?,
        on db: any Database,
        message: String
    ) async throws {
        var query = Scoped.unscoped(Provider.self, on: db, .uniqueness).filter(\.$eik == eik)
        if let id { query = query.filter(\.$id != id) }
        if try await query.first() != nil {
            throw ValidationFailure(problems: [FieldProblem(field: "eik", message: message)])
        }
    }
}
