/// One solution under search: the stops of each route with prefix and suffix segments, so that
/// inserting a stop anywhere is scored in constant time, and an undo log so that a rejected
/// ruin-and-recreate step is rolled back without copying the whole solution.
///
/// Route `r` is served by vehicle `r`. `forward[r][p]` covers the start depot and the first `p`
/// stops; `backward[r][p]` covers stops `p...` and the end depot.
struct SearchState {
    let m: CompiledModel
    var routes: [[Int32]]
    var forward: [[Segment]]
    var backward: [[Segment]]
    var routeCost: [Double]
    var routeWarp: [Double]
    var routeExcess: [Double]
    var routeOf: [Int32]
    var positionOf: [Int32]
    /// Alternative in use per job, -1 when the job is not done.
    var jobAlternative: [Int32]
    /// Assignment costs of routed stops plus the cost of finite-cost jobs left undone.
    var extraCost: Double = 0
    /// Jobs that must be done but are not.
    var missingRequired: Int = 0

    /// Continuity: stops per (group, resource), flat `group * resourceCount + resource`, and
    /// the number of pairs with at least one stop. Balance: each route's duration, each
    /// resource's total, and the sum and sum of squares of the totals.
    var pairCount: [Int32]
    var distinctPairs = 0
    var routeDuration: [Double]
    var resourceDuration: [Double]
    var durationSum = 0.0
    var durationSquares = 0.0
    /// Shifted minutes of each route against the plan in force, and their sum.
    var routeShift: [Double]
    var shiftSum = 0.0

    var warpPenalty: Double
    var loadPenalty: Double
    /// When set, insertions only go where the route stays feasible (no time warp, no excess
    /// load); a job with no such place stays out. Used to reach feasibility on a tight fleet.
    var hard = false

    // Undo log of the current step.
    private var routeTouched: [Bool]
    private(set) var touchedRoutes: [Int32] = []
    private var routeBackup: [[Int32]]
    private var jobTouched: [Bool]
    private var touchedJobs: [Int32] = []
    private var jobBackup: [Int32]
    private var extraBackup: Double = 0
    private var missingBackup: Int = 0

    init(model m: CompiledModel, warpPenalty: Double, loadPenalty: Double) {
        self.m = m
        let k = m.vehicleCount
        routes = Array(repeating: [], count: k)
        forward = Array(repeating: [], count: k)
        backward = Array(repeating: [], count: k)
        routeCost = Array(repeating: 0, count: k)
        routeWarp = Array(repeating: 0, count: k)
        routeExcess = Array(repeating: 0, count: k)
        routeOf = Array(repeating: -1, count: m.stopCount)
        positionOf = Array(repeating: -1, count: m.stopCount)
        jobAlternative = Array(repeating: -1, count: m.model.jobs.count)
        pairCount = m.distinctCost > 0 ? Array(repeating: 0, count: m.groupCount * m.resourceCount) : []
        routeDuration = Array(repeating: 0, count: k)
        routeShift = Array(repeating: 0, count: k)
        resourceDuration = Array(repeating: 0, count: max(m.resourceCount, 0))
        routeTouched = Array(repeating: false, count: k)
        routeBackup = Array(repeating: [], count: k)
        jobTouched = Array(repeating: false, count: m.model.jobs.count)
        jobBackup = Array(repeating: -1, count: m.model.jobs.count)
        self.warpPenalty = warpPenalty
        self.loadPenalty = loadPenalty
        for job in m.model.jobs {
            if job.unassignedCost.isFinite { extraCost += job.unassignedCost } else { missingRequired += 1 }
        }
        for r in 0..<k { rebuild(r) }
    }

    // MARK: Costs

    /// Penalised cost of a whole route given as one segment, with its time warp and excess load.
    @inline(__always)
    func evaluate(_ s: Segment, vehicle v: Int) -> (cost: Double, warp: Double, excess: Double) {
        var warp = s.timeWarp
        let limit = m.maxDuration[v]
        if s.duration > limit { warp += s.duration - limit }
        let excess = s.excessLoad(capacity: m.capacity[v])
        var cost = s.travel + warpPenalty * warp + loadPenalty * excess
        let regular = m.regularDuration[v]
        if s.duration > regular { cost += (s.duration - regular) * m.overtimeCost[v] }
        return (cost, warp, excess)
    }

    @inline(__always)
    func assignment(_ stop: Int, _ v: Int) -> Double {
        m.hasAssignmentCost ? m.assignmentCost[stop &* m.vehicleCount &+ v] : 0
    }

    var totalCost: Double {
        var c = extraCost + continuityCost + balanceCost + shiftCost
        for x in routeCost { c += x }
        return c
    }

    var shiftCost: Double { m.shiftCost * shiftSum }

    /// Minutes by which the stops of route `r` start away from their former starts, on the
    /// schedule the plan will show: leave at the earliest time that gives the route its
    /// shortest duration, then start each stop as early as its window allows.
    func shiftedMinutes(route r: Int, full: Segment) -> Double {
        shiftedMinutes(routes[r], vehicle: r, full: full)
    }

    /// The same for a sequence of stops on vehicle `r` whose whole segment is `full`.
    func shiftedMinutes(_ stops: [Int32], vehicle r: Int, full: Segment) -> Double {
        if stops.isEmpty { return 0 }
        let start = m.startSegment[r]
        var t = full.timeWarp > 1e-9 ? start.earliest : max(start.earliest, full.earliest)
        var place = start.last
        var shifted = 0.0
        for s in stops {
            let seg = m.stopSegment[Int(s)]
            let arrival = t + travelBetween(place, seg.first, m.travel, m.placeCount)
            let begin = max(arrival, seg.earliest)
            let target = m.targetStart[Int(s)]
            if !target.isNaN { shifted += abs(begin - target) }
            t = begin + seg.duration
            if seg.first >= 0 { place = seg.first }
        }
        return shifted
    }

    // MARK: Continuity and balance

    var continuityCost: Double { m.distinctCost * Double(distinctPairs) }

    var balanceCost: Double { balance(sum: durationSum, squares: durationSquares) }

    @inline(__always)
    func balance(sum: Double, squares: Double) -> Double {
        if m.balanceCost == 0 { return 0 }
        let w = Double(m.resourceCount)
        let mean = sum / w
        return m.balanceCost * max(0, squares / w - mean * mean).squareRoot()
    }

    /// Extra continuity cost of putting `stop` on route `r`: one more distinct pair or none.
    @inline(__always)
    func distinctDelta(_ stop: Int, _ r: Int) -> Double {
        if m.distinctCost == 0 { return 0 }
        let g = Int(m.stopGroup[stop])
        if g < 0 { return 0 }
        return pairCount[g &* m.resourceCount &+ Int(m.vehicleResource[r])] == 0 ? m.distinctCost : 0
    }

    /// Change of the balance cost when route `r` lasts `duration` instead of its present length.
    @inline(__always)
    func balanceDelta(_ r: Int, _ duration: Double) -> Double {
        if m.balanceCost == 0 { return 0 }
        let d = resourceDuration[Int(m.vehicleResource[r])]
        let e = d - routeDuration[r] + duration
        return balance(sum: durationSum + e - d, squares: durationSquares + e * e - d * d) - balanceCost
    }

    @inline(__always)
    mutating func count(stop: Int, route r: Int, by delta: Int32) {
        if m.distinctCost == 0 { return }
        let g = Int(m.stopGroup[stop])
        if g < 0 { return }
        let i = g &* m.resourceCount &+ Int(m.vehicleResource[r])
        let old = pairCount[i]
        pairCount[i] = old + delta
        if old == 0 { distinctPairs += 1 } else if old + delta == 0 { distinctPairs -= 1 }
    }

    @inline(__always)
    private mutating func setDuration(_ r: Int, _ duration: Double) {
        if m.balanceCost == 0 { return }
        let w = Int(m.vehicleResource[r])
        let d = resourceDuration[w]
        let e = d - routeDuration[r] + duration
        routeDuration[r] = duration
        resourceDuration[w] = e
        durationSum += e - d
        durationSquares += e * e - d * d
    }

    /// Sums of the balance term taken afresh, so that rounding does not drift over millions of
    /// updates.
    private mutating func resumDurations() {
        if m.shiftCost > 0 { shiftSum = routeShift.reduce(0, +) }
        if m.balanceCost == 0 { return }
        for w in resourceDuration.indices { resourceDuration[w] = 0 }
        for r in routes.indices { resourceDuration[Int(m.vehicleResource[r])] += routeDuration[r] }
        durationSum = 0
        durationSquares = 0
        for d in resourceDuration {
            durationSum += d
            durationSquares += d * d
        }
    }

    /// The continuity and balance costs computed from the routes alone, without the running
    /// counts: what the incremental bookkeeping must always equal.
    func softCostsFromScratch() -> (continuity: Double, balance: Double, shifted: Double) {
        var pairs = Set<Int>()
        var shifted = 0.0
        var totals = [Double](repeating: 0, count: max(m.resourceCount, 0))
        for (r, stops) in routes.enumerated() {
            let w = Int(m.vehicleResource[r])
            for s in stops where m.stopGroup[Int(s)] >= 0 {
                pairs.insert(Int(m.stopGroup[Int(s)]) * m.resourceCount + w)
            }
            if stops.isEmpty { continue }
            var seg = m.startSegment[r]
            for s in stops {
                seg = Segment.joined(seg, m.stopSegment[Int(s)], travelTimes: m.travel, places: m.placeCount)
            }
            seg = Segment.joined(seg, m.endSegment[r], travelTimes: m.travel, places: m.placeCount)
            totals[w] += seg.duration
            shifted += shiftedMinutes(route: r, full: seg)
        }
        var balance = 0.0
        if m.balanceCost > 0 && !totals.isEmpty {
            let mean = totals.reduce(0, +) / Double(totals.count)
            let variance = totals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(totals.count)
            balance = m.balanceCost * variance.squareRoot()
        }
        return (m.distinctCost * Double(pairs.count), balance, m.shiftCost * shifted)
    }

    var totalWarp: Double { routeWarp.reduce(0, +) }
    var totalExcess: Double { routeExcess.reduce(0, +) }
    var isTimeFeasible: Bool { routeWarp.allSatisfy { $0 <= 1e-9 } }
    var isLoadFeasible: Bool { routeExcess.allSatisfy { $0 <= 1e-9 } }
    var isFeasible: Bool { missingRequired == 0 && isTimeFeasible && isLoadFeasible }

    /// Cost without penalties: travel, overtime, assignment costs and undone jobs.
    var plainCost: Double {
        var c = extraCost + continuityCost + balanceCost + shiftCost
        for r in 0..<routes.count where !routes[r].isEmpty {
            let s = forward[r][routes[r].count]
            let full = Segment.joined(s, m.endSegment[r], travelTimes: m.travel, places: m.placeCount)
            c += full.travel
            let regular = m.regularDuration[r]
            if full.duration > regular { c += (full.duration - regular) * m.overtimeCost[r] }
        }
        return c
    }

    mutating func setPenalties(warp: Double, load: Double) {
        warpPenalty = warp
        loadPenalty = load
        for r in 0..<routes.count { rebuildCost(r) }
        resumDurations()
    }

    // MARK: Route data

    mutating func rebuild(_ r: Int) {
        let stops = routes[r]
        let travel = m.travel
        let places = m.placeCount
        forward[r].removeAll(keepingCapacity: true)
        backward[r].removeAll(keepingCapacity: true)
        var seg = m.startSegment[r]
        forward[r].append(seg)
        for (p, s) in stops.enumerated() {
            seg = Segment.joined(seg, m.stopSegment[Int(s)], travelTimes: travel, places: places)
            forward[r].append(seg)
            routeOf[Int(s)] = Int32(r)
            positionOf[Int(s)] = Int32(p)
        }
        var back = m.endSegment[r]
        backward[r].append(back)
        for s in stops.reversed() {
            back = Segment.joined(m.stopSegment[Int(s)], back, travelTimes: travel, places: places)
            backward[r].append(back)
        }
        backward[r].reverse()
        rebuildCost(r)
    }

    private mutating func rebuildCost(_ r: Int) {
        if routes[r].isEmpty {
            routeCost[r] = 0
            routeWarp[r] = 0
            routeExcess[r] = 0
            setDuration(r, 0)
            if m.shiftCost > 0 {
                shiftSum -= routeShift[r]
                routeShift[r] = 0
            }
            return
        }
        let full = Segment.joined(
            forward[r][routes[r].count],
            m.endSegment[r],
            travelTimes: m.travel,
            places: m.placeCount
        )
        let e = evaluate(full, vehicle: r)
        routeCost[r] = e.cost
        routeWarp[r] = e.warp
        routeExcess[r] = e.excess
        setDuration(r, full.duration)
        if m.shiftCost > 0 {
            let s = shiftedMinutes(route: r, full: full)
            shiftSum += s - routeShift[r]
            routeShift[r] = s
        }
    }

    /// Starts from a given solution (a published plan, or an earlier search's best); jobs it
    /// leaves undone stay undone until the search offers them again.
    mutating func load(_ solution: RoutingSolution) {
        for (r, stops) in solution.routes.enumerated() where r < routes.count {
            routes[r] = stops.map { Int32($0) }
            for s in stops {
                extraCost += assignment(s, r)
                count(stop: s, route: r, by: 1)
            }
            rebuild(r)
        }
        for (j, alt) in solution.alternatives.enumerated() where alt != nil {
            markAssigned(job: j, alternative: alt!)
        }
    }

    // MARK: Undo log

    mutating func beginStep() {
        for r in touchedRoutes { routeTouched[Int(r)] = false }
        touchedRoutes.removeAll(keepingCapacity: true)
        for j in touchedJobs { jobTouched[Int(j)] = false }
        touchedJobs.removeAll(keepingCapacity: true)
        extraBackup = extraCost
        missingBackup = missingRequired
    }

    private mutating func touch(route r: Int) {
        if routeTouched[r] { return }
        routeTouched[r] = true
        touchedRoutes.append(Int32(r))
        routeBackup[r].removeAll(keepingCapacity: true)
        routeBackup[r].append(contentsOf: routes[r])
    }

    private mutating func touch(job j: Int) {
        if jobTouched[j] { return }
        jobTouched[j] = true
        touchedJobs.append(Int32(j))
        jobBackup[j] = jobAlternative[j]
    }

    /// Rolls the solution back to where `beginStep` was called.
    mutating func undoStep() {
        for r in touchedRoutes {
            for s in routes[Int(r)] {
                routeOf[Int(s)] = -1
                positionOf[Int(s)] = -1
                count(stop: Int(s), route: Int(r), by: -1)
            }
        }
        for r in touchedRoutes {
            let ri = Int(r)
            routes[ri].removeAll(keepingCapacity: true)
            routes[ri].append(contentsOf: routeBackup[ri])
            for s in routes[ri] { count(stop: Int(s), route: ri, by: 1) }
            rebuild(ri)
        }
        for j in touchedJobs { jobAlternative[Int(j)] = jobBackup[Int(j)] }
        extraCost = extraBackup
        missingRequired = missingBackup
        beginStep()
    }

    // MARK: Changes

    /// Takes every stop of job `j` out of its routes; their segments wait for `rebuildDirty`.
    mutating func unassign(job j: Int) {
        let alt = Int(jobAlternative[j])
        if alt < 0 { return }
        touch(job: j)
        let job = m.model.jobs[j]
        for s in job.alternatives[alt] {
            let r = Int(routeOf[s])
            if r < 0 { continue }
            touch(route: r)
            let p = Int(positionOf[s])
            routes[r].remove(at: p)
            for q in p..<routes[r].count { positionOf[Int(routes[r][q])] = Int32(q) }
            routeOf[s] = -1
            positionOf[s] = -1
            extraCost -= assignment(s, r)
            count(stop: s, route: r, by: -1)
            dirty.append(Int32(r))
        }
        jobAlternative[j] = -1
        if job.unassignedCost.isFinite { extraCost += job.unassignedCost } else { missingRequired += 1 }
    }

    /// Routes whose segments are stale after removals.
    var dirty: [Int32] = []

    mutating func rebuildDirty() {
        for r in dirty { rebuild(Int(r)) }
        dirty.removeAll(keepingCapacity: true)
    }

    /// Gives route `r` a new sequence of stops (a local-search move), keeping the undo log,
    /// the assignment costs and the continuity counts. A stop that leaves `r` for another route
    /// must be in that route's new sequence too, set with a second call.
    mutating func replace(route r: Int, with stops: [Int32]) {
        touch(route: r)
        for s in routes[r] {
            extraCost -= assignment(Int(s), r)
            count(stop: Int(s), route: r, by: -1)
        }
        routes[r].removeAll(keepingCapacity: true)
        routes[r].append(contentsOf: stops)
        for s in stops {
            extraCost += assignment(Int(s), r)
            count(stop: Int(s), route: r, by: 1)
        }
        rebuild(r)
    }

    /// Change of the balance cost when routes `a` and `b` (different) last `da` and `db`.
    @inline(__always)
    func balanceDelta(_ a: Int, _ da: Double, _ b: Int, _ db: Double) -> Double {
        if m.balanceCost == 0 { return 0 }
        let wa = Int(m.vehicleResource[a])
        let wb = Int(m.vehicleResource[b])
        var sum = durationSum
        var squares = durationSquares
        if wa == wb {
            let d = resourceDuration[wa]
            let e = d - routeDuration[a] + da - routeDuration[b] + db
            sum += e - d
            squares += e * e - d * d
        } else {
            let d1 = resourceDuration[wa]
            let e1 = d1 - routeDuration[a] + da
            let d2 = resourceDuration[wb]
            let e2 = d2 - routeDuration[b] + db
            sum += e1 - d1 + e2 - d2
            squares += e1 * e1 - d1 * d1 + e2 * e2 - d2 * d2
        }
        return balance(sum: sum, squares: squares) - balanceCost
    }

    /// Inserts `stop` into route `r` before position `p` and refreshes the route.
    mutating func insert(stop: Int, route r: Int, at p: Int) {
        touch(route: r)
        routes[r].insert(Int32(stop), at: p)
        extraCost += assignment(stop, r)
        count(stop: stop, route: r, by: 1)
        rebuild(r)
    }

    mutating func markAssigned(job j: Int, alternative a: Int) {
        touch(job: j)
        jobAlternative[j] = Int32(a)
        let job = m.model.jobs[j]
        if job.unassignedCost.isFinite { extraCost -= job.unassignedCost } else { missingRequired -= 1 }
    }

    // MARK: Insertion scoring

    /// Cheapest place for one stop, optionally avoiding a route; `blink` skips positions at
    /// random (SISR's "blinks"), which diversifies the greedy rebuild.
    ///
    /// While the allowed routes hold few positions all are scanned. Beyond
    /// `fullScanPositions`, only the positions just before and after the stop's granular
    /// neighbours and those of each allowed route without a stop of a place are tried, so
    /// that the work does not grow with the number of routes of the day.
    func bestInsertion(
        of stop: Int,
        avoiding avoid: Int,
        blink: Double,
        rng: inout RandomSource
    ) -> (
        delta: Double, route: Int, position: Int
    ) {
        var best = Double.infinity
        var bestRoute = -1
        var bestPos = -1
        let seg = m.stopSegment[stop]
        let threshold = UInt64(blink * 18446744073709551615.0)
        let allowed = m.vehiclesOfStop[stop]
        let place = seg.first
        let travel = m.travel
        let places = m.placeCount
        var positions = 0
        for vv in allowed { positions &+= routes[Int(vv)].count &+ 1 }
        if hard || positions <= m.fullScanPositions || m.granular[stop].isEmpty {
            for vv in allowed {
                let r = Int(vv)
                if r == avoid { continue }
                let extra = assignment(stop, r) + distinctDelta(stop, r)
                let base = routeCost[r] - extra
                let n = routes[r].count
                forward[r].withUnsafeBufferPointer { fw in
                    backward[r].withUnsafeBufferPointer { bw in
                        for p in 0...n {
                            // Inserting a stop never shortens the route or lowers its penalties
                            // (travel times obey the triangle inequality), so the detour alone
                            // rules out most positions before the full evaluation.
                            let before = fw[p].last
                            let after = bw[p].first
                            let detour =
                                travelBetween(before, place, travel, places)
                                + travelBetween(place, after, travel, places)
                                - travelBetween(before, after, travel, places)
                            if detour + extra >= best { continue }
                            consider(seg, fw[p], bw[p], r, p, extra, base, threshold, &best, &bestRoute, &bestPos, &rng)
                        }
                    }
                }
            }
            return (best, bestRoute, bestPos)
        }
        let k = m.vehicleCount
        for c in m.granular[stop] {
            let r = Int(routeOf[Int(c)])
            if r < 0 || r == avoid || !m.allowed[stop &* k &+ r] { continue }
            let extra = assignment(stop, r) + distinctDelta(stop, r)
            let base = routeCost[r] - extra
            let p = Int(positionOf[Int(c)])
            consider(
                seg,
                forward[r][p],
                backward[r][p],
                r,
                p,
                extra,
                base,
                threshold,
                &best,
                &bestRoute,
                &bestPos,
                &rng
            )
            consider(
                seg,
                forward[r][p + 1],
                backward[r][p + 1],
                r,
                p + 1,
                extra,
                base,
                threshold,
                &best,
                &bestRoute,
                &bestPos,
                &rng
            )
        }
        // A route with no stop of a place (empty, or a break alone) has no granular
        // neighbour to be found by: every position of it is tried.
        for vv in allowed {
            let r = Int(vv)
            if r == avoid || routes[r].contains(where: { m.stopSegment[Int($0)].first >= 0 }) { continue }
            let extra = assignment(stop, r) + distinctDelta(stop, r)
            let base = routeCost[r] - extra
            for p in 0...routes[r].count {
                consider(
                    seg,
                    forward[r][p],
                    backward[r][p],
                    r,
                    p,
                    extra,
                    base,
                    threshold,
                    &best,
                    &bestRoute,
                    &bestPos,
                    &rng
                )
            }
        }
        return (best, bestRoute, bestPos)
    }

    /// Scores inserting `stop` before position `p` of route `r` and keeps it if it is the best.
    @inline(__always)
    private func consider(
        _ seg: Segment,
        _ fw: Segment,
        _ bw: Segment,
        _ r: Int,
        _ p: Int,
        _ extra: Double,
        _ base: Double,
        _ threshold: UInt64,
        _ best: inout Double,
        _ bestRoute: inout Int,
        _ bestPos: inout Int,
        _ rng: inout RandomSource
    ) {
        let travel = m.travel
        let places = m.placeCount
        let place = seg.first
        let detour =
            travelBetween(fw.last, place, travel, places)
            + travelBetween(place, bw.first, travel, places)
            - travelBetween(fw.last, bw.first, travel, places)
        if detour + extra >= best { return }
        if threshold > 0 && rng.next() < threshold { return }
        let joined = Segment.joined(
            Segment.joined(fw, seg, travelTimes: travel, places: places),
            bw,
            travelTimes: travel,
            places: places
        )
        let e = evaluate(joined, vehicle: r)
        if hard && (e.warp > 1e-9 || e.excess > 1e-9) { return }
        // The balance term may fall when a light worker gets more, so the detour bound above is
        // not strict with it; its weight is small beside travel.
        let delta = e.cost - base + balanceDelta(r, joined.duration)
        if delta < best {
            best = delta
            bestRoute = r
            bestPos = p
        }
    }

    /// Cheapest places for a pick-up and its drop-off on one route, pick-up first.
    func bestPairInsertion(
        first a: Int,
        second b: Int,
        blink: Double,
        rng: inout RandomSource
    ) -> (
        delta: Double, route: Int, first: Int, second: Int
    ) {
        var best = Double.infinity
        var result = (-1, -1, -1)
        let sa = m.stopSegment[a]
        let sb = m.stopSegment[b]
        let travel = m.travel
        let places = m.placeCount
        let k = m.vehicleCount
        for vv in m.vehiclesOfStop[a] {
            let r = Int(vv)
            if !m.allowed[b * k + r] { continue }
            let base = routeCost[r] - assignment(a, r) - assignment(b, r) - distinctDelta(a, r) - distinctDelta(b, r)
            let n = routes[r].count
            for i in 0...n {
                if blink > 0 && rng.unit() < blink { continue }
                var head = Segment.joined(forward[r][i], sa, travelTimes: travel, places: places)
                for j in i...n {
                    if j > i {
                        head = Segment.joined(
                            head,
                            m.stopSegment[Int(routes[r][j - 1])],
                            travelTimes: travel,
                            places: places
                        )
                    }
                    let full = Segment.joined(
                        Segment.joined(head, sb, travelTimes: travel, places: places),
                        backward[r][j],
                        travelTimes: travel,
                        places: places
                    )
                    let e = evaluate(full, vehicle: r)
                    if hard && (e.warp > 1e-9 || e.excess > 1e-9) { continue }
                    let delta = e.cost - base + balanceDelta(r, full.duration)
                    if delta < best {
                        best = delta
                        result = (r, i, j)
                    }
                }
            }
        }
        return (best, result.0, result.1, result.2)
    }
}
