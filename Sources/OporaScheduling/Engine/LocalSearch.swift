/// Local search between ruin-and-recreate steps: relocate (between routes and inside one),
/// swap and 2-opt* on the granular neighbourhood, first improvement, as in the local search of
/// HGS (Vidal 2022, "Hybrid genetic search for the CVRP: open-source implementation and SWAP*
/// neighborhood"). Every move is scored in constant time from the routes' prefix and suffix
/// segments (an inside relocation joins the stops it jumps over), together with the change of
/// the assignment, continuity and balance terms, so the local search optimises exactly the
/// objective the annealing accepts on.
///
/// After a recreate only the re-inserted stops and the stops a move touched are examined, which
/// keeps a step about as cheap as the rebuild itself; a new best solution gets a pass that
/// keeps every route feasible (over every stop on a small model, else over the changed routes).
///
/// Stops of pick-up/drop-off pairs and two-worker visits, and breaks, are left where they are
/// (their mates constrain them); 2-opt* applies only between vehicles that end at the same
/// place and time, where exchanging the tails leaves the end depots valid.
struct LocalSearch {
    /// Granular neighbours examined per stop (HGS uses 20).
    var neighbourLimit = 20
    /// Largest model (in stops) whose new best solutions get a pass over every stop; the
    /// Solomon and Homberger instances (100 and 400 customers) are below it.
    static let fullPassStops = 1000
    /// The longest jump of a relocation inside a route.
    var intraReach = 40

    private var queue: [Int32] = []
    private var queued: [Bool]
    private var bufferA: [Int32] = []
    private var bufferB: [Int32] = []
    /// Whether some stop has no place of its own (see `stillImproves`).
    private let placeless: Bool
    /// End place, shift start and shift end of each vehicle as one key, for 2-opt*.
    private let endKey: [SIMD4<Double>]

    init(model m: CompiledModel) {
        queued = Array(repeating: false, count: m.stopCount)
        placeless = m.stopSegment.contains { $0.first < 0 }
        endKey = m.model.vehicles.map { SIMD4(Double($0.endPlace), $0.shiftStart, $0.shiftEnd, 0) }
    }

    /// Moves applied in the last call.
    private(set) var applied = 0

    /// Improves the solution around `stops` (or every routed stop when `stops` is nil) until no
    /// move of a queued stop lowers the penalised cost. With `feasibleOnly`, a move is applied
    /// only when both routes it changes stay free of time warp and excess load.
    mutating func improve(_ st: inout SearchState, around stops: [Int32]?, feasibleOnly: Bool) {
        applied = 0
        let m = st.m
        queue.removeAll(keepingCapacity: true)
        if let stops {
            for s in stops where movable(m, Int(s)) && !queued[Int(s)] {
                queued[Int(s)] = true
                queue.append(s)
            }
        } else {
            for r in st.routes.indices {
                for s in st.routes[r] where movable(m, Int(s)) && !queued[Int(s)] {
                    queued[Int(s)] = true
                    queue.append(s)
                }
            }
        }
        var head = 0
        // Each applied move lowers the cost strictly; the cap only guards against rounding.
        let cap = 50 * max(queue.count, 8)
        while head < queue.count && applied < cap {
            let u = Int(queue[head])
            head += 1
            queued[u] = false
            if st.routeOf[u] < 0 { continue }
            if let v = tryMoves(&st, u, feasibleOnly: feasibleOnly) {
                applied += 1
                for s in [u, v] where s >= 0 && movable(m, s) && !queued[s] {
                    queued[s] = true
                    queue.append(Int32(s))
                }
            }
            if head > 4096 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
        }
        for s in queue[head...] { queued[Int(s)] = false }
        queue.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private func movable(_ m: CompiledModel, _ s: Int) -> Bool {
        m.mateOfStop[s] < 0 && m.stopSegment[s].first >= 0
    }

    /// Tries the moves of `u` with each routed neighbour; applies the first that improves and
    /// returns the neighbour it involved (or -1 when it involved none), nil when none improves.
    private mutating func tryMoves(_ st: inout SearchState, _ u: Int, feasibleOnly: Bool) -> Int? {
        let m = st.m
        let k = m.vehicleCount
        let r1 = Int(st.routeOf[u])
        let i = Int(st.positionOf[u])
        let near = m.granular[u]
        let limit = min(neighbourLimit, near.count)
        var idx = 0
        while idx < limit {
            let v = Int(near[idx])
            idx += 1
            let r2 = Int(st.routeOf[v])
            if r2 < 0 { continue }
            let j = Int(st.positionOf[v])
            if r1 == r2 {
                if intraRelocate(&st, u, r1, i, after: j, feasibleOnly) { return v }
                if intraRelocate(&st, u, r1, i, after: j - 1, feasibleOnly) { return v }
                continue
            }
            if m.allowed[u &* k &+ r2] {
                if relocate(&st, u, r1, i, r2, at: j + 1, feasibleOnly) { return v }
                if relocate(&st, u, r1, i, r2, at: j, feasibleOnly) { return v }
            }
            if movable(m, v) && m.allowed[u &* k &+ r2] && m.allowed[v &* k &+ r1] {
                if swap(&st, u, r1, i, v, r2, j, feasibleOnly) { return v }
            }
            if endKey[r1] == endKey[r2] {
                if twoOptStar(&st, r1, i, r2, j, feasibleOnly) { return v }
            }
        }
        return nil
    }

    // MARK: Scoring helpers

    @inline(__always)
    private func join(_ m: CompiledModel, _ a: Segment, _ b: Segment) -> Segment {
        Segment.joined(a, b, travelTimes: m.travel, places: m.placeCount)
    }

    /// Cost, warp, excess and duration of a route given as its full segment; an empty route
    /// costs nothing.
    @inline(__always)
    private func score(_ st: SearchState, _ s: Segment, _ r: Int, empty: Bool) -> Score {
        if empty { return (0, true, 0, s) }
        let e = st.evaluate(s, vehicle: r)
        return (e.cost, e.warp <= 1e-9 && e.excess <= 1e-9, s.duration, s)
    }

    typealias Score = (cost: Double, feasible: Bool, duration: Double, full: Segment)

    /// The last word on a move whose new sequences are in the buffers (route `a` in `bufferA`,
    /// route `b` in `bufferB`; `b` = -1 for a move inside `a`), scored at `delta`.
    ///
    /// - A stop without a place (a break) makes the joining of segments depend on the order of
    ///   the joins (the travel around it falls before or after it), so where the model has such
    ///   stops the new routes are scored again from the depot on, as `rebuild` will score them.
    /// - Re-planning: the shifted minutes of the new routes need their schedule, a pass over the
    ///   routes, so they are worked out only for a move that improves everything else.
    private func stillImproves(
        _ st: SearchState,
        _ delta: Double,
        _ a: Int,
        _ sa: Score,
        _ b: Int,
        _ sb: Score,
        _ feasibleOnly: Bool
    ) -> Bool {
        let m = st.m
        var delta = delta
        var fa = sa.full
        var fb = sb.full
        if placeless {
            let na = exact(st, bufferA, a)
            delta += na.cost - sa.cost
            fa = na.full
            if feasibleOnly && !na.feasible { return false }
            if b >= 0 {
                let nb = exact(st, bufferB, b)
                delta += nb.cost - sb.cost
                fb = nb.full
                if feasibleOnly && !nb.feasible { return false }
                delta +=
                    st.balanceDelta(a, na.duration, b, nb.duration) - st.balanceDelta(a, sa.duration, b, sb.duration)
            } else {
                delta += st.balanceDelta(a, na.duration) - st.balanceDelta(a, sa.duration)
            }
        }
        if m.shiftCost > 0 {
            var change = st.shiftedMinutes(bufferA, vehicle: a, full: fa) - st.routeShift[a]
            if b >= 0 { change += st.shiftedMinutes(bufferB, vehicle: b, full: fb) - st.routeShift[b] }
            delta += m.shiftCost * change
        }
        return delta <= -1e-6
    }

    /// A sequence on vehicle `r` scored by joining from the start depot on, as `rebuild` does.
    private func exact(_ st: SearchState, _ stops: [Int32], _ r: Int) -> Score {
        let m = st.m
        if stops.isEmpty { return (0, true, 0, m.startSegment[r]) }
        var seg = m.startSegment[r]
        for s in stops { seg = join(m, seg, m.stopSegment[Int(s)]) }
        seg = join(m, seg, m.endSegment[r])
        return score(st, seg, r, empty: false)
    }

    /// Change of the number of distinct (group, resource) pairs, in cost, when the stops
    /// `from` leave route `a` for route `b` and `to` leave `b` for `a`.
    private func continuityDelta(_ st: inout SearchState, _ a: Int, _ b: Int, moving x: Int, andBack y: Int) -> Double {
        let m = st.m
        if m.distinctCost == 0 || m.vehicleResource[a] == m.vehicleResource[b] { return 0 }
        let before = st.distinctPairs
        st.count(stop: x, route: a, by: -1)
        st.count(stop: x, route: b, by: 1)
        if y >= 0 {
            st.count(stop: y, route: b, by: -1)
            st.count(stop: y, route: a, by: 1)
        }
        let after = st.distinctPairs
        if y >= 0 {
            st.count(stop: y, route: a, by: -1)
            st.count(stop: y, route: b, by: 1)
        }
        st.count(stop: x, route: b, by: -1)
        st.count(stop: x, route: a, by: 1)
        return m.distinctCost * Double(after - before)
    }

    // MARK: Moves

    /// Moves `u` (at `i` of `r1`) to position `p` of another route `r2`.
    private mutating func relocate(
        _ st: inout SearchState,
        _ u: Int,
        _ r1: Int,
        _ i: Int,
        _ r2: Int,
        at p: Int,
        _ feasibleOnly: Bool
    ) -> Bool {
        let m = st.m
        let seg = m.stopSegment[u]
        let n1 = st.routes[r1].count
        let a = score(st, join(m, st.forward[r1][i], st.backward[r1][i + 1]), r1, empty: n1 == 1)
        let b = score(st, join(m, join(m, st.forward[r2][p], seg), st.backward[r2][p]), r2, empty: false)
        var delta = a.cost - st.routeCost[r1] + b.cost - st.routeCost[r2]
        delta += st.assignment(u, r2) - st.assignment(u, r1)
        if delta >= 0 && m.distinctCost == 0 && m.balanceCost == 0 { return false }
        if feasibleOnly && !(a.feasible && b.feasible) { return false }
        delta += continuityDelta(&st, r1, r2, moving: u, andBack: -1)
        delta += st.balanceDelta(r1, a.duration, r2, b.duration)
        if delta > -1e-6 { return false }
        bufferA.removeAll(keepingCapacity: true)
        bufferA.append(contentsOf: st.routes[r1])
        bufferA.remove(at: i)
        bufferB.removeAll(keepingCapacity: true)
        bufferB.append(contentsOf: st.routes[r2])
        bufferB.insert(Int32(u), at: p)
        if !stillImproves(st, delta, r1, a, r2, b, feasibleOnly) { return false }
        st.replace(route: r1, with: bufferA)
        st.replace(route: r2, with: bufferB)
        return true
    }

    /// Exchanges `u` (at `i` of `r1`) and `v` (at `j` of `r2`).
    private mutating func swap(
        _ st: inout SearchState,
        _ u: Int,
        _ r1: Int,
        _ i: Int,
        _ v: Int,
        _ r2: Int,
        _ j: Int,
        _ feasibleOnly: Bool
    ) -> Bool {
        let m = st.m
        let a = score(
            st,
            join(m, join(m, st.forward[r1][i], m.stopSegment[v]), st.backward[r1][i + 1]),
            r1,
            empty: false
        )
        let b = score(
            st,
            join(m, join(m, st.forward[r2][j], m.stopSegment[u]), st.backward[r2][j + 1]),
            r2,
            empty: false
        )
        var delta = a.cost - st.routeCost[r1] + b.cost - st.routeCost[r2]
        delta += st.assignment(u, r2) - st.assignment(u, r1) + st.assignment(v, r1) - st.assignment(v, r2)
        if delta >= 0 && m.distinctCost == 0 && m.balanceCost == 0 { return false }
        if feasibleOnly && !(a.feasible && b.feasible) { return false }
        delta += continuityDelta(&st, r1, r2, moving: u, andBack: v)
        delta += st.balanceDelta(r1, a.duration, r2, b.duration)
        if delta > -1e-6 { return false }
        bufferA.removeAll(keepingCapacity: true)
        bufferA.append(contentsOf: st.routes[r1])
        bufferA[i] = Int32(v)
        bufferB.removeAll(keepingCapacity: true)
        bufferB.append(contentsOf: st.routes[r2])
        bufferB[j] = Int32(u)
        if !stillImproves(st, delta, r1, a, r2, b, feasibleOnly) { return false }
        st.replace(route: r1, with: bufferA)
        st.replace(route: r2, with: bufferB)
        return true
    }

    /// Joins `r1` up to and including position `i` to `r2` from position `j` on, and `r2`
    /// before `j` to `r1` after `i` (the arc u→v is made; both tails change vehicles).
    private mutating func twoOptStar(
        _ st: inout SearchState,
        _ r1: Int,
        _ i: Int,
        _ r2: Int,
        _ j: Int,
        _ feasibleOnly: Bool
    ) -> Bool {
        let m = st.m
        let n1 = st.routes[r1].count
        let n2 = st.routes[r2].count
        let newA = n2 - j + i + 1
        let newB = j + n1 - i - 1
        let a = score(st, join(m, st.forward[r1][i + 1], st.backward[r2][j]), r1, empty: newA == 0)
        let b = score(st, join(m, st.forward[r2][j], st.backward[r1][i + 1]), r2, empty: newB == 0)
        var delta = a.cost - st.routeCost[r1] + b.cost - st.routeCost[r2]
        if delta >= 0 && m.distinctCost == 0 && m.balanceCost == 0 && !m.hasAssignmentCost { return false }
        if feasibleOnly && !(a.feasible && b.feasible) { return false }
        // The tails change vehicles: every stop must be allowed on its new one and none may be
        // bound to a mate.
        let k = m.vehicleCount
        for q in (i + 1)..<n1 {
            let s = Int(st.routes[r1][q])
            if !m.allowed[s &* k &+ r2] || m.mateOfStop[s] >= 0 { return false }
            delta += st.assignment(s, r2) - st.assignment(s, r1)
        }
        for q in j..<n2 {
            let s = Int(st.routes[r2][q])
            if !m.allowed[s &* k &+ r1] || m.mateOfStop[s] >= 0 { return false }
            delta += st.assignment(s, r1) - st.assignment(s, r2)
        }
        if m.distinctCost > 0 && m.vehicleResource[r1] != m.vehicleResource[r2] {
            let before = st.distinctPairs
            for q in (i + 1)..<n1 {
                let s = Int(st.routes[r1][q])
                st.count(stop: s, route: r1, by: -1)
                st.count(stop: s, route: r2, by: 1)
            }
            for q in j..<n2 {
                let s = Int(st.routes[r2][q])
                st.count(stop: s, route: r2, by: -1)
                st.count(stop: s, route: r1, by: 1)
            }
            let after = st.distinctPairs
            for q in (i + 1)..<n1 {
                let s = Int(st.routes[r1][q])
                st.count(stop: s, route: r2, by: -1)
                st.count(stop: s, route: r1, by: 1)
            }
            for q in j..<n2 {
                let s = Int(st.routes[r2][q])
                st.count(stop: s, route: r1, by: -1)
                st.count(stop: s, route: r2, by: 1)
            }
            delta += m.distinctCost * Double(after - before)
        }
        delta += st.balanceDelta(r1, a.duration, r2, b.duration)
        if delta > -1e-6 { return false }
        bufferA.removeAll(keepingCapacity: true)
        bufferA.append(contentsOf: st.routes[r1][0...i])
        bufferA.append(contentsOf: st.routes[r2][j...])
        bufferB.removeAll(keepingCapacity: true)
        bufferB.append(contentsOf: st.routes[r2][0..<j])
        bufferB.append(contentsOf: st.routes[r1][(i + 1)...])
        if !stillImproves(st, delta, r1, a, r2, b, feasibleOnly) { return false }
        st.replace(route: r1, with: bufferA)
        st.replace(route: r2, with: bufferB)
        return true
    }

    /// Moves `u` (at `i` of `r`) to just after position `j` of the same route (`j` = -1: to
    /// the front), joining the stops it jumps over.
    private mutating func intraRelocate(
        _ st: inout SearchState,
        _ u: Int,
        _ r: Int,
        _ i: Int,
        after j: Int,
        _ feasibleOnly: Bool
    ) -> Bool {
        if j == i || j == i - 1 || j < -1 || abs(j - i) > intraReach { return false }
        let m = st.m
        let stops = st.routes[r]
        var seg: Segment
        if j > i {
            seg = st.forward[r][i]
            for q in (i + 1)...j { seg = join(m, seg, m.stopSegment[Int(stops[q])]) }
            seg = join(m, join(m, seg, m.stopSegment[u]), st.backward[r][j + 1])
        } else {
            seg = join(m, st.forward[r][j + 1], m.stopSegment[u])
            for q in (j + 1)..<i { seg = join(m, seg, m.stopSegment[Int(stops[q])]) }
            seg = join(m, seg, st.backward[r][i + 1])
        }
        let a = score(st, seg, r, empty: false)
        var delta = a.cost - st.routeCost[r]
        if delta >= 0 && m.balanceCost == 0 { return false }
        if feasibleOnly && !a.feasible { return false }
        delta += st.balanceDelta(r, a.duration)
        if delta > -1e-6 { return false }
        bufferA.removeAll(keepingCapacity: true)
        bufferA.append(contentsOf: stops)
        bufferA.remove(at: i)
        bufferA.insert(Int32(u), at: j > i ? j : j + 1)
        if !stillImproves(st, delta, r, a, -1, a, feasibleOnly) { return false }
        st.replace(route: r, with: bufferA)
        return true
    }
}
