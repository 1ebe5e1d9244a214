import Fluent
import Foundation
import OporaCore
import SQLKit

/// Reads the EKATTE CSV files bundled with the server (see `Data/SOURCES.md`).
enum TerritoryData {
    static func rows(_ file: String) throws -> [[String: String]] {
        guard let url = Bundle.module.url(forResource: file, withExtension: "csv", subdirectory: "Data") else {
            throw TerritoryDataMissing(file: file)
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { return [] }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        // The files are documented as quoted only where needed, and no value needs quoting.
        return lines.map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
    }

    static func load(into database: any Database) async throws {
        let oblasts = try rows("oblasts")
        let municipalities = try rows("municipalities")
        let settlements = try rows("settlements")
        try await database.transaction { db in
            let sql = try db.sql()
            for chunk in oblasts.chunked(200) {
                let rows: [[any SQLExpression]] = chunk.map { r in
                    let values: [String] = [
                        r["oblast_code"]!, r["name_bg"]!, r["name_latin"]!, BulgarianCollation.sortKey(r["name_bg"]!),
                        r["ekatte_of_centre"]!, r["nuts3"]!,
                    ]
                    return values.map { SQLBind($0) }
                }
                try await sql.insert(into: Oblast.schema)
                    .columns("code", "name_bg", "name_latin", "sort_key", "centre_ekatte", "nuts3")
                    .rows(rows)
                    .run()
            }
            for chunk in municipalities.chunked(200) {
                let rows: [[any SQLExpression]] = chunk.map { r in
                    let values: [String] = [
                        r["municipality_code"]!, r["oblast_code"]!, r["name_bg"]!, r["name_latin"]!,
                        BulgarianCollation.sortKey(r["name_bg"]!), r["ekatte_of_centre"]!,
                    ]
                    return values.map { SQLBind($0) }
                }
                try await sql.insert(into: Municipality.schema)
                    .columns("code", "oblast_code", "name_bg", "name_latin", "sort_key", "centre_ekatte")
                    .rows(rows)
                    .run()
            }
            for chunk in settlements.chunked(200) {
                let rows: [[any SQLExpression]] = chunk.map(settlementRow)
                try await sql.insert(into: Settlement.schema)
                    .columns(
                        "ekatte",
                        "kind",
                        "name_bg",
                        "name_latin",
                        "sort_key",
                        "municipality_code",
                        "oblast_code",
                        "latitude",
                        "longitude",
                        "population"
                    )
                    .rows(rows)
                    .run()
            }
        }
    }
}

extension TerritoryData {
    private static func settlementRow(_ r: [String: String]) -> [any SQLExpression] {
        let texts: [String] = [
            r["ekatte"]!, r["kind"]!, r["name_bg"]!, r["name_latin"]!, BulgarianCollation.sortKey(r["name_bg"]!),
            r["municipality_code"]!, r["oblast_code"]!,
        ]
        let latitude: Double? = Double(r["latitude"] ?? "")
        let longitude: Double? = Double(r["longitude"] ?? "")
        let population: Int? = Int(r["population"] ?? "")
        return texts.map { SQLBind($0) } + [SQLBind(latitude), SQLBind(longitude), SQLBind(population)]
    }
}

struct TerritoryDataMissing: Error, CustomStringConvertible {
    let file: String
    var description: String { "The territory file \(file).csv is missing from the server's resources" }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
