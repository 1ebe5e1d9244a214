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
        func append(_ s: Int, _ k: Int, commit: Bool) -> Bool {
            let st = r.stops[s]
            let veh = r.vehicles[k]
            let arrival = time[k] + (st.place >= 0 ? r.travelTime(place[k], st.place) : 0)
            let start = max(arrival, st.ready)
            if start > st.due + 1e-9 { return false }
            let end = start + st.service
            let here = st.place >= 0 ? st.place : place[k]
            let back = end + r.travelTime(here, veh.endPlace)
            if back > veh.shiftEnd + 1e-9 || back - veh.shiftStart > veh.maxDuration + 1e-9 { return false }
            if commit { routes[k].append(s); time[k] = end; place[k] = here }
            return true
        }
        // Jobs in time order of their first window; breaks take their turn at their window start.
        let order = r.jobs.indices.sorted { a, b in
            let sa = r.stops[r.jobs[a].alternatives[0][0]], sb = r.stops[r.jobs[b].alternatives[0][0]]
            return (sa.place < 0 ? sa.ready + 60 : sa.ready, a) < (sb.place < 0 ? sb.ready + 60 : sb.ready, b)
        }
        for j in order {
            let job = r.jobs[j]
            let alt = job.alternatives[0]
            let vi = care.jobVisit[j]
            var candidates = r.stops[alt[0]].allowedVehicles ?? Array(r.vehicles.indices)
            if vi >= 0, let mine = own[problem.visits[vi].person] {
                candidates.sort { (problem.workers[care.vehicleWorker[$0]].id == mine ? 0 : 1, $0) < (problem.workers[care.vehicleWorker[$1]].id == mine ? 0 : 1, $1) }
            }
            switch job.kind {
            case .single:
                if let k = candidates.first(where: { append(alt[0], $0, commit: false) }) {
                    _ = append(alt[0], k, commit: true); alternatives[j] = 0
                }
            case .pair:
                for k in candidates {
                    let saved = (time[k], place[k], routes[k])
                    if append(alt[0], k, commit: true) && append(alt[1], k, commit: true) { alternatives[j] = 0; break }
                    (time[k], place[k], routes[k]) = saved
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
        return RoutingSolution(routes: routes, alternatives: alternatives, cost: .infinity, feasible: true, iterations: 0)
    }
}
