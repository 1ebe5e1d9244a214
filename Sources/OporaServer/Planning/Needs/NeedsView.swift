import Fluent
import OporaCore
import Vapor

/// A needs line as the page shows it: every figure already formatted, "no data" where the
/// period has none.
struct NeedsCells: Content, Sendable {
    var needing: String
    var receiving: String
    var waiting: String
    var longestWait: String
    var mapCapacity: String
    var occupancy: String
    var coverage: String
    var gap: String
    var flagged: Bool

    init(_ line: NeedsLine, noData: String, language: Language) {
        func count(_ value: Int) -> String { line.hasData ? String(value) : noData }
        needing = count(line.needing)
        receiving = count(line.receiving)
        waiting = count(line.waiting)
        longestWait = line.hasData ? line.longestWaitDays.map(String.init) ?? "—" : noData
        mapCapacity = line.mapCapacity.map(String.init) ?? noData
        occupancy = line.occupancy.map { decimal($0, places: 1, in: language) + " %" } ?? noData
        coverage = line.coverage.map { decimal($0, places: 2, in: language) } ?? noData
        gap = line.gap.map(String.init) ?? (line.hasData ? "—" : noData)
        flagged = line.gap != nil
    }
}

/// A needs line as the API gives it: numbers, and null where the period has no data.
struct NeedsLineDTO: Content, Sendable {
    var municipalityCode: String?
    var serviceType: String?
    var targetGroups: [String]?
    var hasData: Bool
    var needing: Int?
    var receiving: Int?
    var waiting: Int?
    var longestWaitDays: Int?
    var mapCapacity: Int?
    var population: Int
    var occupancyPercent: Double?
    var coveragePerThousand: Double?
    var gap: Int?

    init(_ line: NeedsLine, key: NeedsTable.Key? = nil, municipality: String? = nil) {
        municipalityCode = key?.municipality ?? municipality
        serviceType = key?.serviceType.rawValue
        targetGroups = key?.targetGroups.map(\.rawValue)
        hasData = line.hasData
        needing = line.hasData ? line.needing : nil
        receiving = line.hasData ? line.receiving : nil
        waiting = line.hasData ? line.waiting : nil
        longestWaitDays = line.hasData ? line.longestWaitDays : nil
        mapCapacity = line.mapCapacity
        population = line.population
        occupancyPercent = line.occupancy
        coveragePerThousand = line.coverage
        gap = line.gap
    }
}
