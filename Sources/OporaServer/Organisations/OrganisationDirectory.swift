import Fluent
import OporaCore
import Vapor

/// The oblasts, municipalities and providers that accounts and grants name, for Platform's
/// accounts (`ScopeDirectory`).
struct OrganisationDirectory: ScopeDirectory {
    func name(of kind: ScopeKind, _ code: String, in language: Language, on db: any Database) async throws -> String? {
        switch kind {
        case .country:
            return code.isEmpty ? kind.label(in: language) : nil
        case .oblast:
            return try await TerritoryQueries.oblast(code, on: db).map { language == .bg ? $0.nameBG : $0.nameLatin }
        case .municipality:
            return try await TerritoryQueries.municipality(code, on: db).map {
                language == .bg ? $0.nameBG : $0.nameLatin
            }
        case .provider:
            return try await provider(code, on: db)?.name
        case .person:
            // A file is not a unit of the organisations; its holder's page names the person.
            return nil
        }
    }

    func place(of kind: ScopeKind, _ code: String, on db: any Database) async throws -> ScopePlace? {
        switch kind {
        case .country:
            return nil
        case .oblast:
            return try await TerritoryQueries.oblast(code, on: db).map { ScopePlace(oblast: $0.id!, municipality: nil) }
        case .municipality:
            return try await TerritoryQueries.municipality(code, on: db).map {
                ScopePlace(oblast: $0.oblastCode, municipality: $0.id!)
            }
        case .provider:
            return try await provider(code, on: db).map {
                ScopePlace(oblast: $0.oblastCode, municipality: $0.municipalityCode)
            }
        case .person:
            return nil
        }
    }

    func providers(in scope: AccessScope, on db: any Database) async throws -> [ScopeUnit] {
        try await ProviderStore.query(scope, on: db).sort(\.$sortKey).all().map {
            ScopeUnit(code: $0.id!.uuidString, name: $0.name)
        }
    }

    func providerNames(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let providers = try await Scoped.unscoped(Provider.self, on: db, .throughParent).filter(\.$id ~~ Array(ids))
            .all()
        return Dictionary(uniqueKeysWithValues: providers.map { ($0.id!, $0.name) })
    }

    /// Grants and accounts name providers in or out of the asker's scope; the callers decide what
    /// the asker may learn.
    private func provider(_ code: String, on db: any Database) async throws -> Provider? {
        guard let id = UUID(uuidString: code) else { return nil }
        return try await Scoped.unscopedFind(Provider.self, id, on: db, .uniqueness)
    }
}
