import Foundation

/// How long and how to search.
public struct SearchOptions: Sendable {
    /// Wall-clock budget.
    public var timeLimit: Duration
    /// Step budget; when set, the cooling follows steps instead of the clock, so a run with a
    /// given seed and budget gives the same answer on any machine.
    public var iterationLimit: Int?
    public var seed: UInt64
    /// Independent searches run side by side with seeds `seed`, `seed + 1`, ...; the best wins.
    public var threads: Int
    /// Asked now and then; returning true ends the search with the best plan so far.
    public var shouldStop: @Sendable () -> Bool
    /// Told about every new best feasible solution, so a page can show progress.
    public var onImprovement: @Sendable (Improvement) -> Void
    /// Local search (relocate, swap, 2-opt*) after every recreate; off only to measure what
    /// it adds.
    public var localSearch = true

    public init(
        timeLimit: Duration = .seconds(10),
        iterationLimit: Int? = nil,
        seed: UInt64 = 1,
        threads: Int = 1,
        shouldStop: @escaping @Sendable () -> Bool = { false },
        onImprovement: @escaping @Sendable (Improvement) -> Void = { _ in }
    ) {
        self.timeLimit = timeLimit
        self.iterationLimit = iterationLimit
        self.seed = seed
        self.threads = threads
        self.shouldStop = shouldStop
        self.onImprovement = onImprovement
    }
}

/// A new best feasible solution found during the search.
public struct Improvement: Sendable {
    public var cost: Double
    /// Seconds since the search started.
    public var seconds: Double
    public var solution: RoutingSolution
}

/// The outcome of a search: each vehicle's stops in order and the jobs' chosen alternatives.
public struct RoutingSolution: Sendable {
    public var routes: [[Int]]
    /// Per job the alternative used, or nil when the job is undone.
    public var alternatives: [Int?]
    public var cost: Double
    public var feasible: Bool
    public var iterations: Int
}

/// Simulated annealing over ruin-and-recreate steps with penalties for time warp and excess
/// load that adapt so that about 40 % of the candidate solutions are feasible, as HGS does for
/// its repair-free local search; the best feasible solution seen is kept.
struct AnnealingSearch {
    let m: CompiledModel
    let options: SearchOptions
    var rng: RandomSource

    var initial: RoutingSolution?

    init(model: CompiledModel, options: SearchOptions, seed: UInt64, initial: RoutingSolution? = nil) {
        self.initial = initial
        m = model
        self.options = options
        rng = RandomSource(seed: seed)
    }

    mutating func run() -> RoutingSolution {
        let clock = ContinuousClock()
        let started = clock.now
        let limit =
            Double(options.timeLimit.components.seconds) + Double(options.timeLimit.components.attoseconds) * 1e-18
        var demandSum = 0.0
        for d in m.jobDemand { demandSum += d }
        let meanDemand = m.jobDemand.isEmpty ? 1 : max(demandSum / Double(m.jobDemand.count), 1e-6)
        var warpPenalty = 1.0
        var loadPenalty = max(m.typicalArc * 2 / meanDemand, 1e-3)
        // When jobs may be left undone, start from penalties that make any violation dearer
        // than leaving a job out, so the first solution is feasible; they adapt from there.
        let optionalCost = m.model.jobs.lazy.map(\.unassignedCost).filter { $0 < 1e6 }.max()
        if let c = optionalCost {
            warpPenalty = max(warpPenalty, 10 * c)
            loadPenalty = max(loadPenalty, 10 * c)
        }

        var st = SearchState(model: m, warpPenalty: warpPenalty, loadPenalty: loadPenalty)
        var rr = RuinRecreate(model: m)
        var ls = LocalSearch(model: m)
        var touchedStops: [Int32] = []
        // First solution: every job inserted in random order.
        let required = m.model.jobs.contains { !$0.unassignedCost.isFinite }
        st.beginStep()
        if let initial { st.load(initial) }
        var order = Array(0..<m.model.jobs.count)
        order.shuffle(using: &rng)
        // Jobs that only one vehicle can do go first, as in every rebuild (see `RuinRecreate`).
        order = order.filter { m.singleVehicle[$0] } + order.filter { !m.singleVehicle[$0] }
        var next = 0
        while next < order.count {
            let j = order[next]
            next += 1
            if st.jobAlternative[j] >= 0 { continue }
            order.append(contentsOf: rr.place(&st, j, rng: &rng).map(Int.init))
        }
        var iteration = 0
        // Where every job must be done and a quarter of the budget has found no feasible
        // solution (a tight fleet), the repair phase takes over for up to half of the budget.
        var repaired = !required

        var current = st.totalCost
        var best = Snapshot(st)
        var bestCost = st.isFeasible ? st.plainCost : .infinity
        var bestFeasible = st.isFeasible
        if bestFeasible {
            options.onImprovement(
                Improvement(cost: bestCost, seconds: 0, solution: best.solution(cost: bestCost, iterations: 0))
            )
        }
        var bestPenalised = current
        var bestAny = best

        let t0 = 10 * m.typicalArc
        let tEnd = 0.1 * m.typicalArc
        var progress = 0.0
        var timeFeasibleCount = 0
        var loadFeasibleCount = 0
        let window = 100
        while true {
            if iteration & 15 == 0 {
                let elapsed = (clock.now - started)
                let secs = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                if secs >= limit || options.shouldStop() { break }
                if let cap = options.iterationLimit {
                    progress = Double(iteration) / Double(max(cap, 1))
                } else {
                    progress = secs / limit
                }
            } else if let cap = options.iterationLimit {
                progress = Double(iteration) / Double(max(cap, 1))
            }
            if let cap = options.iterationLimit, iteration >= cap { break }
            if !repaired && !bestFeasible && progress >= 0.25 {
                repaired = true
                iteration += repair(&st, &rr, &ls, clock: clock, started: started, until: 0.75 * limit)
                current = st.totalCost
                continue
            }
            iteration += 1
            let temperature = t0 * pow(tEnd / t0, progress)

            st.beginStep()
            rr.ruin(&st, rng: &rng)
            rr.recreate(&st, rng: &rng)
            if options.localSearch { ls.improve(&st, around: rr.inserted, feasibleOnly: false) }
            var cost = st.totalCost
            let timeOK = st.isTimeFeasible
            let loadOK = st.isLoadFeasible
            if timeOK { timeFeasibleCount += 1 }
            if loadOK { loadFeasibleCount += 1 }
            if timeOK && loadOK && st.missingRequired == 0 {
                var plain = st.plainCost
                if plain < bestCost - 1e-9 {
                    if options.localSearch {
                        // A new best gets a pass that keeps every route feasible: over every
                        // stop on a small model, else over the routes this step changed, as
                        // where every solution is feasible (home care) nearly every improving
                        // step is a new best and a full pass would cost O(n) each time.
                        if m.stopCount <= LocalSearch.fullPassStops {
                            ls.improve(&st, around: nil, feasibleOnly: true)
                        } else {
                            touchedStops.removeAll(keepingCapacity: true)
                            for r in st.touchedRoutes { touchedStops.append(contentsOf: st.routes[Int(r)]) }
                            ls.improve(&st, around: touchedStops, feasibleOnly: true)
                        }
                        plain = st.plainCost
                        cost = st.totalCost
                    }
                    bestCost = plain
                    best = Snapshot(st)
                    bestFeasible = true
                    let e = clock.now - started
                    options.onImprovement(
                        Improvement(
                            cost: plain,
                            seconds: Double(e.components.seconds) + Double(e.components.attoseconds) * 1e-18,
                            solution: best.solution(cost: plain, iterations: iteration)
                        )
                    )
                }
            } else if !bestFeasible && cost < bestPenalised {
                bestPenalised = cost
                bestAny = Snapshot(st)
            }
            let threshold = current - temperature * log(max(rng.unit(), 1e-300))
            if cost < threshold {
                current = cost
            } else {
                st.undoStep()
            }

            if iteration % window == 0 {
                let target = 0.4
                let tf = Double(timeFeasibleCount) / Double(window)
                let lf = Double(loadFeasibleCount) / Double(window)
                if tf < target - 0.05 {
                    warpPenalty = min(warpPenalty * 1.3, 1e6)
                } else if tf > target + 0.05 {
                    warpPenalty = max(warpPenalty * 0.85, 1e-3)
                }
                if lf < target - 0.05 {
                    loadPenalty = min(loadPenalty * 1.3, 1e6)
                } else if lf > target + 0.05 {
                    loadPenalty = max(loadPenalty * 0.85, 1e-3)
                }
                timeFeasibleCount = 0
                loadFeasibleCount = 0
                st.setPenalties(warp: warpPenalty, load: loadPenalty)
                current = st.totalCost
            }
        }
        let chosen = bestFeasible ? best : bestAny
        return RoutingSolution(
            routes: chosen.routes,
            alternatives: chosen.alternatives,
            cost: bestFeasible ? bestCost : .infinity,
            feasible: bestFeasible,
            iterations: iteration
        )
    }
}

extension AnnealingSearch {
    /// Reaches a solution that does every job on the given fleet: ruin and recreate with
    /// feasible insertions only, accepting a step when fewer jobs are left out, or jobs whose
    /// absence counters sum lower (even if more of them). A job's counter grows each step it is out, so jobs
    /// that are hard to place are preferred in later steps. This is the fleet-minimisation
    /// step of SISR (Christiaens and Vanden Berghe, 2020) with the fleet held at its size.
    /// Runs until `until` seconds; returns the steps taken.
    mutating func repair(
        _ st: inout SearchState,
        _ rr: inout RuinRecreate,
        _ ls: inout LocalSearch,
        clock: ContinuousClock,
        started: ContinuousClock.Instant,
        until: Double
    ) -> Int {
        let jobs = m.model.jobs.count
        // Keep the feasible routes; the jobs of the others go back in where they fit.
        st.beginStep()
        for r in 0..<st.routes.count where st.routeWarp[r] > 1e-9 || st.routeExcess[r] > 1e-9 {
            for s in st.routes[r] { st.unassign(job: Int(st.m.jobOfStop[Int(s)])) }
        }
        st.rebuildDirty()
        st.hard = true
        defer { st.hard = false }
        var order = (0..<jobs).filter { st.jobAlternative[$0] < 0 }
        order.shuffle(using: &rng)
        for j in order { rr.insertJob(&st, j, rng: &rng) }
        var counter = [Int](repeating: 0, count: jobs)
        func absentSum(_ st: SearchState) -> Int {
            var sum = 0
            for j in 0..<jobs where st.jobAlternative[j] < 0 { sum += counter[j] }
            return sum
        }
        var missing = st.missingRequired
        var sum = absentSum(st)
        var steps = 0
        defer { rr.alwaysOffer.removeAll() }
        for j in 0..<jobs where st.jobAlternative[j] < 0 { rr.alwaysOffer.append(Int32(j)) }
        let cap = options.iterationLimit.map { $0 / 2 }  // and at most half of a step budget
        while st.missingRequired > 0 {
            if steps & 15 == 0 {
                let e = clock.now - started
                let secs = Double(e.components.seconds) + Double(e.components.attoseconds) * 1e-18
                if secs >= until || options.shouldStop() { break }
            }
            if let cap, steps >= cap { break }
            steps += 1
            st.beginStep()
            rr.ruin(&st, rng: &rng)
            rr.recreate(&st, rng: &rng)
            // Tightening the routes around the re-inserted stops makes room for the jobs still out.
            if options.localSearch {
                ls.improve(&st, around: rr.inserted, feasibleOnly: true)
                for j in rr.alwaysOffer where st.jobAlternative[Int(j)] < 0 { rr.insertJob(&st, Int(j), rng: &rng) }
            }
            let candidateSum = absentSum(st)
            if st.missingRequired < missing || candidateSum < sum {
                missing = st.missingRequired
                sum = candidateSum
            } else {
                st.undoStep()
            }
            rr.alwaysOffer.removeAll(keepingCapacity: true)
            for j in 0..<jobs where st.jobAlternative[j] < 0 {
                counter[j] += 1
                rr.alwaysOffer.append(Int32(j))
            }
            sum = absentSum(st)
        }
        // Whatever is still out goes back in with penalties, for the search to carry on.
        st.hard = false
        st.beginStep()
        for j in 0..<jobs where st.jobAlternative[j] < 0 { rr.insertJob(&st, j, rng: &rng) }
        if let cap = options.iterationLimit { return min(steps, cap / 2) }
        return steps
    }
}

/// A copy of a solution's routes, taken when it is the best so far.
struct Snapshot {
    var routes: [[Int]]
    var alternatives: [Int?]

    init(_ st: SearchState) {
        routes = st.routes.map { $0.map(Int.init) }
        alternatives = st.jobAlternative.map { $0 >= 0 ? Int($0) : nil }
    }

    func solution(cost: Double, iterations: Int) -> RoutingSolution {
        RoutingSolution(routes: routes, alternatives: alternatives, cost: cost, feasible: true, iterations: iterations)
    }
}
