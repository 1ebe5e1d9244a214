/// A planning indicator, defined once as a numerator over a denominator of the platform's data,
/// and shown with its definition beside each figure (issue 16, step 2).
public struct PlanningIndicator: Sendable, Equatable, Identifiable {
    public var id: String
    public var numerator: (bg: String, en: String)
    public var denominator: (bg: String, en: String)?
    /// 1 for a count, 1,000 for "per 1,000", 100 for a percentage.
    public var scale: Double

    public static func == (lhs: PlanningIndicator, rhs: PlanningIndicator) -> Bool { lhs.id == rhs.id }

    public func definition(in language: Language) -> String {
        let top = language == .bg ? numerator.bg : numerator.en
        guard let denominator else { return top }
        let bottom = language == .bg ? denominator.bg : denominator.en
        let factor =
            switch scale {
            case 1_000: language == .bg ? " × 1000" : " × 1,000"
            case 100: " × 100"
            default: ""
            }
        return "(\(top)) / (\(bottom))\(factor)"
    }

    /// The figure, or nil when the period has no data: nothing was recorded, or the
    /// denominator is zero. Nil is shown as "no data", never as 0.
    public func value(numerator: Int, denominator: Int? = nil, hasData: Bool) -> Double? {
        guard hasData else { return nil }
        guard self.denominator != nil else { return Double(numerator) }
        guard let denominator, denominator > 0 else { return nil }
        return Double(numerator) / Double(denominator) * scale
    }
}

extension PlanningIndicator {
    public static let needing = PlanningIndicator(
        id: "needing",
        numerator: (
            "хора с насочване към услугата след оценка (чакащи, ползващи или отказани при открит случай)",
            "people referred to the service after assessment (waiting, receiving, or declined while the case is open)"
        ),
        denominator: nil,
        scale: 1
    )
    public static let receiving = PlanningIndicator(
        id: "receiving",
        numerator: (
            "хора с план в сила, който включва услугата, и приети насочвания",
            "people whose plan in force includes the service, and accepted referrals"
        ),
        denominator: nil,
        scale: 1
    )
    public static let waiting = PlanningIndicator(
        id: "waiting",
        numerator: ("изпратени и още нерешени насочвания", "referrals sent and not yet decided"),
        denominator: nil,
        scale: 1
    )
    public static let occupancy = PlanningIndicator(
        id: "occupancy",
        numerator: ("ползващи услугата", "people receiving the service"),
        denominator: ("максимален брой потребители по Националната карта", "maximum users on the National Map"),
        scale: 100
    )
    public static let coverage = PlanningIndicator(
        id: "coverage",
        numerator: ("ползващи услугата", "people receiving the service"),
        denominator: (
            "население на общината (НСИ, 31.12.2017; данните не делят населението по целеви групи)",
            "population of the municipality (NSI, 31 Dec 2017; the data do not split it by target group)"
        ),
        scale: 1_000
    )

    public static let all: [PlanningIndicator] = [.needing, .receiving, .waiting, .occupancy, .coverage]
}

/// One line of the needs-against-capacity table: a service type for a target group in a place.
public struct NeedsLine: Sendable, Equatable {
    public var needing: Int
    public var receiving: Int
    public var waiting: Int
    /// The longest wait of those waiting, in days.
    public var longestWaitDays: Int?
    /// The Map's maximum users for the year, summed over the services; nil when none is recorded.
    public var mapCapacity: Int?
    public var population: Int
    /// Whether the place has any casework recorded by the end of the period.
    public var hasData: Bool

    public init(
        needing: Int,
        receiving: Int,
        waiting: Int,
        longestWaitDays: Int?,
        mapCapacity: Int?,
        population: Int,
        hasData: Bool
    ) {
        self.needing = needing
        self.receiving = receiving
        self.waiting = waiting
        self.longestWaitDays = longestWaitDays
        self.mapCapacity = mapCapacity
        self.population = population
        self.hasData = hasData
    }

    public var occupancy: Double? {
        PlanningIndicator.occupancy.value(numerator: receiving, denominator: mapCapacity, hasData: hasData)
    }

    public var coverage: Double? {
        PlanningIndicator.coverage.value(numerator: receiving, denominator: population, hasData: hasData)
    }

    /// Need exceeds capacity: more people need the service than the Map allows, or there is a
    /// need and no capacity at all.
    public var gap: Int? {
        guard hasData else { return nil }
        let capacity = mapCapacity ?? 0
        return needing > capacity ? needing - capacity : nil
    }

    /// Lines added together, as the oblast's total of its municipalities.
    public static func sum(_ lines: [NeedsLine]) -> NeedsLine {
        let capacities = lines.compactMap(\.mapCapacity)
        return NeedsLine(
            needing: lines.map(\.needing).reduce(0, +),
            receiving: lines.map(\.receiving).reduce(0, +),
            waiting: lines.map(\.waiting).reduce(0, +),
            longestWaitDays: lines.compactMap(\.longestWaitDays).max(),
            mapCapacity: capacities.isEmpty ? nil : capacities.reduce(0, +),
            population: lines.map(\.population).reduce(0, +),
            hasData: lines.contains(where: \.hasData)
        )
    }
}
