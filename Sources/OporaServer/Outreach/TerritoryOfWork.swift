import Fluent
import Foundation
import OporaCore
import Vapor

/// A neighbourhood as its team sees it: its blocks in order, each with its entrances, who is
/// assigned to each, and the entrance's last visit with what came of it.
struct NeighbourhoodMap: Sendable {
    struct Entrance: Sendable {
        var entrance: OutreachEntrance
        var layout: EntranceLayout
        var workers: [User]
        var lastContact: OutreachContact?
        /// Flats where someone was met, and their families' stages.
        var stages: [EngagementStage: Int]
    }

    struct Block: Sendable {
        var block: OutreachBlock
        var entrances: [Entrance]
    }

    var neighbourhood: Neighbourhood
    var blocks: [Block]
    /// The provider's outreach workers, who may be assigned.
    var team: [User]

    var entrances: [Entrance] { blocks.flatMap(\.entrances) }
}

/// The territory of the work, always within the caller's reach.
enum TerritoryOfWork {
    static func neighbourhoods(_ reach: OutreachReach, on db: any Database) async throws -> [Neighbourhood] {
        try await reach.neighbourhoods(on: db).sort(\.$sortKey).all()
    }

    /// The provider's outreach workers in Bulgarian order.
    static func team(of provider: UUID, on db: any Database) async throws -> [User] {
        try await UserDirectory.query(scope: AccessScope(providers: [provider]), on: db)
            .filter(\.$disabled == false)
            .with(\.$grants)
            .sort(\.$sortKey)
            .all()
            .filter { $0.grants.contains { $0.role == .outreachWorker } }
    }

    static func map(_ neighbourhood: Neighbourhood, on db: any Database) async throws -> NeighbourhoodMap {
        let id = neighbourhood.id!
        let blocks = try await OutreachBlock.query(on: db).filter(\.$neighbourhoodID == id).sort(\.$position).all()
        let entrances = try await OutreachEntrance.query(on: db).filter(\.$neighbourhoodID == id)
            .sort(\.$position).all()
        let assignments = try await EntranceAssignment.query(on: db).filter(\.$neighbourhoodID == id).all()
        let team = try await team(of: neighbourhood.providerID, on: db)
        let people = Dictionary(uniqueKeysWithValues: team.map { ($0.id!, $0) })
        // Every contact of the neighbourhood, read through the neighbourhood found in reach.
        let contacts = try await Scoped.unscoped(OutreachContact.self, on: db, .throughParent)
            .filter(\.$neighbourhoodID == id)
            .sort(\.$day, .descending).sort(\.$createdAt, .descending)
            .all()
        let byEntrance = Dictionary(grouping: contacts, by: \.entranceID)
        let rows = entrances.compactMap { entrance -> NeighbourhoodMap.Entrance? in
            guard let layout = entrance.layout else { return nil }
            let own = byEntrance[entrance.id!] ?? []
            return NeighbourhoodMap.Entrance(
                entrance: entrance,
                layout: layout,
                workers: assignments.filter { $0.entranceID == entrance.id }.compactMap { people[$0.userID] }
                    .sorted { $0.sortKey < $1.sortKey },
                lastContact: own.first,
                stages: FamilyStages.count(own)
            )
        }
        return NeighbourhoodMap(
            neighbourhood: neighbourhood,
            blocks: blocks.map { block in
                NeighbourhoodMap.Block(block: block, entrances: rows.filter { $0.entrance.blockID == block.id })
            },
            team: team
        )
    }

    /// The entrances the worker is assigned to, with their neighbourhood and block, in the
    /// schematic's order: the door page's choice.
    static func entrances(
        of worker: UUID,
        _ reach: OutreachReach,
        on db: any Database
    ) async throws -> [(Neighbourhood, OutreachBlock, OutreachEntrance)] {
        let neighbourhoods = try await neighbourhoods(reach, on: db)
        let assigned = Set(
            try await EntranceAssignment.query(on: db).filter(\.$userID == worker)
                .filter(\.$neighbourhoodID ~~ neighbourhoods.compactMap(\.id)).all().map(\.entranceID)
        )
        guard !assigned.isEmpty else { return [] }
        let entrances = try await OutreachEntrance.query(on: db).filter(\.$id ~~ Array(assigned)).all()
        let blocks = Dictionary(
            uniqueKeysWithValues: try await OutreachBlock.query(on: db)
                .filter(\.$id ~~ Array(Set(entrances.map(\.blockID)))).all().map { ($0.id!, $0) }
        )
        let order = Dictionary(uniqueKeysWithValues: neighbourhoods.enumerated().map { ($1.id!, $0) })
        return entrances.compactMap { entrance in
            guard let block = blocks[entrance.blockID],
                let neighbourhood = neighbourhoods.first(where: { $0.id == entrance.neighbourhoodID })
            else { return nil }
            return (neighbourhood, block, entrance)
        }.sorted {
            (order[$0.0.id!]!, $0.1.position, $0.2.position) < (order[$1.0.id!]!, $1.1.position, $1.2.position)
        }
    }

    /// An entrance of a neighbourhood in reach; 404 otherwise.
    static func entrance(
        _ id: UUID,
        _ reach: OutreachReach,
        on db: any Database
    ) async throws -> (Neighbourhood, OutreachEntrance) {
        guard let entrance = try await OutreachEntrance.find(id, on: db) else { throw Abort(.notFound) }
        let neighbourhood = try await reach.neighbourhood(entrance.neighbourhoodID, on: db)
        return (neighbourhood, entrance)
    }

    static func isAssigned(_ worker: UUID, to entrance: OutreachEntrance, on db: any Database) async throws -> Bool {
        try await EntranceAssignment.query(on: db).filter(\.$entranceID == entrance.id!).filter(\.$userID == worker)
            .first() != nil
    }

    /// Assigns a worker of the neighbourhood's team to the entrance, or takes them off it.
    static func assign(
        _ worker: User,
        to entrance: OutreachEntrance,
        assigned: Bool,
        request req: Request
    ) async throws {
        let actor = req.auditActor
        let now = req.application.clock.now()
        try await req.write { db in
            let existing = try await EntranceAssignment.query(on: db)
                .filter(\.$entranceID == entrance.id!).filter(\.$userID == worker.id!).first()
            if assigned, existing == nil {
                let row = EntranceAssignment()
                row.entranceID = entrance.id!
                row.neighbourhoodID = entrance.neighbourhoodID
                row.userID = worker.id!
                try await row.create(on: db)
            } else if !assigned, let existing {
                try await existing.delete(on: db)
            } else {
                return
            }
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: assigned ? "outreach.assigned" : "outreach.unassigned",
                recordType: "outreach_entrance",
                recordID: entrance.id!.uuidString,
                changes: [FieldChange(field: "worker", old: nil, new: worker.username)],
                at: now
            )
        }
    }
}

/// How many families of an entrance stand at each stage, from its contacts (one family a flat).
enum FamilyStages {
    static func count(_ contacts: [OutreachContact]) -> [EngagementStage: Int] {
        let met = contacts.filter { $0.contactOutcome == .met }
        var out: [EngagementStage: Int] = [:]
        for (_, flat) in Dictionary(grouping: met, by: \.flat) {
            if let stage = EngagementStage.of(contacts: flat.count, consented: false, hasPlan: false, handedOver: false)
            {
                out[stage, default: 0] += 1
            }
        }
        return out
    }
}
