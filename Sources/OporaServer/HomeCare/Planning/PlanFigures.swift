import Foundation
import OporaScheduling

/// A plan's figures as the coordinator compares them: with the by-hand plan, and while a run
/// improves.
struct PlanFigures: Codable, Sendable, Equatable {
    var visits: Int
    var assigned: Int
    /// Unassigned visits by priority, 1 (personal assistance) first.
    var unassignedByPriority: [Int: Int]
    /// Travel as a share of paid time, 0…1.
    var travelShare: Double
    var travelMinutes: Double
    /// Visits whose chosen worker was at work that day, and those of them that worker makes.
    var chosenRequired: Int
    var withChosen: Int
    /// Visits made by the substitute or another worker the person prefers.
    var withPreferred: Int
    var meanDistinctWorkers: Double
    var overtimeMinutes: Double
    var iterations: Int
    var seconds: Double

    init(plan: CarePlan, problem: CareProblem, seconds: Double) {
        let visitsByID = Dictionary(problem.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var assigned = 0
        var withChosen = 0
        for route in plan.routes {
            for stop in route.stops {
                guard let id = stop.visit, let visit = visitsByID[id] else { continue }
                assigned += 1
                if visit.requiredWorker == route.worker { withChosen += 1 }
            }
        }
        var unassigned: [Int: Int] = [:]
        for item in plan.unassigned {
            unassigned[visitsByID[item.visit]?.priority ?? 3, default: 0] += 1
        }
        visits = problem.visits.count
        self.assigned = assigned
        unassignedByPriority = unassigned
        travelShare = plan.objective.travelShareOfPaidTime
        travelMinutes = plan.objective.travelMinutes
        chosenRequired = problem.visits.filter { $0.requiredWorker != nil }.count
        self.withChosen = withChosen
        withPreferred = max(0, plan.objective.visitsWithPreferredWorker - withChosen)
        meanDistinctWorkers = plan.objective.meanDistinctWorkersPerPerson
        overtimeMinutes = plan.objective.overtimeMinutes
        iterations = plan.iterations
        self.seconds = seconds
    }

    var unassigned: Int { visits - assigned }
}
