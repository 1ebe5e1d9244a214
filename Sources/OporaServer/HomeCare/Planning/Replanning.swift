import Foundation
import OporaCore
import OporaScheduling

/// Re-planning a published week: the engine starts from the published plan, charges every visit
/// it moves, and keeps as they are the visits that have already started and those a coordinator
/// pinned (`pins`, from the published version's problem).
enum Replanning {
    static func problem(
        _ problem: CareProblem,
        published plan: CarePlan,
        pins: [String: CareProblem.Pin] = [:],
        monday: CalendarDay,
        now: Date
    ) -> CareProblem {
        var problem = problem
        let today = monday.days(until: CalendarDay.today(at: now))
        let minute = Double(SofiaTime.minuteOfDay(now))
        var assignments: [String: CareProblem.PublishedAssignment] = [:]
        for route in plan.routes {
            for stop in route.stops {
                guard let visit = stop.visit else { continue }
                assignments[visit] = CareProblem.PublishedAssignment(
                    visit: visit,
                    worker: route.worker,
                    start: stop.start
                )
            }
        }
        var workingDays = Dictionary(
            grouping: problem.workers.flatMap { worker in worker.shifts.map { (worker.id, $0.day) } },
            by: { $0.0 }
        ).mapValues { Set($0.map(\.1)) }
        // A worker who fell ill today has no shift today any more, but the part of the day already
        // worked stands: they keep a shift from the published start of their day to now (or the end
        // of their last started visit), so their started visits stay theirs.
        for route in plan.routes where route.day == today && workingDays[route.worker]?.contains(today) != true {
            let started = route.stops.filter { $0.visit != nil && $0.start <= minute }
            guard let last = started.map(\.end).max(),
                let index = problem.workers.firstIndex(where: { $0.id == route.worker }),
                let home = problem.workers[index].shifts.first?.startPlace
            else { continue }
            problem.workers[index].shifts.append(
                CareProblem.Shift(
                    day: today,
                    start: route.leave,
                    end: max(minute, last),
                    startPlace: home,
                    endPlace: home
                )
            )
            workingDays[route.worker, default: []].insert(today)
        }
        for index in problem.visits.indices {
            let visit = problem.visits[index]
            if let pin = pins[visit.id], workingDays[pin.worker]?.contains(visit.day) == true {
                problem.visits[index].pinned = pin
                continue
            }
            guard let published = assignments[visit.id], let start = published.start else { continue }
            let started = visit.day < today || (visit.day == today && start <= minute)
            if started, workingDays[published.worker]?.contains(visit.day) == true {
                problem.visits[index].pinned = CareProblem.Pin(worker: published.worker, start: start)
            }
        }
        problem.published = problem.visits.compactMap { assignments[$0.id] }
        return problem
    }

    /// Who a new version changes things for: visits that moved to another worker or time, or
    /// were left out, against the published plan.
    struct Change: Sendable {
        var visit: String
        var oldWorker: String?
        var newWorker: String?
        var oldStart: Double?
        var newStart: Double?
    }

    static func changes(from old: CarePlan, to new: CarePlan) -> [Change] {
        func index(_ plan: CarePlan) -> [String: (String, Double)] {
            var result: [String: (String, Double)] = [:]
            for route in plan.routes {
                for stop in route.stops { if let v = stop.visit { result[v] = (route.worker, stop.start) } }
            }
            return result
        }
        let before = index(old)
        let after = index(new)
        return Set(before.keys).union(after.keys).sorted().compactMap { visit in
            let a = before[visit]
            let b = after[visit]
            if let a, let b, a.0 == b.0, abs(a.1 - b.1) < 1 { return nil }
            return Change(visit: visit, oldWorker: a?.0, newWorker: b?.0, oldStart: a?.1, newStart: b?.1)
        }
    }
}
