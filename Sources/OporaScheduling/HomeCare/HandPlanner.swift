/// The by-hand baseline of `CareSolver.handPlan`.
struct HandPlanner {
    let care: CareModel

    func solution() -> RoutingSolution {
        let r = care.routing
        let problem = care.problem
        var routes = [[Int]](repeating: [], count: r.vehicles.count)
        var time = r.vehicles.map(\.shiftStart)
        var place = r.vehicles.map(\.startPlace)
        var alternatives = [Int?](repeating: nil, count: r.jobs.count)
        // The person's own worker: chosen, else first preferred, else first skilled on the list.
        var own: [String: String] = [:]
        for v in problem.visits {
            if own[v.person] != nil { continue }
            if let w = v.pinned?.worker ?? v.requiredWorker ?? v.preferredWorkers?.first?.worker {
                own[v.person] = w
            } else if let w = problem.workers.first(where: { w in v.skill.map { w.skills.contains($0) } ?? true }) {
                own[v.person] = w.id
            }
        }
        // Each long shift's break, taken as soon as a visit would otherwise push it too late.
        var pendingBreak = [Int?](repeating: nil, count: r.vehicles.count)
        for (j, job) in r.jobs.enumerated() where care.jobVisit[j] < 0 {
            let s = job.alternatives[0][0]
            if let k = r.stops[s].allowedVehicles?.first {
                pendingBreak[k] = s
                alternatives[j] = 0
            }
        }
        func append(_ s: Int, _ k: Int, commit: Bool) -> Bool {
            let st = r.stops[s]
            let veh = r.vehicles[k]
            var t = time[k]
            var breakFirst = false
            let arrival = t + (st.place >= 0 ? r.travelTime(place[k], st.place) : 0)
            var start = max(arrival, st.ready)
            if let b = pendingBreak[k], start + st.service > r.stops[b].due {
                // The break has to come first, where the worker is now.
                let bs = max(t, r.stops[b].ready)
                if bs > r.stops[b].due + 1e-9 { return false }
                t = bs + r.stops[b].service
                breakFirst = true
                start = max(t + (st.place >= 0 ? r.travelTime(place[k], st.place) : 0), st.ready)
            }
            if start > st.due + 1e-9 { return false }
            var end = start + st.service
            if let b = pendingBreak[k], !breakFirst {
                // Room must remain for the break before the day ends.
                end = max(end, r.stops[b].ready) + r.stops[b].service
                if end - r.stops[b].service > r.stops[b].due + 1e-9 { return false }
            }
            let here = st.place >= 0 ? st.place : place[k]
            let back = end + r.travelTime(here, veh.endPlace)
            if back > veh.shiftEnd + 1e-9 || back - veh.shiftStart > veh.maxDuration + 1e-9 { return false }
            if commit {
                if breakFirst, let b = pendingBreak[k] {
                    routes[k].append(b)
                    pendingBreak[k] = nil
                }
                routes[k].append(s)
                time[k] = start + st.service
                place[k] = here
            }
            return true
        }
        // Visits in time order of their first window.
        let order = r.jobs.indices.filter { care.jobVisit[$0] >= 0 }.sorted { a, b in
            (r.stops[r.jobs[a].alternatives[0][0]].ready, a) < (r.stops[r.jobs[b].alternatives[0][0]].ready, b)
        }
        for j in order {
            let job = r.jobs[j]
            let alt = job.alternatives[0]
            let vi = care.jobVisit[j]
            var candidates = r.stops[alt[0]].allowedVehicles ?? Array(r.vehicles.indices)
            if vi >= 0, let mine = own[problem.visits[vi].person] {
                candidates.sort {
                    (problem.workers[care.vehicleWorker[$0]].id == mine ? 0 : 1, $0) < (
                        problem.workers[care.vehicleWorker[$1]].id == mine ? 0 : 1, $1
                    )
                }
            }
            switch job.kind {
            case .single:
                if let k = candidates.first(where: { append(alt[0], $0, commit: false) }) {
                    _ = append(alt[0], k, commit: true)
                    alternatives[j] = 0
                }
            case .pair:
                for k in candidates {
                    // The pick-up may have taken the break first; a drop-off that does not fit
                    // gives it back too.
                    let saved = (time[k], place[k], routes[k], pendingBreak[k])
                    if append(alt[0], k, commit: true) && append(alt[1], k, commit: true) {
                        alternatives[j] = 0
                        break
                    }
                    (time[k], place[k], routes[k], pendingBreak[k]) = saved
                }
            case .team:
                let ks = candidates.filter { append(alt[0], $0, commit: false) }
                if ks.count >= 2 {
                    _ = append(alt[0], ks[0], commit: true)
                    _ = append(alt[1], ks[1], commit: true)
                    alternatives[j] = 0
                }
            }
        }
        // Breaks not yet taken go at the end of a worked day.
        for k in r.vehicles.indices {
            guard let b = pendingBreak[k] else { continue }
            if routes[k].isEmpty {
                alternatives[care.routing.jobs.indices.first { r.jobs[$0].alternatives[0][0] == b }!] = nil
                continue
            }
            routes[k].append(b)
        }
        return RoutingSolution(
            routes: routes,
            alternatives: alternatives,
            cost: .infinity,
            feasible: true,
            iterations: 0
        )
    }
}
