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
    /// Jobs that only one vehicle can do (a visit with a chosen assistant, a pinned visit, a
    /// break): each goes in before the others in a rebuild, only where its route stays
    /// feasible, and may push other stops out of that route (see `RuinRecreate`).
    let singleVehicle: [Bool]
    let singleVehicleJobs: [Int32]
    /// Continuity and balance (see `RoutingModel`): group per stop (-1 none), resource per
    /// vehicle, and the sizes of the (group × resource) count table.
    let stopGroup: [Int32]
    let vehicleResource: [Int32]
    let groupCount: Int
    /// The stops of each group (a person's visits in every alternative).
    let stopsOfGroup: [[Int32]]
    let resourceCount: Int
    let distinctCost: Double
    let balanceCost: Double
    /// Shifted minutes (see `RoutingModel.targetStart`): per stop its former start or NaN.
    let targetStart: [Double]
    let shiftCost: Double
    /// Mean travel time from a stop to its nearest neighbours; scales the temperatures.
    let typicalArc: Double
    /// The granular neighbourhood: per stop, the stops it could sensibly follow or precede,
    /// nearest first by travel plus window incompatibility (waiting weighted 0.2, lateness 1,
    /// the proximity of Vidal et al.'s HGS), so that stops of another day or far apart in time
    /// are not neighbours. Stops without a place (breaks) are in no list.
    let granular: [[Int32]]
    /// An insertion scans every position of every allowed route while they number at most
    /// this many, and only the positions beside the stop's granular neighbours above it. On
    /// the 400-customer instances (about 450 positions) the full scan still gives shorter
    /// routes in 30 s, so the switch lies above them.
    let fullScanPositions: Int

    init(_ model: RoutingModel, neighbourCount: Int = 60, granularCount: Int = 40, fullScanPositions: Int = 600) {
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
        singleVehicleJobs = model.jobs.indices.filter { j in
            let job = model.jobs[j]
            return job.kind == .single && job.unassignedCost.isFinite
                && job.alternatives.allSatisfy {
                    lists[$0[0]].count == 1 && lists[$0[0]] == lists[job.alternatives[0][0]]
                }
        }.map { Int32($0) }
        var single = [Bool](repeating: false, count: model.jobs.count)
        for j in singleVehicleJobs { single[Int(j)] = true }
        singleVehicle = single

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
                    while i > 0 && nearest[i - 1].0 > c.0 {
                        nearest[i] = nearest[i - 1]
                        i -= 1
                    }
                    nearest[i] = c
                }
                candidates = nearest
            } else {
                candidates.sort { $0.0 < $1.0 }
            }
            for c in candidates.prefix(min(10, candidates.count)) {
                arcSum += c.0
                arcCount += 1
            }
            neighbours.append(candidates.map(\.1))
        }
        self.neighbours = neighbours
        typicalArc = arcCount > 0 ? max(arcSum / Double(arcCount), 1e-3) : 1
        granular = Self.granularLists(model, keep: granularCount)
        let groups = model.stopGroup.count == model.stops.count ? model.stopGroup : []
        stopGroup = groups.isEmpty ? Array(repeating: -1, count: model.stops.count) : groups.map { Int32($0) }
        groupCount = (groups.max() ?? -1) + 1
        var members = [[Int32]](repeating: [], count: groupCount)
        for (s, g) in groups.enumerated() where g >= 0 { members[g].append(Int32(s)) }
        stopsOfGroup = members
        let resources =
            model.vehicleResource.count == model.vehicles.count ? model.vehicleResource : Array(model.vehicles.indices)
        vehicleResource = resources.map { Int32($0) }
        resourceCount = (resources.max() ?? -1) + 1
        distinctCost = groupCount > 0 ? model.distinctResourceCost : 0
        balanceCost = resourceCount > 1 ? model.balanceCost : 0
        let targets = model.targetStart.count == model.stops.count ? model.targetStart : []
        targetStart = targets.isEmpty ? Array(repeating: .nan, count: model.stops.count) : targets
        shiftCost = targets.contains { !$0.isNaN } ? model.shiftedMinuteCost : 0
        self.fullScanPositions = fullScanPositions
    }

    /// Nearest `keep` stops of every stop by the HGS proximity, the smaller of the two
    /// directions. Stops are swept in order of their earliest start, and the sweep stops as soon
    /// as the waiting alone would exceed the current `keep`-th value, so a week of thousands of
    /// visits does not compare every pair.
    static func granularLists(_ model: RoutingModel, keep: Int) -> [[Int32]] {
        let n = model.stops.count
        let stops = model.stops
        let placed = (0..<n).filter { stops[$0].place >= 0 }
        let byReady = placed.sorted { stops[$0].ready < stops[$1].ready }
        let readySorted = byReady.map { stops[$0].ready }
        var latestEnd = [Double](repeating: -.infinity, count: byReady.count)
        for (i, b) in byReady.enumerated() {
            latestEnd[i] = max(i > 0 ? latestEnd[i - 1] : -.infinity, stops[b].due + stops[b].service)
        }
        let k = min(keep, max(0, placed.count - 1))
        var lists = [[Int32]](repeating: [], count: n)
        if k == 0 { return lists }
        func proximity(_ a: Int, _ b: Int) -> Double {
            let sa = stops[a]
            let sb = stops[b]
            let t = model.travelTime(sa.place, sb.place)
            return t + 0.2 * max(0, sb.ready - sa.service - t - sa.due) + max(0, sa.ready + sa.service + t - sb.due)
        }
        var nearest: [(Double, Int32)] = []
        nearest.reserveCapacity(k + 1)
        for a in placed {
            nearest.removeAll(keepingCapacity: true)
            let sa = stops[a]
            @inline(__always) func offer(_ b: Int) {
                let d = min(proximity(a, b), proximity(b, a))
                if nearest.count == k && d >= nearest[k - 1].0 { return }
                var i = nearest.count
                if nearest.count < k {
                    nearest.append((d, Int32(b)))
                } else {
                    i = k - 1
                    nearest[i] = (d, Int32(b))
                }
                while i > 0 && nearest[i - 1].0 > d {
                    nearest[i] = nearest[i - 1]
                    i -= 1
                }
                nearest[i] = (d, Int32(b))
            }
            // The proximity is at least 0.2 × the gap between one window's end (plus service)
            // and the other's start, so the sweep outwards from a's start can stop there.
            var lo = 0
            var top = readySorted.count
            while lo < top {
                let mid = (lo + top) / 2
                if readySorted[mid] < sa.ready { lo = mid + 1 } else { top = mid }
            }
            var hi = lo
            while true {
                let bound = nearest.count == k ? nearest[k - 1].0 : .infinity
                var moved = false
                if hi < byReady.count {
                    let b = byReady[hi]
                    let gap = stops[b].ready - sa.due - sa.service
                    if 0.2 * gap < bound {
                        if b != a { offer(b) }
                        hi += 1
                        moved = true
                    } else {
                        hi = byReady.count
                    }
                }
                if lo > 0 {
                    // Earlier starts are not sorted by their ends, so the bound uses the latest
                    // end (due plus service) of every stop below.
                    if 0.2 * (sa.ready - latestEnd[lo - 1]) < bound {
                        let b = byReady[lo - 1]
                        if b != a { offer(b) }
                        lo -= 1
                        moved = true
                    } else {
                        lo = 0
                    }
                }
                if !moved { break }
            }
            lists[a] = nearest.map(\.1)
        }
        return lists
    }

    deinit { travel.deallocate() }
}
