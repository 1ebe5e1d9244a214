import Fluent
import Vapor

/// Oblasts, municipalities and settlements (EKATTE): a reference capability every other one
/// reads through `TerritoryQueries` and never writes.
struct TerritoryCapability: Capability {
    func migrations(key: DataKey) -> [any Migration] { [CreateTerritory()] }

    func pages(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: TerritoryRoutes())
    }

    func api(_ routes: any RoutesBuilder) throws {
        try routes.register(collection: TerritoryAPI())
    }

    var navigation: [NavigationEntry] {
        [NavigationEntry(href: "/territory", label: .navTerritory, permission: nil, position: 400)]
    }
}
