import Fluent
import NIOConcurrencyHelpers
import SQLKit

/// Names of settlements and municipalities, read once per process.
///
/// The territory is the EKATTE classifier bundled with the server: only a migration writes it, and
/// it is the same in every database. Reading it as models on every page was a quarter of the people
/// list's time (bench/http/RESULTS.md), so lists and selects ask this instead.
final class TerritoryNames: Sendable {
    static let shared = TerritoryNames()

    struct Place: Sendable {
        var code: String
        var name: String
    }

    private struct Loaded: Sendable {
        var settlements: [String: String]
        var municipalities: [String: String]
        /// Each municipality's settlements in Bulgarian order.
        var settlementsByMunicipality: [String: [Place]]
        var allSettlements: [Place]
    }

    private let loaded = NIOLockedValueBox<Loaded?>(nil)

    func settlementNames(_ codes: [String], on db: any Database) async throws -> [String: String] {
        let all = try await load(on: db).settlements
        return Dictionary(uniqueKeysWithValues: Set(codes).compactMap { code in all[code].map { (code, $0) } })
    }

    func municipalityNames(_ codes: [String], on db: any Database) async throws -> [String: String] {
        let all = try await load(on: db).municipalities
        return Dictionary(uniqueKeysWithValues: Set(codes).compactMap { code in all[code].map { (code, $0) } })
    }

    /// A municipality's settlements, or the country's first `limit` without one, in Bulgarian order.
    func settlements(of municipality: String?, limit: Int = 1000, on db: any Database) async throws -> [Place] {
        let loaded = try await load(on: db)
        guard let municipality else { return Array(loaded.allSettlements.prefix(limit)) }
        return Array((loaded.settlementsByMunicipality[municipality] ?? []).prefix(limit))
    }

    private func load(on db: any Database) async throws -> Loaded {
        if let loaded = loaded.withLockedValue({ $0 }) { return loaded }
        let sql = try db.sql()
        struct Row: Decodable {
            var code: String
            var name_bg: String
            var municipality_code: String
        }
        let settlements = try await sql.raw(
            "SELECT ekatte AS code, name_bg, municipality_code FROM \(ident: Settlement.schema) ORDER BY sort_key, ekatte"
        ).all(decoding: Row.self)
        let municipalities = try await sql.raw(
            "SELECT code, name_bg, code AS municipality_code FROM \(ident: Municipality.schema)"
        ).all(decoding: Row.self)
        var byMunicipality: [String: [Place]] = [:]
        for row in settlements {
            byMunicipality[row.municipality_code, default: []].append(Place(code: row.code, name: row.name_bg))
        }
        let result = Loaded(
            settlements: Dictionary(uniqueKeysWithValues: settlements.map { ($0.code, $0.name_bg) }),
            municipalities: Dictionary(uniqueKeysWithValues: municipalities.map { ($0.code, $0.name_bg) }),
            settlementsByMunicipality: byMunicipality,
            allSettlements: settlements.map { Place(code: $0.code, name: $0.name_bg) }
        )
        // An empty territory is a database not yet migrated; it is not kept.
        if !settlements.isEmpty { loaded.withLockedValue { $0 = result } }
        return result
    }
}
