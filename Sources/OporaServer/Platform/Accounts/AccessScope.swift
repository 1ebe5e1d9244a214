import Fluent
import OporaCore
import SQLKit
import Vapor

/// What part of the territory and which providers a signed-in user may see.
///
/// Every query for scoped records goes through `restrict`, so no page or API call lists records
/// first and filters later; a record outside the scope is simply not found (404), which keeps its
/// existence private.
struct AccessScope: Sendable, Equatable {
    var country = false
    var oblasts: Set<String> = []
    var municipalities: Set<String> = []
    var providers: Set<UUID> = []
    /// Files named one by one (a service user's); only models that say which person they belong to
    /// honour it, every other record stays out of reach of such a scope.
    var people: Set<UUID> = []

    static let nothing = AccessScope()

    init(
        country: Bool = false,
        oblasts: Set<String> = [],
        municipalities: Set<String> = [],
        providers: Set<UUID> = [],
        people: Set<UUID> = []
    ) {
        self.country = country
        self.oblasts = oblasts
        self.municipalities = municipalities
        self.providers = providers
        self.people = people
    }

    /// The union of the scopes of the grants whose role satisfies `roles`.
    init(grants: [GrantValue], roles: Set<Role>) {
        for grant in grants where roles.contains(grant.role) {
            switch grant.scopeKind {
            case .country: country = true
            case .oblast: oblasts.insert(grant.scopeCode)
            case .municipality: municipalities.insert(grant.scopeCode)
            case .provider: if let id = UUID(uuidString: grant.scopeCode) { providers.insert(id) }
            case .person: if let id = UUID(uuidString: grant.scopeCode) { people.insert(id) }
            }
        }
    }

    var isEmpty: Bool { !country && oblasts.isEmpty && municipalities.isEmpty && providers.isEmpty }

    func covers(oblast: String, municipality: String, provider: UUID?) -> Bool {
        if country || oblasts.contains(oblast) || municipalities.contains(municipality) { return true }
        if let provider { return providers.contains(provider) }
        return false
    }

    func coversTerritory(oblast: String, municipality: String?) -> Bool {
        country || oblasts.contains(oblast) || municipality.map { municipalities.contains($0) } == true
    }

    /// Where a record sits decides who sees it, so only a role whose territory (the country, an
    /// oblast or a municipality; never a provider grant) covers both the old and the new place may
    /// move a record to another municipality.
    func mayMove(fromOblast: String, fromMunicipality: String, toOblast: String, toMunicipality: String) -> Bool {
        fromMunicipality == toMunicipality
            || (coversTerritory(oblast: fromOblast, municipality: fromMunicipality)
                && coversTerritory(oblast: toOblast, municipality: toMunicipality))
    }

    /// Limits a query to records whose oblast, municipality or provider lies in this scope.
    func restrict<M: Model, P: QueryableProperty>(
        _ query: QueryBuilder<M>,
        oblast: KeyPath<M, FieldProperty<M, String>>,
        municipality: KeyPath<M, FieldProperty<M, String>>,
        provider: KeyPath<M, P>
    ) -> QueryBuilder<M> where P.Model == M, P.Value == UUID {
        if country { return query }
        if isEmpty { return query.filter(.sql(unsafeRaw: "1 = 0")) }
        return query.group(.or) { group in
            if !oblasts.isEmpty { group.filter(oblast ~~ Array(oblasts)) }
            if !municipalities.isEmpty { group.filter(municipality ~~ Array(municipalities)) }
            if !providers.isEmpty { group.filter(provider ~~ Array(providers)) }
        }
    }

    /// The same for records that belong to one person, which a scope of named files also reaches.
    func restrict<M: Model, P: QueryableProperty, Q: QueryableProperty>(
        _ query: QueryBuilder<M>,
        oblast: KeyPath<M, FieldProperty<M, String>>,
        municipality: KeyPath<M, FieldProperty<M, String>>,
        provider: KeyPath<M, P>,
        person: KeyPath<M, Q>
    ) -> QueryBuilder<M> where P.Model == M, P.Value == UUID, Q.Model == M, Q.Value == UUID {
        if country { return query }
        if isEmpty && people.isEmpty { return query.filter(.sql(unsafeRaw: "1 = 0")) }
        return query.group(.or) { group in
            if !oblasts.isEmpty { group.filter(oblast ~~ Array(oblasts)) }
            if !municipalities.isEmpty { group.filter(municipality ~~ Array(municipalities)) }
            if !providers.isEmpty { group.filter(provider ~~ Array(providers)) }
            if !people.isEmpty { group.filter(person ~~ Array(people)) }
        }
    }

    /// The same for records placed in the territory but not owned by a provider.
    func restrict<M: Model>(
        _ query: QueryBuilder<M>,
        oblast: KeyPath<M, FieldProperty<M, String>>,
        municipality: KeyPath<M, FieldProperty<M, String>>
    ) -> QueryBuilder<M> {
        if country { return query }
        if oblasts.isEmpty && municipalities.isEmpty { return query.filter(.sql(unsafeRaw: "1 = 0")) }
        return query.group(.or) { group in
            if !oblasts.isEmpty { group.filter(oblast ~~ Array(oblasts)) }
            if !municipalities.isEmpty { group.filter(municipality ~~ Array(municipalities)) }
        }
    }
}

/// A role grant as plain values, detached from Fluent so it can be kept on the request.
struct GrantValue: Sendable, Equatable, Codable {
    var id: UUID?
    var role: Role
    var scopeKind: ScopeKind
    var scopeCode: String
}
