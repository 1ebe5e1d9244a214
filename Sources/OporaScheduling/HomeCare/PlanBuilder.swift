/// Turns a routing solution into a plan with times, and measures it.
///
/// Times are recomputed here from the routes alone (leave at the earliest time that gives the
/// shortest day, then travel, wait, serve in order), so the plan never depends on the search's bookkeeping.
/// A stop that would still break a hard rule (only possible when the search found no feasible
/// solution in time) takes its whole visit out of the plan, and the visit is reported undone.
struct PlanBuilder {
    let care: CareModel
    let stopJob: [Int]

    init(care: CareModel) {
        self.care = care
        var out = [Int](repeating: -1, count: care.routing.stops.count)
        for (j, job) in care.routing.jobs.enumerated() { for alt in job.alternatives { for s in alt { out[s] = j } } }
        stopJob = out
    }

    func plan(_ input: RoutingSolution, iterations: Int) -> CarePlan {
        var solution = input
        var removedJobs = Set<Int>()
        var routes: [CarePlan.WorkerDay] = []
        // Remove violating visits until every route keeps every hard rule.
        while true {
            routes = []
            var violating = Set<Int>()
            for (k, stops) in solution.routes.enumerated() where stops.contains(where: { care.stopVisit[$0] >= 0 }) {
                let (day, bad) = schedule(vehicle: k, stops: stops)
                routes.append(day)
                violating.formUnion(bad)
            }
            if violating.isEmpty { break }
            for j in violating {
                removedJobs.insert(j)
                solution.alternatives[j] = nil
            }
            solution.routes = solution.routes.map { r in r.filter { !violating.contains(stopJob[$0]) } }
        }
        // A worker's day with only a break is a day off.
        let unassigned = unassignedVisits(solution)
        return CarePlan(
            routes: routes,
            unassigned: unassigned,
            objective: objective(routes, unassigned: unassigned),
            iterations: iterations
        )
    }

    /// Times of one worker's day, and the jobs whose stops break a hard rule.
    func schedule(vehicle k: Int, stops: [Int]) -> (CarePlan.WorkerDay, Set<Int>) {
        let r = care.routing
        let veh = r.vehicles[k]
        /// A late break is blamed on the visit before it, which is what pushed it late.
        func blame(_ i: Int) -> Int {
            if care.stopVisit[stops[i]] >= 0 { return stopJob[stops[i]] }
            if let p = stops[..<i].lastIndex(where: { care.stopVisit[$0] >= 0 }) { return stopJob[stops[p]] }
            return stopJob[stops[i]]
        }
        func pass(_ departure: Double) -> (CarePlan.WorkerDay, Set<Int>) {
            var t = departure
            var place = veh.startPlace
            var out: [CarePlan.PlannedStop] = []
            var bad = Set<Int>()
            var travel = 0.0
            var waiting = 0.0
            var service = 0.0
            var load = SIMD4<Double>(repeating: 0)
            for (i, s) in stops.enumerated() {
                let st = r.stops[s]
                let leg = st.place >= 0 ? r.travelTime(place, st.place) : 0
                let arrival = t + leg
                let start = max(arrival, st.ready)
                let wait = start - arrival
                if start > st.due + 1e-6 { bad.insert(blame(i)) }
                load += st.carried
                if (0..<4).contains(where: { load[$0] > veh.capacity[$0] + 1e-9 }) { bad.insert(stopJob[s]) }
                t = start + st.service
                travel += leg
                waiting += wait
                service += st.service
                if st.place >= 0 { place = st.place }
                let vi = care.stopVisit[s]
                let kind: CarePlan.PlannedStop.Kind =
                    vi < 0
                    ? .breakTime
                    : (care.problem.visits[vi].dropOff == nil ? .visit : (care.stopIsDropOff[s] ? .dropOff : .pickUp))
                let dayStart =
                    Double(care.problem.workers[care.vehicleWorker[k]].shifts[care.vehicleShift[k]].day) * CareModel.day
                out.append(
                    CarePlan.PlannedStop(
                        kind: kind,
                        visit: vi >= 0 ? care.problem.visits[vi].id : nil,
                        place: st.place >= 0 ? care.problem.places[st.place].id : nil,
                        arrival: arrival - dayStart,
                        start: start - dayStart,
                        end: t - dayStart,
                        waiting: wait,
                        travelBefore: leg
                    )
                )
            }
            let last = r.travelTime(place, veh.endPlace)
            travel += last
            let back = t + last
            if back > veh.shiftEnd + 1e-6 || back - departure > veh.maxDuration + 1e-6 {
                // Drop the last visit of the day; the loop in `plan` tries again.
                if let s = stops.last(where: { care.stopVisit[$0] >= 0 }) { bad.insert(stopJob[s]) }
            }
            let w = care.problem.workers[care.vehicleWorker[k]]
            let dayStart = Double(w.shifts[care.vehicleShift[k]].day) * CareModel.day
            let day = CarePlan.WorkerDay(
                worker: w.id,
                day: w.shifts[care.vehicleShift[k]].day,
                shift: care.vehicleShift[k],
                leave: departure - dayStart,
                back: back - dayStart,
                stops: out,
                travelMinutes: travel,
                waitingMinutes: waiting,
                serviceMinutes: service
            )
            return (day, bad)
        }
        return pass(earliestDeparture(vehicle: k, stops: stops))
    }

    /// The earliest departure that still gives the route its shortest duration: the `earliest`
    /// of the whole route's segment, which is what the search measured the route by.
    func earliestDeparture(vehicle k: Int, stops: [Int]) -> Double {
        let r = care.routing
        let veh = r.vehicles[k]
        func segment(place: Int, service: Double, ready: Double, due: Double) -> Segment {
            Segment(
                first: Int32(place),
                last: Int32(place),
                duration: service,
                timeWarp: 0,
                earliest: ready,
                latest: due,
                travel: 0,
                delivery: .zero,
                net: .zero,
                peak: .zero
            )
        }
        return r.travel.withUnsafeBufferPointer { t in
            var seg = segment(place: veh.startPlace, service: 0, ready: veh.shiftStart, due: veh.shiftEnd)
            for s in stops {
                let st = r.stops[s]
                seg = Segment.joined(
                    seg,
                    segment(place: st.place, service: st.service, ready: st.ready, due: st.due),
                    travelTimes: t.baseAddress!,
                    places: r.placeCount
                )
            }
            seg = Segment.joined(
                seg,
                segment(place: veh.endPlace, service: 0, ready: veh.shiftStart, due: veh.shiftEnd),
                travelTimes: t.baseAddress!,
                places: r.placeCount
            )
            return seg.timeWarp > 1e-9 ? veh.shiftStart : max(veh.shiftStart, seg.earliest)
        }
    }

    private func unassignedVisits(_ solution: RoutingSolution) -> [CarePlan.UnassignedVisit] {
        let r = care.routing
        var out: [CarePlan.UnassignedVisit] = []
        for (j, job) in r.jobs.enumerated() where solution.alternatives[j] == nil {
            let vi = care.jobVisit[j]
            if vi < 0 { continue }
            let visit = care.problem.visits[vi]
            let reason: UnassignedReason
            let candidates = care.candidateVehicles[vi]
            if candidates.isEmpty {
                // Would any worker qualify if the load were ignored?
                let skilled = r.vehicles.indices.contains { k in
                    let w = care.problem.workers[care.vehicleWorker[k]]
                    return w.shifts[care.vehicleShift[k]].day == visit.day
                        && (visit.skill.map { w.skills.contains($0) } ?? true)
                        && (visit.requiredWorker.map { $0 == w.id } ?? true)
                        && (visit.pinned.map { $0.worker == w.id } ?? true)
                        && !(visit.refusedWorkers ?? []).contains(w.id)
                }
                reason = skilled && !(visit.load ?? []).isEmpty ? .capacity : .noSkilledWorker
            } else {
                var reachable = 0
                for k in candidates {
                    let veh = r.vehicles[k]
                    let fits = job.alternatives.contains { alt in
                        var t = veh.shiftStart
                        var place = veh.startPlace
                        for s in alt {
                            let st = r.stops[s]
                            t = max(t + r.travelTime(place, st.place), st.ready)
                            if t > st.due + 1e-6 { return false }
                            t += st.service
                            place = st.place
                        }
                        let back = t + r.travelTime(place, veh.endPlace)
                        return back <= veh.shiftEnd + 1e-6 && back - veh.shiftStart <= veh.maxDuration + 1e-6
                            || back <= veh.shiftEnd + 1e-6 && alt.count == 1
                                && r.stops[alt[0]].service <= veh.maxDuration
                    }
                    if fits { reachable += 1 }
                }
                let needed = job.kind == .team ? 2 : 1
                reason = reachable >= needed ? .noTimeLeft : .windowUnreachable
            }
            out.append(
                CarePlan.UnassignedVisit(
                    visit: visit.id,
                    reason: reason,
                    messageBG: reason.messageBG,
                    messageEN: reason.messageEN
                )
            )
        }
        return out
    }

    func objective(_ routes: [CarePlan.WorkerDay], unassigned: [CarePlan.UnassignedVisit]) -> CarePlan.Objective {
        let problem = care.problem
        let w = care.weights
        var travel = 0.0
        var paid = 0.0
        var overtime = 0.0
        var perWorker: [String: Double] = [:]
        var workerOfVisit: [String: Set<String>] = [:]
        var startOfVisit: [String: Double] = [:]
        for day in routes {
            travel += day.travelMinutes
            let minutes = day.back - day.leave
            paid += minutes
            perWorker[day.worker, default: 0] += minutes
            if let reg = problem.workers[care.workerIndex[day.worker]!].regularMinutesPerDay {
                overtime += max(0, minutes - reg)
            }
            for s in day.stops where s.visit != nil {
                workerOfVisit[s.visit!, default: []].insert(day.worker)
                // A transport starts at its pick-up.
                if s.kind != .dropOff { startOfVisit[s.visit!] = s.start }
            }
        }
        var penalty = 0.0
        let undone = Set(unassigned.map(\.visit))
        var withPref = 0
        var gotPref = 0
        var prefCost = 0.0
        var changed = 0
        var shifted = 0.0
        var workersOfPerson: [String: Set<String>] = [:]
        let published = Dictionary((problem.published ?? []).map { ($0.visit, $0) }, uniquingKeysWith: { a, _ in a })
        for v in problem.visits {
            if undone.contains(v.id) {
                penalty += CareModel.unassignedCost(v, w) * w.travelMinute
                if published[v.id] != nil { changed += 1 }
                continue
            }
            let ws = workerOfVisit[v.id] ?? []
            workersOfPerson[v.person, default: []].formUnion(ws)
            let prefs = (v.preferredWorkers ?? []).map(\.worker) + (v.requiredWorker.map { [$0] } ?? [])
            if !prefs.isEmpty {
                withPref += 1
                if ws.contains(where: prefs.contains) { gotPref += 1 }
                if !(v.preferredWorkers ?? []).isEmpty {
                    let best =
                        ws.compactMap { x in
                            v.preferredWorkers!.first { $0.worker == x }?.weight
                                ?? (v.preferredWorkers!.contains { $0.worker == x } ? 1 : nil)
                        }.max() ?? 0
                    prefCost += w.preferredWorker * w.travelMinute * (1 - best)
                }
            }
            if let p = published[v.id] {
                if !ws.contains(p.worker) { changed += 1 }
                if let ps = p.start, let s = startOfVisit[v.id] { shifted += abs(s - ps) }
            }
        }
        let loads = problem.workers.map { perWorker[$0.id] ?? 0 }
        let mean = loads.isEmpty ? 0 : loads.reduce(0, +) / Double(loads.count)
        let sd =
            loads.isEmpty
            ? 0 : (loads.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(loads.count)).squareRoot()
        let pairs = workersOfPerson.values.reduce(0) { $0 + $1.count }
        let main = CareModel.mainWorkers(problem)
        var awayFromMain = 0
        for v in problem.visits where !undone.contains(v.id) {
            if let m = main[v.person], !(workerOfVisit[v.id] ?? []).contains(m) { awayFromMain += 1 }
        }
        let total =
            travel * w.travelMinute + penalty + prefCost + overtime * w.overtimeMinute * w.travelMinute
            + Double(changed) * w.changedAssignment * w.travelMinute + shifted * w.shiftedMinute * w.travelMinute
            + (Double(pairs) * w.distinctWorker + Double(awayFromMain) * w.newWorker + sd * w.workloadBalance)
            * w.travelMinute
        return CarePlan.Objective(
            total: total,
            travelMinutes: travel,
            unassignedVisits: unassigned.count,
            unassignedPenalty: penalty,
            visitsWithPreference: withPref,
            visitsWithPreferredWorker: gotPref,
            meanDistinctWorkersPerPerson: workersOfPerson.isEmpty ? 0 : Double(pairs) / Double(workersOfPerson.count),
            distinctWorkerPairs: pairs,
            overtimeMinutes: overtime,
            workloadStdDevMinutes: sd,
            paidMinutes: paid,
            travelShareOfPaidTime: paid > 0 ? travel / paid : 0,
            changedAssignments: changed,
            shiftedMinutes: shifted
        )
    }
}
