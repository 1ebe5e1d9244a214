import Foundation

/// How travel minutes are derived from coordinates when no matrix is given.
///
/// Minutes = great-circle kilometres × `roadFactor` ÷ speed × 60, plus `legOverhead` for any
/// leg between different places (parking, finding the door). The speed of a leg is the mean of
/// its two ends' speeds by place kind: roads inside a city are slow, roads between villages
/// fast. Defaults are set for a rural Bulgarian municipality (see docs/SCHEDULING.md).
public struct TravelSettings: Codable, Sendable, Equatable {
    public var roadFactor: Double?
    public var cityKmh: Double?
    public var townKmh: Double?
    public var villageKmh: Double?
    public var legOverhead: Double?

    public init(
        roadFactor: Double? = nil,
        cityKmh: Double? = nil,
        townKmh: Double? = nil,
        villageKmh: Double? = nil,
        legOverhead: Double? = nil
    ) {
        self.roadFactor = roadFactor
        self.cityKmh = cityKmh
        self.townKmh = townKmh
        self.villageKmh = villageKmh
        self.legOverhead = legOverhead
    }

    public static let defaultRoadFactor = 1.35
    public static let defaultCityKmh = 25.0
    public static let defaultTownKmh = 35.0
    public static let defaultVillageKmh = 50.0
    public static let defaultLegOverhead = 3.0

    func speed(kind: String?) -> Double {
        switch kind {
        case "city": cityKmh ?? Self.defaultCityKmh
        case "town": townKmh ?? Self.defaultTownKmh
        default: villageKmh ?? Self.defaultVillageKmh
        }
    }

    /// Great-circle distance in kilometres (haversine, mean Earth radius 6371.0088 km).
    public static func greatCircleKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let rad = Double.pi / 180
        let dLat = (lat2 - lat1) * rad
        let dLon = (lon2 - lon1) * rad
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371.0088 * asin(min(1, a.squareRoot()))
    }

    /// Travel minutes between every pair of places.
    func matrix(for places: [CareProblem.Place]) -> [Double] {
        let n = places.count
        var out = [Double](repeating: 0, count: n * n)
        for a in 0..<n {
            for b in 0..<n where a != b { out[a * n + b] = minutes(from: places[a], to: places[b]) }
        }
        return out
    }

    /// Travel minutes of one leg.
    public func minutes(from pa: CareProblem.Place, to pb: CareProblem.Place) -> Double {
        let km = Self.greatCircleKm(pa.latitude ?? 0, pa.longitude ?? 0, pb.latitude ?? 0, pb.longitude ?? 0)
        let kmh = 0.5 * (speed(kind: pa.kind) + speed(kind: pb.kind))
        return km * (roadFactor ?? Self.defaultRoadFactor) / kmh * 60
            + (km > 0 ? legOverhead ?? Self.defaultLegOverhead : 0)
    }
}
