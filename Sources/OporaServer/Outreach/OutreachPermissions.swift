import Fluent
import Foundation
import OporaCore
import Vapor

extension Permission {
    /// See the neighbourhoods, their entrances and what came of the visits: the team's workers
    /// (their own neighbourhoods), the provider's manager and coordinator, and the municipality's
    /// director for every team there.
    static let viewOutreach = Permission(
        name: "viewOutreach",
        roles: [.municipalDirector, .providerManager, .coordinator, .outreachWorker]
    )
    /// Knock on doors and log the contacts: the outreach workers.
    static let recordOutreachContacts = Permission(name: "recordOutreachContacts", roles: [.outreachWorker])
    /// Assign the team's workers to entrances: the provider's manager and coordinator.
    static let assignOutreachWorkers = Permission(
        name: "assignOutreachWorkers",
        roles: [.providerManager, .coordinator]
    )
}

/// How far a user reaches in outreach: the scope of their grants, narrowed for an outreach worker
/// (who holds no wider grant) to the neighbourhoods where they are assigned an entrance.
///
/// A worker sees the neighbourhood they walk, not every neighbourhood their provider works in:
/// what a family said at the door is for the team on that staircase.
struct OutreachReach: Sendable {
    var scope: AccessScope
    /// Set when the user reaches only through an outreach worker's grant.
    var worker: UUID?

    init(_ user: CurrentUser, _ permission: Permission) {
        scope = user.scope(for: permission)
        let wider = AccessScope(grants: user.grants, roles: permission.roles.subtracting([.outreachWorker]))
        worker = wider.isEmpty ? user.id : nil
    }

    /// The neighbourhoods in reach, as a query to go on with.
    func neighbourhoods(on db: any Database) async throws -> QueryBuilder<Neighbourhood> {
        let query = Scoped.query(Neighbourhood.self, scope, on: db)
        guard let worker else { return query }
        let assigned = try await EntranceAssignment.query(on: db).filter(\.$userID == worker).all()
        return query.filter(\.$id ~~ Array(Set(assigned.map(\.neighbourhoodID))))
    }

    /// The neighbourhood if it lies in reach; 404 otherwise, as for an id that does not exist.
    func neighbourhood(_ id: UUID, on db: any Database) async throws -> Neighbourhood {
        guard let found = try await neighbourhoods(on: db).filter(\.$id == id).first() else {
            throw Abort(.notFound)
        }
        return found
    }
}
