/// The home-care problem translated into the engine's `RoutingModel`, with what is needed to
/// read a solution back: which vehicle is which worker's shift and which stop is which visit.
///
/// - A vehicle is one shift of one worker; times are absolute minutes (day × 1440 + minute).
/// - A visit is a job; each of its windows is an alternative. A two-worker visit is a team job
///   whose alternatives fix a common start (every 15 minutes across the window, at most 8), so
///   both workers arrive together. A transport with a drop-off is a pick-up/drop-off pair.
/// - A break is a stop without a place of its own on its shift's vehicle only.
/// - Skills, required, refused and pinned workers and the visit's day decide the vehicles a stop
///   may use; preferences, visits away from the person's main worker and re-planning changes
///   are assignment costs.
/// - Continuity is the engine's group term: a person is a group, a worker a resource, and each
///   distinct (person, worker) pair costs `distinctWorker`. Balance is its resource term.
struct CareModel {
    let problem: CareProblem
    let weights: ResolvedWeights
    var routing: RoutingModel
    /// Per vehicle: worker index, shift index.
    let vehicleWorker: [Int]
    let vehicleShift: [Int]
    /// Per stop: visit index, or -1 for a break; whether it is a drop-off.
    let stopVisit: [Int]
    let stopIsDropOff: [Bool]
    /// Per job: visit index, or -1 for a break.
    let jobVisit: [Int]
    let placeIndex: [String: Int]
    let workerIndex: [String: Int]
    /// Vehicles each visit could use before time is considered; empty explains why it is undone.
    let candidateVehicles: [[Int]]

    static let day = 1440.0

    init(_ problem: CareProblem) {
        self.problem = problem
        let weights = ResolvedWeights(problem.weights)
        self.weights = weights
        var placeIndex: [String: Int] = [:]
        for (i, p) in problem.places.enumerated() { placeIndex[p.id] = i }
        self.placeIndex = placeIndex
        var workerIndex: [String: Int] = [:]
        for (i, w) in problem.workers.enumerated() { workerIndex[w.id] = i }
        self.workerIndex = workerIndex

        let n = problem.places.count
        var travel: [Double]
        if let m = problem.travelMatrix {
            travel = m.flatMap { $0 }
        } else {
            travel = (problem.travel ?? TravelSettings()).matrix(for: problem.places)
        }

        // Vehicles.
        var vehicles: [RoutingModel.Vehicle] = []
        var vWorker: [Int] = []
        var vShift: [Int] = []
        for (wi, w) in problem.workers.enumerated() {
            let total = w.shifts.reduce(0) { $0 + ($1.end - $1.start) }
            for (si, s) in w.shifts.enumerated() {
                let dayTotal = w.shifts.filter { $0.day == s.day }.reduce(0) { $0 + ($1.end - $1.start) }
                let length = s.end - s.start
                var cap = Double.infinity
                // A daily or weekly limit that the shifts could exceed is shared out in proportion
                // to shift length, which keeps it hard without linking routes.
                if let d = w.maxMinutesPerDay, dayTotal > d { cap = min(cap, d * length / max(dayTotal, 1e-9)) }
                if let wk = w.maxMinutesPerWeek, total > wk { cap = min(cap, wk * length / max(total, 1e-9)) }
                var c = SIMD4<Double>(repeating: 0)
                for (k, x) in (w.capacity ?? []).prefix(4).enumerated() { c[k] = x }
                var v = RoutingModel.Vehicle(
                    startPlace: placeIndex[s.startPlace]!,
                    endPlace: placeIndex[s.endPlace]!,
                    shiftStart: Double(s.day) * Self.day + s.start,
                    shiftEnd: Double(s.day) * Self.day + s.end,
                    capacity: c
                )
                v.maxDuration = cap
                if let r = w.regularMinutesPerDay {
                    v.regularDuration = r
                    v.overtimeCost = weights.overtimeMinute
                }
                vehicles.append(v)
                vWorker.append(wi)
                vShift.append(si)
            }
        }
        vehicleWorker = vWorker
        vehicleShift = vShift

        let published = Dictionary(
            (problem.published ?? []).map { ($0.visit, $0.worker) },
            uniquingKeysWith: { a, _ in a }
        )
        var stops: [RoutingModel.Stop] = []
        var jobs: [RoutingModel.Job] = []
        var sVisit: [Int] = []
        var sDrop: [Bool] = []
        var jVisit: [Int] = []
        var candidates: [[Int]] = []
        var costRows: [(stop: Int, visit: Int)] = []
        for (vi, visit) in problem.visits.enumerated() {
            var allowed: [Int] = []
            let load = visit.load ?? []
            for (k, veh) in vehicles.enumerated() {
                let w = problem.workers[vWorker[k]]
                let shift = w.shifts[vShift[k]]
                if shift.day != visit.day { continue }
                if let s = visit.skill, !w.skills.contains(s) { continue }
                if let r = visit.requiredWorker, r != w.id { continue }
                if let p = visit.pinned, p.worker != w.id { continue }
                if (visit.refusedWorkers ?? []).contains(w.id) { continue }
                if load.enumerated().contains(where: { $0.element > veh.capacity[$0.offset] + 1e-9 }) { continue }
                allowed.append(k)
            }
            candidates.append(allowed)
            let base = Double(visit.day) * Self.day
            var l = SIMD4<Double>(repeating: 0)
            for (k, x) in load.prefix(4).enumerated() { l[k] = x }
            func stop(_ place: String, _ service: Double, _ ready: Double, _ due: Double, drop: Bool) -> Int {
                var s = RoutingModel.Stop(
                    place: placeIndex[place]!,
                    service: service,
                    ready: base + ready,
                    due: base + due
                )
                s.allowedVehicles = allowed
                if visit.dropOff != nil { s.carried = drop ? -l : l }
                stops.append(s)
                sVisit.append(vi)
                sDrop.append(drop)
                costRows.append((stops.count - 1, vi))
                return stops.count - 1
            }
            var windows = visit.windows
            if let t = visit.pinned?.start { windows = [[t, t]] }
            let penalty = Self.unassignedCost(visit, weights)
            var alternatives: [[Int]] = []
            let kind: RoutingModel.Job.Kind
            if let d = visit.dropOff {
                kind = .pair
                for w in windows {
                    for dw in d.windows {
                        let a = stop(visit.place, visit.duration, w[0], w[1], drop: false)
                        let b = stop(d.place, d.duration, dw[0], dw[1], drop: true)
                        alternatives.append([a, b])
                    }
                }
            } else if visit.workers == 2 {
                kind = .team
                for w in windows {
                    let span = w[1] - w[0]
                    let steps = min(7, Int(span / 15))
                    for i in 0...steps {
                        let t = steps == 0 ? w[0] : w[0] + span * Double(i) / Double(steps)
                        let a = stop(visit.place, visit.duration, t, t, drop: false)
                        let b = stop(visit.place, visit.duration, t, t, drop: false)
                        alternatives.append([a, b])
                    }
                }
            } else {
                kind = .single
                for w in windows { alternatives.append([stop(visit.place, visit.duration, w[0], w[1], drop: false)]) }
            }
            jobs.append(RoutingModel.Job(kind: kind, alternatives: alternatives, unassignedCost: penalty))
            jVisit.append(vi)
        }
        // Breaks.
        for (k, veh) in vehicles.enumerated() {
            let w = problem.workers[vWorker[k]]
            guard let rule = w.breakRule, veh.shiftEnd - veh.shiftStart > rule.afterMinutes else { continue }
            let base = Double(w.shifts[vShift[k]].day) * Self.day
            var s = RoutingModel.Stop(
                place: -1,
                service: rule.minutes,
                ready: base + rule.windowStart,
                due: base + rule.windowEnd - rule.minutes
            )
            s.allowedVehicles = [k]
            stops.append(s)
            sVisit.append(-1)
            sDrop.append(false)
            jobs.append(RoutingModel.Job(kind: .single, alternatives: [[stops.count - 1]], unassignedCost: 1e7))
            jVisit.append(-1)
        }
        stopVisit = sVisit
        stopIsDropOff = sDrop
        jobVisit = jVisit
        candidateVehicles = candidates

        // Assignment costs: preferred workers, visits away from the main worker, changes against
        // the published plan.
        let anchors = Self.mainWorkers(problem)
        var assignment: [Double] = []
        let k = vehicles.count
        let anyCost =
            problem.visits.contains { !($0.preferredWorkers ?? []).isEmpty } || !published.isEmpty || !anchors.isEmpty
        if anyCost {
            assignment = [Double](repeating: 0, count: stops.count * k)
            for (s, vi) in costRows {
                let visit = problem.visits[vi]
                let prefs = visit.preferredWorkers ?? []
                for v in 0..<k {
                    let wid = problem.workers[vWorker[v]].id
                    var c = 0.0
                    if !prefs.isEmpty {
                        let wt = prefs.first(where: { $0.worker == wid }).map { $0.weight ?? 1 } ?? 0
                        c += weights.preferredWorker * (1 - wt)
                    }
                    if let a = anchors[visit.person], a != wid { c += weights.newWorker }
                    if let p = published[visit.id], p != wid { c += weights.changedAssignment }
                    assignment[s * k + v] = c
                }
            }
        }
        routing = RoutingModel(
            placeCount: n,
            travel: travel,
            stops: stops,
            vehicles: vehicles,
            jobs: jobs,
            assignmentCost: assignment
        )
        var personIndex: [String: Int] = [:]
        for v in problem.visits where personIndex[v.person] == nil { personIndex[v.person] = personIndex.count }
        routing.stopGroup = zip(sVisit, sDrop).map { vi, drop in
            vi < 0 || drop ? -1 : personIndex[problem.visits[vi].person]!
        }
        routing.vehicleResource = vWorker
        routing.distinctResourceCost = weights.distinctWorker
        routing.balanceCost = weights.workloadBalance
        // Shifted minutes: each visit's start in the published plan, on its pick-up or visit
        // stops (a drop-off follows from the pick-up).
        let publishedStart = Dictionary(
            (problem.published ?? []).compactMap { p in p.start.map { (p.visit, $0) } },
            uniquingKeysWith: { a, _ in a }
        )
        if !publishedStart.isEmpty && weights.shiftedMinute > 0 {
            routing.targetStart = zip(sVisit, sDrop).map { vi, drop in
                guard vi >= 0, !drop, let t = publishedStart[problem.visits[vi].id] else { return .nan }
                return Double(problem.visits[vi].day) * Self.day + t
            }
            routing.shiftedMinuteCost = weights.shiftedMinute
        }
    }

    /// The price of leaving a visit undone, in the engine's unit: `unassignedVisit` scaled by
    /// priority, ten times that for a pinned visit (under way or promised), six times for a
    /// visit with a chosen assistant, whom no one else may replace: the assistant's day goes to
    /// the people who chose them before anyone else, even a priority-5 visit before a
    /// priority-1 visit someone else could make.
    static func unassignedCost(_ visit: CareProblem.Visit, _ weights: ResolvedWeights) -> Double {
        let priority = Double(visit.priority ?? 3)
        var penalty = weights.unassignedVisit * (6 - priority) / 5
        if visit.pinned != nil {
            penalty *= 10
        } else if visit.requiredWorker != nil {
            penalty *= 6
        }
        return penalty
    }

    /// Each person's main worker: the chosen (required) worker, else the preferred worker of
    /// the highest weight, else the worker of most of their visits in the published plan.
    static func mainWorkers(_ problem: CareProblem) -> [String: String] {
        var main: [String: String] = [:]
        var weight: [String: Double] = [:]
        for v in problem.visits {
            if let r = v.requiredWorker {
                main[v.person] = r
                weight[v.person] = .infinity
            } else if let best = (v.preferredWorkers ?? []).max(by: { ($0.weight ?? 1) < ($1.weight ?? 1) }),
                (best.weight ?? 1) > weight[v.person] ?? -1
            {
                main[v.person] = best.worker
                weight[v.person] = best.weight ?? 1
            }
        }
        let person = Dictionary(problem.visits.map { ($0.id, $0.person) }, uniquingKeysWith: { a, _ in a })
        var counts: [String: [String: Int]] = [:]
        for p in problem.published ?? [] {
            guard let who = person[p.visit], main[who] == nil else { continue }
            counts[who, default: [:]][p.worker, default: 0] += 1
        }
        for (who, c) in counts {
            main[who] = c.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }!.key
        }
        return main
    }
}

/// The objective's weights with their defaults filled in.
struct ResolvedWeights {
    var travelMinute: Double
    var unassignedVisit: Double
    var newWorker: Double
    var distinctWorker: Double
    var preferredWorker: Double
    var overtimeMinute: Double
    var workloadBalance: Double
    var changedAssignment: Double
    var shiftedMinute: Double

    init(_ w: CareProblem.Weights?) {
        travelMinute = w?.travelMinute ?? 1
        unassignedVisit = w?.unassignedVisit ?? 1000
        newWorker = w?.newWorker ?? 20
        distinctWorker = w?.distinctWorker ?? 90
        preferredWorker = w?.preferredWorker ?? 30
        overtimeMinute = w?.overtimeMinute ?? 2
        workloadBalance = w?.workloadBalance ?? 0.2
        changedAssignment = w?.changedAssignment ?? 60
        shiftedMinute = w?.shiftedMinute ?? 0.5
        // Travel is the engine's unit of cost, so the other weights are expressed in it.
        let scale = travelMinute > 0 ? 1 / travelMinute : 1
        unassignedVisit *= scale
        newWorker *= scale
        distinctWorker *= scale
        preferredWorker *= scale
        overtimeMinute *= scale
        workloadBalance *= scale
        changedAssignment *= scale
        shiftedMinute *= scale
    }
}
