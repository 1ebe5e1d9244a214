/// The model flattened into contiguous arrays for the hot loops: one precomputed segment per
/// stop and per depot, an allowed-vehicle mask, vehicle lists per stop and near neighbours.
final class CompiledModel: @unchecked Sendable {
    let model: RoutingModel
    let stopCount: Int
    let vehicleCount: Int
    let placeCount: Int
    let travel: UnsafeMutablePointer<Double>
    let stopSegment: [Segment]
    let startSegment: [Segment]
    let endSegment: [Segment]
    let capacity: [SIMD4<Double>]
    let maxDuration: [Double]
    let regularDuration: [Double]
    let overtimeCost: [Double]
    /// `allowed[s * vehicleCount + v]`.
    let allowed: [Bool]
    /// Vehicles allowed for each stop.
    let vehiclesOfStop: [[Int32]]
    let assignmentCost: [Double]
    let hasAssignmentCost: Bool
    let jobOfStop: [Int32]
    /// The other stop of a pair or team alternative, else -1.
    let mateOfStop: [Int32]
    /// Nearest other stops by travel time, closest first.
    let neighbours: [[Int32]]
    /// Per job: a representative stop, its total demand, window width and distance from the
    /// first vehicle's start, used to order re-insertion.
    let jobDemand: [Double]
    let jobDepotDistance: [Double]
    let jobWindowWidth: [Double]
    let jobWindowStart: [Double]
    /// Mean travel time from a stop to its nearest neighbours; scales the temperatures.
    let typicalArc: Double

    init(_ model: RoutingModel, neighbourCount: Int = 60) {
        self.model = model
        stopCount = model.stops.count
        vehicleCount = model.vehicles.count
        placeCount = model.placeCount
        travel = .allocate(capacity: max(1, model.travel.count))
        travel.initialize(from: model.travel, count: model.travel.count)

        stopSegment = model.stops.map { s in
            let net = s.pickup - s.delivery + s.carried
            return Segment(
                first: Int32(s.place),
                last: Int32(s.place),
                duration: s.service,
                timeWarp: 0,
                earliest: s.ready,
                latest: s.due,
                travel: 0,
                delivery: s.delivery,
                net: net,
                peak: maxSIMD(net, .zero)
            )
        }
        startSegment = model.vehicles.map { v in
            Segment(
                first: Int32(v.startPlace),
                last: Int32(v.startPlace),
                duration: 0,
                timeWarp: 0,
                earliest: v.shiftStart,
                latest: v.shiftEnd,
                travel: 0,
                delivery: .zero,
                net: .zero,
                peak: .zero
            )
        }
        endSegment = model.vehicles.map { v in
            Segment(
                first: Int32(v.endPlace),
                last: Int32(v.endPlace),
                duration: 0,
                timeWarp: 0,
                earliest: v.shiftStart,
                latest: v.shiftEnd,
                travel: 0,
                delivery: .zero,
                net: .zero,
                peak: .zero
            )
        }
        capacity = model.vehicles.map(\.capacity)
        maxDuration = model.vehicles.map(\.maxDuration)
        regularDuration = model.vehicles.map(\.regularDuration)
        overtimeCost = model.vehicles.map(\.overtimeCost)

        let k = model.vehicles.count
        var allowed = [Bool](repeating: false, count: model.stops.count * k)
        var lists: [[Int32]] = []
        lists.reserveCapacity(model.stops.count)
        for (s, stop) in model.stops.enumerated() {
            let list = stop.allowedVehicles ?? Array(0..<k)
            for v in list { allowed[s * k + v] = true }
            lists.append(list.map { Int32($0) })
        }
        self.allowed = allowed
        vehiclesOfStop = lists
        assignmentCost = model.assignmentCost
        hasAssignmentCost = !model.assignmentCost.isEmpty

        var jobOf = [Int32](repeating: -1, count: model.stops.count)
        var mate = [Int32](repeating: -1, count: model.stops.count)
        for (j, job) in model.jobs.enumerated() {
            for alt in job.alternatives {
                for s in alt { jobOf[s] = Int32(j) }
                if alt.count == 2 {
                    mate[alt[0]] = Int32(alt[1])
                    mate[alt[1]] = Int32(alt[0])
                }
            }
        }
        jobOfStop = jobOf
        mateOfStop = mate

        let origin = model.vehicles.first?.startPlace ?? -1
        jobDemand = model.jobs.map { job in
            let s = model.stops[job.alternatives[0][0]]
            return (s.delivery + s.pickup + maxSIMD(s.carried, .zero)).sum()
        }
        jobDepotDistance = model.jobs.map { job in
            let p = model.stops[job.alternatives[0][0]].place
            return model.travelTime(origin, p)
        }
        jobWindowWidth = model.jobs.map { job in
            let s = model.stops[job.alternatives[0][0]]
            return s.due - s.ready
        }
        jobWindowStart = model.jobs.map { job in model.stops[job.alternatives[0][0]].ready }

        // Neighbours by symmetric travel time between the stops' places.
        let n = model.stops.count
        let keep = min(neighbourCount, max(0, n - 1))
        var neighbours: [[Int32]] = []
        neighbours.reserveCapacity(n)
        var arcSum = 0.0
        var arcCount = 0
        var candidates: [(Double, Int32)] = []
        candidates.reserveCapacity(n)
        for a in 0..<n {
            candidates.removeAll(keepingCapacity: true)
            let pa = model.stops[a].place
            for b in 0..<n where b != a {
                let pb = model.stops[b].place
                let d = 0.5 * (model.travelTime(pa, pb) + model.travelTime(pb, pa))
                candidates.append((d, Int32(b)))
            }
            if keep < candidates.count {
                // Keeping only a sorted buffer of the nearest keeps this cheap for thousands of stops.
                var nearest = Array(candidates.prefix(keep)).sorted { $0.0 < $1.0 }
                for c in candidates.dropFirst(keep) where c.0 < nearest[nearest.count - 1].0 {
                    var i = nearest.count - 1
                    while i > 0 && nearest[i - 1].0 > c.0 { nearest[i] = nearest[i - 1]; i -= 1 }
                    nearest[i] = c
                }
                candidates = nearest
            } else {
                candidates.sort { $0.0 < $1.0 }
            }
            for c in candidates.prefix(min(10, candidates.count)) { arcSum += c.0; arcCount += 1 }
            neighbours.append(candidates.map(\.1))
        }
        self.neighbours = neighbours
        typicalArc = arcCount > 0 ? max(arcSum / Double(arcCount), 1e-3) : 1
    }

    deinit { travel.deallocate() }
}
