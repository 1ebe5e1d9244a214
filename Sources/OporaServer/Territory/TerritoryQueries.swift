import Fluent
import OporaCore
import Vapor

/// Territory is public reference data: every signed-in role may read all of it.
enum TerritoryQueries {
    static func oblast(_ code: String, on db: any Database) async throws -> Oblast? {
        try await Oblast.find(code, on: db)
    }

    static func municipality(_ code: String, on db: any Database) async throws -> Municipality? {
        try await Municipality.find(code, on: db)
    }

    static func settlement(_ ekatte: String, on db: any Database) async throws -> Settlement? {
        try await Settlement.find(ekatte, on: db)
    }

    /// A municipality's settlements in EKATTE order, which renaming a village does not change.
    static func settlementsInCodeOrder(municipality: String, on db: any Database) async throws -> [Settlement] {
        try await Settlement.query(on: db).filter(\.$municipalityCode == municipality).sort(\.$id).all()
    }

    /// The settlements with these EKATTE codes, with their coordinates; unknown codes are left out.
    static func settlements(codes: [String], on db: any Database) async throws -> [Settlement] {
        guard !codes.isEmpty else { return [] }
        return try await Settlement.query(on: db).filter(\.$id ~~ codes).all()
    }

    /// The municipalities of these oblasts and these codes together, such as a scope reaches.
    static func municipalities(oblasts: [String], codes: [String], on db: any Database) async throws -> [Municipality] {
        guard !oblasts.isEmpty || !codes.isEmpty else { return [] }
        return try await Municipality.query(on: db).group(.or) { group in
            if !oblasts.isEmpty { group.filter(\.$oblastCode ~~ oblasts) }
            if !codes.isEmpty { group.filter(\.$id ~~ codes) }
        }.sort(\.$sortKey).all()
    }

    /// Every settlement of these municipalities, with coordinates and population.
    static func settlements(municipalities codes: [String], on db: any Database) async throws -> [Settlement] {
        guard !codes.isEmpty else { return [] }
        return try await Settlement.query(on: db).filter(\.$municipalityCode ~~ codes).all()
    }

    static func oblasts(on db: any Database) async throws -> [Oblast] {
        try await Oblast.query(on: db).sort(\.$sortKey).all()
    }

    static func municipalities(oblast: String?, on db: any Database) async throws -> [Municipality] {
        var query = Municipality.query(on: db)
        if let oblast { query = query.filter(\.$oblastCode == oblast) }
        return try await query.sort(\.$sortKey).all()
    }

    /// Settlements of a municipality, or those whose Bulgarian or Latin name contains `q`.
    static func settlements(
        municipality: String?,
        q: String?,
        limit: Int,
        on db: any Database
    ) async throws -> [Settlement] {
        var query = Settlement.query(on: db)
        if let municipality { query = query.filter(\.$municipalityCode == municipality) }
        if let q, !q.isEmpty {
            query = query.group(.or) { $0.filter(\.$nameBG ~~ q).filter(\.$nameLatin ~~ q) }
        }
        return try await query.sort(\.$sortKey).sort(\.$id).limit(limit).all()
    }
}

/// EKATTE codes to Bulgarian names, for lists that show many records at once.
func municipalityNames(_ codes: [String], on db: any Database) async throws -> [String: String] {
    try await TerritoryNames.shared.municipalityNames(codes, on: db)
}

func settlementNames(_ codes: [String], on db: any Database) async throws -> [String: String] {
    try await TerritoryNames.shared.settlementNames(codes, on: db)
}
