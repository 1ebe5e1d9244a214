/// Slack Induction by String Removals (Christiaens and Vanden Berghe, 2020): remove a few
/// strings of consecutive stops from routes that lie near a random seed stop, then put the
/// jobs back greedily in a randomly chosen order, skipping positions at random ("blinks").
/// Removing neighbouring strings frees room in the same area of several routes at once, which
/// is what lets the rebuild find a better arrangement.
struct RuinRecreate {
    /// Mean number of stops removed per step and the longest string.
    var averageRemoved = 10.0
    var maxStringLength = 10.0
    var blinkRate = 0.01
    /// Share of the steps that, where the model has continuity groups, remove every visit of
    /// one person instead of strings: put back one after the other, the first visit chooses a
    /// worker and the others follow it for free, which a string removal, taking a visit or two
    /// of a person at a time, can hardly do.
    var groupRuinRate = 0.25
    /// Undone jobs offered again at every step besides those near the seed (the repair phase
    /// puts every job still out here, as SISR does).
    var alwaysOffer: [Int32] = []
    /// Stops put back by the last `recreate`, for the local search to start from.
    private(set) var inserted: [Int32] = []

    private var ruined: [Bool] = []
    private var ruinedList: [Int32] = []
    private var removed: [Int32] = []
    private var removedFlag: [Bool] = []
    private var keys: [Double] = []
    private var stringBuffer: [Int32] = []

    init(model: CompiledModel) {
        ruined = Array(repeating: false, count: model.vehicleCount)
        removedFlag = Array(repeating: false, count: model.model.jobs.count)
        removed.reserveCapacity(model.model.jobs.count)
        keys.reserveCapacity(model.model.jobs.count)
    }

    /// Removes strings around a random stop; returns nothing, the removed jobs are kept for
    /// `recreate`.
    mutating func ruin(_ st: inout SearchState, rng: inout RandomSource) {
        let m = st.m
        removed.removeAll(keepingCapacity: true)
        var seedStop: Int? = nil
        var routed = 0
        var used = 0
        for r in 0..<st.routes.count where !st.routes[r].isEmpty {
            routed += st.routes[r].count
            used += 1
        }
        if routed > 0 {
            let cardinality = Double(routed) / Double(max(used, 1))
            let lsMax = min(maxStringLength, cardinality)
            let ksMax = 4.0 * averageRemoved / (1.0 + lsMax) - 1.0
            let ks = Int(rng.unit() * ksMax) + 1
            var seed = rng.below(m.stopCount)
            var tries = 0
            while st.routeOf[seed] < 0 && tries < 64 {
                seed = rng.below(m.stopCount)
                tries += 1
            }
            let group = Int(m.stopGroup[seed])
            if st.routeOf[seed] >= 0 && m.distinctCost > 0 && group >= 0 && rng.unit() < groupRuinRate {
                seedStop = seed
                for s in m.stopsOfGroup[group] where st.routeOf[Int(s)] >= 0 {
                    let j = Int(m.jobOfStop[Int(s)])
                    if removedFlag[j] { continue }
                    removedFlag[j] = true
                    removed.append(Int32(j))
                    st.unassign(job: j)
                }
            } else if st.routeOf[seed] >= 0 {
                seedStop = seed
                var count = 0
                let near = m.neighbours[seed]
                var idx = -1
                while count < ks && idx < near.count {
                    let c = idx < 0 ? seed : Int(near[idx])
                    idx += 1
                    let r = Int(st.routeOf[c])
                    if r < 0 || ruined[r] { continue }
                    ruined[r] = true
                    ruinedList.append(Int32(r))
                    count += 1
                    removeString(&st, around: c, route: r, lsMax: lsMax, rng: &rng)
                }
            }
            for r in ruinedList { ruined[Int(r)] = false }
            ruinedList.removeAll(keepingCapacity: true)
        }
        // Undone jobs are offered again: those near the seed (where room was just made) and a
        // few drawn at random, so that a problem with many undone visits keeps steps cheap.
        var offered = 0
        if let seed = seedStop {
            for c in m.neighbours[seed].prefix(2 * Int(averageRemoved)) where st.routeOf[Int(c)] < 0 {
                let j = Int(m.jobOfStop[Int(c)])
                if st.jobAlternative[j] >= 0 || removedFlag[j] { continue }
                removedFlag[j] = true
                removed.append(Int32(j))
            }
        }
        for j in alwaysOffer where st.jobAlternative[Int(j)] < 0 && !removedFlag[Int(j)] {
            removedFlag[Int(j)] = true
            removed.append(j)
        }
        let jobCount = m.model.jobs.count
        var draws = 0
        while offered < 4 && draws < 16 && jobCount > 0 {
            draws += 1
            let j = rng.below(jobCount)
            if st.jobAlternative[j] >= 0 || removedFlag[j] { continue }
            removedFlag[j] = true
            removed.append(Int32(j))
            offered += 1
        }
        // Undone jobs of a single vehicle are few among many undone visits on a large model,
        // and only offering them lets them push other stops out (see `place`).
        let single = m.singleVehicleJobs
        offered = 0
        draws = 0
        while offered < 2 && draws < 8 && !single.isEmpty {
            draws += 1
            let j = Int(single[rng.below(single.count)])
            if st.jobAlternative[j] >= 0 || removedFlag[j] { continue }
            removedFlag[j] = true
            removed.append(Int32(j))
            offered += 1
        }
        st.rebuildDirty()
    }

    private mutating func removeString(
        _ st: inout SearchState,
        around c: Int,
        route r: Int,
        lsMax: Double,
        rng: inout RandomSource
    ) {
        let n = st.routes[r].count
        let lMax = min(Double(n), lsMax)
        let l = min(n, Int(rng.unit() * lMax) + 1)
        let pos = Int(st.positionOf[c])
        stringBuffer.removeAll(keepingCapacity: true)
        if rng.unit() < 0.5 || l == n {
            // A plain string of l stops containing c.
            let lo = max(0, pos - l + 1)
            let hi = min(pos, n - l)
            let start = lo + rng.below(hi - lo + 1)
            for q in start..<(start + l) { stringBuffer.append(st.routes[r][q]) }
        } else {
            // A string of l + m stops of which a middle run of m stays in place.
            var mKeep = 1
            while l + mKeep < n && rng.unit() < 0.5 { mKeep += 1 }
            let span = l + mKeep
            let lo = max(0, pos - span + 1)
            let hi = min(pos, n - span)
            let start = lo + rng.below(hi - lo + 1)
            let keepAt = start + rng.below(l + 1)
            for q in start..<(start + span) where q < keepAt || q >= keepAt + mKeep {
                stringBuffer.append(st.routes[r][q])
            }
        }
        for s in stringBuffer {
            let j = Int(st.m.jobOfStop[Int(s)])
            if removedFlag[j] { continue }
            removedFlag[j] = true
            removed.append(Int32(j))
            st.unassign(job: j)
        }
    }

    /// Puts the removed jobs back in one of several orders, each at its cheapest place, or
    /// leaves a job undone when that is cheaper than any place.
    mutating func recreate(_ st: inout SearchState, rng: inout RandomSource) {
        let m = st.m
        // Order weights from SISR (random 4, demand 4, far 2, close 1) plus two window orders.
        let pick = rng.below(15)
        keys.removeAll(keepingCapacity: true)
        for j in removed {
            let ji = Int(j)
            let key: Double
            switch pick {
            case 0..<4: key = rng.unit()
            case 4..<8: key = -m.jobDemand[ji]
            case 8..<10: key = -m.jobDepotDistance[ji]
            case 10: key = m.jobDepotDistance[ji]
            case 11..<13: key = m.jobWindowWidth[ji]
            default: key = m.jobWindowStart[ji]
            }
            keys.append(key)
        }
        // Insertion sort, jobs of a single vehicle first (they have nowhere else to go): the
        // lists are short and this allocates nothing.
        if removed.count > 1 {
            for i in 1..<removed.count {
                let k = keys[i]
                let v = removed[i]
                let tier = m.singleVehicle[Int(v)] ? 0 : 1
                var q = i
                while q > 0 {
                    let before = m.singleVehicle[Int(removed[q - 1])] ? 0 : 1
                    if before < tier || (before == tier && keys[q - 1] <= k) { break }
                    keys[q] = keys[q - 1]
                    removed[q] = removed[q - 1]
                    q -= 1
                }
                keys[q] = k
                removed[q] = v
            }
        }
        inserted.removeAll(keepingCapacity: true)
        var next = 0
        while next < removed.count {
            let j = Int(removed[next])
            next += 1
            removedFlag[j] = false
            for e in place(&st, j, rng: &rng) where !removedFlag[Int(e)] {
                // Pushed out to make room: put back after the others, wherever it fits.
                removedFlag[Int(e)] = true
                removed.append(e)
            }
            let alt = Int(st.jobAlternative[j])
            if alt >= 0 { for s in m.model.jobs[j].alternatives[alt] { inserted.append(Int32(s)) } }
        }
        removed.removeAll(keepingCapacity: true)
    }

    /// Longest run of consecutive stops `place` may push out of a route.
    static let ejectionLength = 3

    /// Inserts job `j` at its cheapest place. A job that only one vehicle can do goes only
    /// where that route stays feasible; where there is no such place, it may take the place
    /// of a run of up to `ejectionLength` stops of other jobs when what it is worth (the cost
    /// of leaving it undone) exceeds theirs plus the change of the route's cost. Returns the
    /// jobs pushed out, which are undone until put back.
    ///
    /// Without this, a chosen assistant's day filled with visits that others could make
    /// keeps the visits only the assistant may make out: no single insertion frees the
    /// time they need.
    mutating func place(_ st: inout SearchState, _ j: Int, rng: inout RandomSource) -> [Int32] {
        let m = st.m
        if !m.singleVehicle[j] {
            insertJob(&st, j, rng: &rng)
            return []
        }
        let wasHard = st.hard
        st.hard = true
        insertJob(&st, j, rng: &rng)
        st.hard = wasHard
        if st.jobAlternative[j] >= 0 { return [] }
        let job = m.model.jobs[j]
        var bestGain = 0.0
        var plan = (alternative: -1, route: -1, start: 0, end: 0)
        for (a, alt) in job.alternatives.enumerated() {
            let s = alt[0]
            let seg = m.stopSegment[s]
            let r = Int(m.vehiclesOfStop[s][0])
            let n = st.routes[r].count
            let worth = job.unassignedCost - st.assignment(s, r) - st.distinctDelta(s, r)
            for start in 0...n {
                var pushed = 0.0
                var end = start
                while end < n && end - start < Self.ejectionLength {
                    let e = Int(st.routes[r][end])
                    let ej = Int(m.jobOfStop[e])
                    if m.singleVehicle[ej] || m.mateOfStop[e] >= 0 || m.stopSegment[e].first < 0 { break }
                    pushed += m.model.jobs[ej].unassignedCost - st.assignment(e, r)
                    end += 1
                    if pushed >= worth { break }
                    let joined = Segment.joined(
                        Segment.joined(st.forward[r][start], seg, travelTimes: m.travel, places: m.placeCount),
                        st.backward[r][end],
                        travelTimes: m.travel,
                        places: m.placeCount
                    )
                    let score = st.evaluate(joined, vehicle: r)
                    if score.warp > 1e-9 || score.excess > 1e-9 { continue }
                    let gain = worth - pushed - (score.cost - st.routeCost[r])
                    if gain > bestGain {
                        bestGain = gain
                        plan = (a, r, start, end)
                    }
                }
            }
        }
        if plan.alternative < 0 { return [] }
        var out: [Int32] = []
        for q in plan.start..<plan.end { out.append(m.jobOfStop[Int(st.routes[plan.route][q])]) }
        for e in out { st.unassign(job: Int(e)) }
        st.rebuildDirty()
        st.insert(stop: job.alternatives[plan.alternative][0], route: plan.route, at: plan.start)
        st.markAssigned(job: j, alternative: plan.alternative)
        return out
    }

    mutating func insertJob(_ st: inout SearchState, _ j: Int, rng: inout RandomSource) {
        let job = st.m.model.jobs[j]
        var bestDelta = Double.infinity
        var bestAlt = -1
        var plan = (0, 0, 0, 0)  // route a, position a, route b, position b
        for (a, alt) in job.alternatives.enumerated() {
            switch job.kind {
            case .single:
                let b = st.bestInsertion(of: alt[0], avoiding: -1, blink: blinkRate, rng: &rng)
                if b.route >= 0 && b.delta < bestDelta {
                    bestDelta = b.delta
                    bestAlt = a
                    plan = (b.route, b.position, -1, -1)
                }
            case .pair:
                let b = st.bestPairInsertion(first: alt[0], second: alt[1], blink: blinkRate, rng: &rng)
                if b.route >= 0 && b.delta < bestDelta {
                    bestDelta = b.delta
                    bestAlt = a
                    plan = (b.route, b.first, b.route, b.second)
                }
            case .team:
                let x = st.bestInsertion(of: alt[0], avoiding: -1, blink: blinkRate, rng: &rng)
                if x.route < 0 { continue }
                let y = st.bestInsertion(of: alt[1], avoiding: x.route, blink: blinkRate, rng: &rng)
                if y.route >= 0 && x.delta + y.delta < bestDelta {
                    bestDelta = x.delta + y.delta
                    bestAlt = a
                    plan = (x.route, x.position, y.route, y.position)
                }
            }
        }
        if bestAlt < 0 || bestDelta >= job.unassignedCost { return }
        let alt = job.alternatives[bestAlt]
        switch job.kind {
        case .single:
            st.insert(stop: alt[0], route: plan.0, at: plan.1)
        case .pair:
            st.insert(stop: alt[0], route: plan.0, at: plan.1)
            st.insert(stop: alt[1], route: plan.0, at: plan.3 + 1)
        case .team:
            st.insert(stop: alt[0], route: plan.0, at: plan.1)
            st.insert(stop: alt[1], route: plan.2, at: plan.3)
        }
        st.markAssigned(job: j, alternative: bestAlt)
    }
}
