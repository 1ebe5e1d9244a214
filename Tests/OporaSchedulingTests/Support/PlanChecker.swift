import Foundation
import OporaScheduling

/// Checks every hard rule of a plan against its problem, computing travel on its own (the
/// matrix, or its own haversine with the documented defaults) so that it shares no code with
/// the engine. Returns one line per violation; empty means the plan is valid.
struct PlanChecker {
    let problem: CareProblem

    func travel(_ a: String, _ b: String) -> Double {
        guard let i = problem.places.firstIndex(where: { $0.id == a }),
            let j = problem.places.firstIndex(where: { $0.id == b })
        else { return .nan }
        if let m = problem.travelMatrix { return m[i][j] }
        if i == j { return 0 }
        let p = problem.places[i]
        let q = problem.places[j]
        let r = Double.pi / 180
        let h =
            pow(sin((q.latitude! - p.latitude!) * r / 2), 2)
            + cos(p.latitude! * r) * cos(q.latitude! * r) * pow(sin((q.longitude! - p.longitude!) * r / 2), 2)
        let km = 2 * 6371.0088 * asin(min(1, sqrt(h)))
        func speed(_ k: String?) -> Double { k == "city" ? 25 : k == "town" ? 35 : 50 }
        let settings = problem.travel
        let factor = settings?.roadFactor ?? 1.35
        let kmh =
            0.5
            * ((p.kind == "city" ? settings?.cityKmh : p.kind == "town" ? settings?.townKmh : settings?.villageKmh)
                ?? speed(p.kind))
            + 0.5
            * ((q.kind == "city" ? settings?.cityKmh : q.kind == "town" ? settings?.townKmh : settings?.villageKmh)
                ?? speed(q.kind))
        return km * factor / kmh * 60 + (km > 0 ? (settings?.legOverhead ?? 3) : 0)
    }

    func violations(_ plan: CarePlan) -> [String] {
        var out: [String] = []
        let eps = 1e-6
        let visits = Dictionary(uniqueKeysWithValues: problem.visits.map { ($0.id, $0) })
        let workers = Dictionary(uniqueKeysWithValues: problem.workers.map { ($0.id, $0) })
        var done: [String: [(worker: String, start: Double, kind: CarePlan.PlannedStop.Kind, order: Int)]] = [:]
        var weekly: [String: Double] = [:]
        var daily: [String: Double] = [:]
        for route in plan.routes {
            guard let w = workers[route.worker], route.shift < w.shifts.count else {
                out.append("route of unknown worker or shift \(route.worker)")
                continue
            }
            let shift = w.shifts[route.shift]
            if route.day != shift.day { out.append("\(w.id): route day \(route.day) is not its shift's day") }
            if route.leave < shift.start - eps {
                out.append("\(w.id) day \(route.day): leaves before the shift starts")
            }
            if route.back > shift.end + eps { out.append("\(w.id) day \(route.day): back after the shift ends") }
            let minutes = route.back - route.leave
            weekly[w.id, default: 0] += minutes
            daily["\(w.id)/\(route.day)", default: 0] += minutes
            var t = route.leave
            var place = shift.startPlace
            var load = [Double](repeating: 0, count: 4)
            var breaks = 0
            for (i, s) in route.stops.enumerated() {
                let leg = s.kind == .breakTime ? 0 : travel(place, s.place ?? "")
                if abs(s.travelBefore - leg) > 1e-6 {
                    out.append("\(w.id): travel to stop \(i) is \(s.travelBefore), expected \(leg)")
                }
                if abs(s.arrival - (t + leg)) > 1e-6 {
                    out.append("\(w.id): arrival at stop \(i) inconsistent (one place at a time)")
                }
                if s.start < s.arrival - eps { out.append("\(w.id): stop \(i) starts before arrival") }
                if abs(s.waiting - (s.start - s.arrival)) > 1e-6 {
                    out.append("\(w.id): waiting at stop \(i) inconsistent")
                }
                if s.kind == .breakTime {
                    breaks += 1
                    if let rule = w.breakRule {
                        if abs(s.end - s.start - rule.minutes) > 1e-6 {
                            out.append("\(w.id): break is not \(rule.minutes) minutes")
                        }
                        if s.start < rule.windowStart - eps || s.end > rule.windowEnd + eps {
                            out.append("\(w.id): break outside its window")
                        }
                    } else {
                        out.append("\(w.id): break without a break rule")
                    }
                } else {
                    guard let id = s.visit, let v = visits[id] else {
                        out.append("\(w.id): unknown visit at stop \(i)")
                        continue
                    }
                    let isDrop = s.kind == .dropOff
                    let duration = isDrop ? v.dropOff!.duration : v.duration
                    let windows = isDrop ? v.dropOff!.windows : v.windows
                    let expectedPlace = isDrop ? v.dropOff!.place : v.place
                    if s.place != expectedPlace {
                        out.append("\(id): served at \(s.place ?? "-") instead of \(expectedPlace)")
                    }
                    if abs(s.end - s.start - duration) > 1e-6 {
                        out.append("\(id): lasts \(s.end - s.start) instead of \(duration)")
                    }
                    if v.day != route.day { out.append("\(id): made on day \(route.day), due on day \(v.day)") }
                    if let pin = v.pinned {
                        if pin.worker != w.id { out.append("\(id): pinned to \(pin.worker), made by \(w.id)") }
                        if let ps = pin.start, abs(ps - s.start) > 1e-6 {
                            out.append("\(id): pinned at \(ps), starts \(s.start)")
                        }
                    } else if !windows.contains(where: { s.start >= $0[0] - eps && s.start <= $0[1] + eps }) {
                        out.append("\(id): starts at \(s.start), outside its windows")
                    }
                    if !isDrop {
                        if let sk = v.skill, !w.skills.contains(sk) { out.append("\(id): \(w.id) lacks skill \(sk)") }
                        if let r = v.requiredWorker, r != w.id { out.append("\(id): requires \(r), made by \(w.id)") }
                        if (v.refusedWorkers ?? []).contains(w.id) { out.append("\(id): refused worker \(w.id)") }
                    }
                    if v.dropOff != nil {
                        for (k, x) in (v.load ?? []).enumerated() { load[k] += isDrop ? -x : x }
                        for k in 0..<4 where load[k] > (k < (w.capacity ?? []).count ? w.capacity![k] : 0) + eps {
                            out.append("\(w.id): load over capacity after stop \(i)")
                        }
                    }
                    done[id, default: []].append((w.id, s.start, s.kind, i))
                    place = s.place ?? place
                }
                t = s.end
            }
            let last = travel(place, shift.endPlace)
            if abs(route.back - (t + last)) > 1e-6 { out.append("\(w.id): return time inconsistent") }
            if let rule = w.breakRule, shift.end - shift.start > rule.afterMinutes, breaks != 1 {
                out.append("\(w.id) day \(route.day): \(breaks) breaks on a long shift")
            }
        }
        for w in problem.workers {
            if let m = w.maxMinutesPerWeek, (weekly[w.id] ?? 0) > m + eps {
                out.append("\(w.id): \(weekly[w.id]!) minutes in the week")
            }
            if let m = w.maxMinutesPerDay {
                for (key, v) in daily where key.hasPrefix(w.id + "/") && v > m + eps {
                    out.append("\(key): \(v) minutes in a day")
                }
            }
        }
        let undone = Set(plan.unassigned.map(\.visit))
        for v in problem.visits {
            let made = done[v.id] ?? []
            if undone.contains(v.id) {
                if !made.isEmpty { out.append("\(v.id): both made and reported undone") }
                continue
            }
            if v.dropOff != nil {
                let up = made.filter { $0.kind == .pickUp }
                let down = made.filter { $0.kind == .dropOff }
                if up.count != 1 || down.count != 1 {
                    out.append("\(v.id): transport not picked up and dropped off once")
                    continue
                }
                if up[0].worker != down[0].worker || up[0].start > down[0].start {
                    out.append("\(v.id): drop-off not after pick-up by the same worker")
                }
            } else if v.workers == 2 {
                if made.count != 2 || made[0].worker == made[1].worker {
                    out.append("\(v.id): needs two different workers, has \(made.count)")
                    continue
                }
                if abs(made[0].start - made[1].start) > 1e-6 {
                    out.append("\(v.id): the two workers start at different times")
                }
            } else if made.count != 1 {
                out.append("\(v.id): made \(made.count) times")
            }
        }
        return out
    }
}
