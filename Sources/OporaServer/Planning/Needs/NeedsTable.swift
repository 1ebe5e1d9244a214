import Fluent
import OporaCore
import Vapor

/// Needs against capacity, per municipality, service type and the target groups a service is
/// for, and the oblast's sum: people needing, receiving and waiting counted by `ServiceUse` from
/// casework, the Map maximum from the register, the population from the territory data.
struct NeedsTable: Sendable {
    struct Key: Hashable, Sendable {
        var municipality: String
        var serviceType: SocialServiceType
        /// The target groups of the services counted together, as the register names them.
        var targetGroups: [TargetGroup]
    }

    struct Row: Sendable {
        var key: Key
        var line: NeedsLine
    }

    struct Place: Sendable {
        var code: String
        var name: String
        var population: Int
        var hasData: Bool
        var total: NeedsLine
    }

    var year: Int
    var asOf: CalendarDay
    /// Casework is counted as it stands today; another year has no such figures.
    var countsCasework: Bool
    var places: [Place]
    var rows: [Row]
    var oblast: NeedsLine

    static func build(
        _ scope: AccessScope,
        year: Int,
        serviceType: SocialServiceType?,
        request req: Request
    ) async throws -> NeedsTable {
        let today = CalendarDay.today(at: req.application.clock.now())
        let countsCasework = year == today.year
        var register = try await RegisterStore.rows(scope, year: year, request: req)
        if let serviceType { register = register.filter { $0.service.serviceType == serviceType } }
        let municipalities = try await municipalities(in: scope, on: req.db)
        let withCasework =
            countsCasework
            ? try await ServiceUse.municipalitiesWithCasework(scope, by: today, on: req.db) : []
        let population = try await populations(Array(municipalities.keys), on: req.db)
        var grouped: [Key: [RegisterRow]] = [:]
        for row in register {
            let key = Key(
                municipality: row.service.municipalityCode,
                serviceType: row.service.serviceType,
                targetGroups: row.service.targetGroupList
            )
            grouped[key, default: []].append(row)
        }
        let rows = grouped.map { key, services in
            let maxima = services.compactMap(\.mapMaximum)
            return Row(
                key: key,
                line: NeedsLine(
                    needing: services.map(\.use.needing).reduce(0, +),
                    receiving: services.map(\.use.receiving).reduce(0, +),
                    waiting: services.map(\.use.waiting).reduce(0, +),
                    longestWaitDays: services.flatMap(\.use.waitDays).max(),
                    mapCapacity: maxima.isEmpty ? nil : maxima.reduce(0, +),
                    population: population[key.municipality] ?? 0,
                    hasData: withCasework.contains(key.municipality)
                )
            )
        }
        .sorted {
            // By the municipality's name in Bulgarian order, as the table of municipalities above it.
            let a = municipalities[$0.key.municipality]?.sortKey ?? $0.key.municipality
            let b = municipalities[$1.key.municipality]?.sortKey ?? $1.key.municipality
            return (a, $0.key.serviceType.rawValue) < (b, $1.key.serviceType.rawValue)
        }
        let places = municipalities.values.sorted { $0.sortKey < $1.sortKey }.map { municipality in
            let code = municipality.id!
            let lines = rows.filter { $0.key.municipality == code }.map(\.line)
            var total = NeedsLine.sum(lines)
            total.population = population[code] ?? 0
            total.hasData = withCasework.contains(code)
            return Place(
                code: code,
                name: municipality.nameBG,
                population: population[code] ?? 0,
                hasData: withCasework.contains(code),
                total: total
            )
        }
        var oblast = NeedsLine.sum(places.map(\.total))
        oblast.population = places.map(\.population).reduce(0, +)
        return NeedsTable(
            year: year,
            asOf: today,
            countsCasework: countsCasework,
            places: places,
            rows: rows,
            oblast: oblast
        )
    }

    /// The municipalities the scope plans for: an oblast's all, or the scope's own.
    static func municipalities(in scope: AccessScope, on db: any Database) async throws -> [String: Municipality] {
        let found =
            scope.country
            ? try await TerritoryQueries.municipalities(oblast: nil, on: db)
            : try await TerritoryQueries.municipalities(
                oblasts: Array(scope.oblasts),
                codes: Array(scope.municipalities),
                on: db
            )
        return Dictionary(found.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Each municipality's population: the sum of its settlements' NSI estimates.
    static func populations(_ codes: [String], on db: any Database) async throws -> [String: Int] {
        guard !codes.isEmpty else { return [:] }
        let settlements = try await TerritoryQueries.settlements(municipalities: codes, on: db)
        var result: [String: Int] = [:]
        for settlement in settlements { result[settlement.municipalityCode, default: 0] += settlement.population ?? 0 }
        return result
    }
}
