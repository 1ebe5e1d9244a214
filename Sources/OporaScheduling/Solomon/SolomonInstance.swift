import Foundation

/// A Solomon VRPTW instance: depot row 0, customers 1...n, a fleet and one capacity.
///
/// The objective follows `bench/README.md` of the shared benchmark kit: exact Euclidean
/// distances (not rounded), travel time equals distance, at most `vehicles` routes.
public struct SolomonInstance: Sendable {
    public var name: String
    public var vehicles: Int
    public var capacity: Double
    /// x, y, demand, ready, due, service for the depot (index 0) and each customer.
    public var x: [Double], y: [Double], demand: [Double], ready: [Double], due: [Double], service: [Double]

    public enum ParseError: Error, CustomStringConvertible {
        case malformed(line: Int, reason: String)
        public var description: String {
            switch self {
            case let .malformed(line, reason): "Solomon file, line \(line): \(reason)"
            }
        }
    }

    public init(text: String) throws {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = lines.first(where: { !$0.isEmpty }) else {
            throw ParseError.malformed(line: 1, reason: "empty file")
        }
        name = first
        var vehicles: Int?
        var capacity: Double?
        var rows: [[Double]] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if line.uppercased().hasPrefix("NUMBER"), i + 1 < lines.count {
                let parts = lines[i + 1].split(separator: " ").compactMap { Double($0) }
                guard parts.count == 2 else {
                    throw ParseError.malformed(line: i + 2, reason: "expected vehicle number and capacity")
                }
                vehicles = Int(parts[0])
                capacity = parts[1]
                i += 2
                continue
            }
            let parts = line.split(separator: " ")
            if parts.count == 7, let values = Optional(parts.compactMap { Double($0) }), values.count == 7 {
                guard Int(values[0]) == rows.count else {
                    throw ParseError.malformed(
                        line: i + 1,
                        reason: "customer \(Int(values[0])) out of order, expected \(rows.count)"
                    )
                }
                rows.append(values)
            }
            i += 1
        }
        guard let vehicles, let capacity else {
            throw ParseError.malformed(line: 1, reason: "no VEHICLE NUMBER/CAPACITY line")
        }
        guard rows.count >= 2 else { throw ParseError.malformed(line: lines.count, reason: "no customers") }
        self.vehicles = vehicles
        self.capacity = capacity
        x = rows.map { $0[1] }
        y = rows.map { $0[2] }
        demand = rows.map { $0[3] }
        ready = rows.map { $0[4] }
        due = rows.map { $0[5] }
        service = rows.map { $0[6] }
    }

    public var customerCount: Int { x.count - 1 }

    public func distance(_ a: Int, _ b: Int) -> Double {
        let dx = x[a] - x[b]
        let dy = y[a] - y[b]
        return (dx * dx + dy * dy).squareRoot()
    }

    /// Place i is row i; stop c serves customer c + 1; vehicle v is route v.
    public func routingModel() -> RoutingModel {
        let n = x.count
        var travel = [Double](repeating: 0, count: n * n)
        for a in 0..<n { for b in 0..<n { travel[a * n + b] = distance(a, b) } }
        var stops: [RoutingModel.Stop] = []
        for c in 1..<n {
            var s = RoutingModel.Stop(place: c, service: service[c], ready: ready[c], due: due[c])
            s.delivery = SIMD4(demand[c], 0, 0, 0)
            stops.append(s)
        }
        let vehicle = RoutingModel.Vehicle(
            startPlace: 0,
            endPlace: 0,
            shiftStart: ready[0],
            shiftEnd: due[0],
            capacity: SIMD4(capacity, .infinity, .infinity, .infinity)
        )
        let jobs = (0..<(n - 1)).map {
            RoutingModel.Job(kind: .single, alternatives: [[$0]], unassignedCost: .infinity)
        }
        return RoutingModel(
            placeCount: n,
            travel: travel,
            stops: stops,
            vehicles: Array(repeating: vehicle, count: vehicles),
            jobs: jobs
        )
    }

    /// Customer numbers per non-empty route.
    public func customerRoutes(_ solution: RoutingSolution) -> [[Int]] {
        solution.routes.filter { !$0.isEmpty }.map { $0.map { $0 + 1 } }
    }

    public func totalDistance(_ routes: [[Int]]) -> Double {
        var total = 0.0
        for r in routes {
            var prev = 0
            for c in r {
                total += distance(prev, c)
                prev = c
            }
            total += distance(prev, 0)
        }
        return total
    }

    /// The solution file format of the benchmark kit.
    public static func solutionText(_ routes: [[Int]], cost: Double) -> String {
        var out = ""
        for (i, r) in routes.enumerated() {
            out += "Route #\(i + 1): " + r.map(String.init).joined(separator: " ") + "\n"
        }
        out += "Cost " + String(format: "%.4f", cost) + "\n"
        return out
    }
}
