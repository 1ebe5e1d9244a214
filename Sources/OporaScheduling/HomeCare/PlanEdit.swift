import Foundation

/// A coordinator's change to a plan, checked against every hard rule before anything is stored:
/// the visit moved to a worker (and a start), with the rest of that worker's day as it is.
public enum PlanEdit {
    /// Why a move is refused; each names the rule it breaks.
    public enum Refusal: Error, Equatable, Sendable {
        case unknownVisit
        case unknownWorker
        case lacksSkill(String)
        case refusedByPerson
        /// The person chose another worker, who works that day.
        case chosenWorker(String)
        case notAtWork
        case outsideShift
        case outsideWindow
        /// The start would leave no time to get from the visit before, or to the one after.
        case clashes(String)
        /// A swap of visits on different days: a visit's day is the person's, not the planner's.
        case differentDays

        public var messageBG: String {
            switch self {
            case .unknownVisit: "няма такова посещение в плана"
            case .unknownWorker: "няма такъв служител в плана"
            case .lacksSkill(let skill): "служителят няма нужното умение (\(skill))"
            case .refusedByPerson: "човекът е отказал този служител"
            case .chosenWorker: "човекът е избрал друг служител, който е на работа в този ден"
            case .notAtWork: "служителят не е на работа в този ден"
            case .outsideShift: "посещението излиза извън смяната на служителя"
            case .outsideWindow: "началото е извън часовия интервал на посещението"
            case .clashes: "не остава време за път от предишното или до следващото посещение на служителя"
            case .differentDays: "посещенията са в различни дни; размяната е само в един ден"
            }
        }

        public var messageEN: String {
            switch self {
            case .unknownVisit: "there is no such visit in the plan"
            case .unknownWorker: "there is no such worker in the plan"
            case .lacksSkill(let skill): "the worker lacks the skill needed (\(skill))"
            case .refusedByPerson: "the person refused this worker"
            case .chosenWorker: "the person chose another worker, who works that day"
            case .notAtWork: "the worker is not at work that day"
            case .outsideShift: "the visit would run outside the worker's shift"
            case .outsideWindow: "the start is outside the visit's time window"
            case .clashes: "there is no time to travel from the worker's visit before or to the one after"
            case .differentDays: "the visits are on different days; visits are swapped within a day"
            }
        }
    }

    /// Checks moving `visit` to `worker` at `start` (its present start when nil). Returns the start
    /// the visit gets.
    public static func checkMove(
        _ plan: CarePlan,
        problem: CareProblem,
        visit visitID: String,
        to workerID: String,
        start: Double?
    ) -> Result<Double, Refusal> {
        guard let visit = problem.visits.first(where: { $0.id == visitID }) else { return .failure(.unknownVisit) }
        guard let worker = problem.workers.first(where: { $0.id == workerID }) else { return .failure(.unknownWorker) }
        if let skill = visit.skill, !worker.skills.contains(skill) { return .failure(.lacksSkill(skill)) }
        if visit.refusedWorkers?.contains(workerID) == true { return .failure(.refusedByPerson) }
        if let chosen = visit.requiredWorker, chosen != workerID { return .failure(.chosenWorker(chosen)) }
        let current = plan.routes.flatMap { route in route.stops.filter { $0.visit == visitID }.map(\.start) }.first
        guard let begin = start ?? current ?? visit.windows.first?.first else { return .failure(.outsideWindow) }
        let end = begin + visit.duration
        guard visit.windows.contains(where: { $0.count == 2 && $0[0] <= begin && begin <= $0[1] }) else {
            return .failure(.outsideWindow)
        }
        let shifts = worker.shifts.filter { $0.day == visit.day }
        guard !shifts.isEmpty else { return .failure(.notAtWork) }
        guard let shift = shifts.first(where: { $0.start <= begin && end <= $0.end }) else {
            return .failure(.outsideShift)
        }
        let places = Dictionary(problem.places.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let travel = problem.travel ?? TravelSettings()
        func minutes(_ a: String?, _ b: String?) -> Double {
            guard let a, let b, a != b, let pa = places[a], let pb = places[b] else { return 0 }
            if let matrix = problem.travelMatrix, let i = problem.places.firstIndex(where: { $0.id == a }),
                let j = problem.places.firstIndex(where: { $0.id == b })
            {
                return matrix[i][j]
            }
            return travel.minutes(from: pa, to: pb)
        }
        // The worker's other stops of that shift, in time order, with the moved visit among them.
        let others = plan.routes.filter { $0.worker == workerID && $0.day == visit.day }.flatMap(\.stops)
            .filter { $0.visit != visitID && $0.start < shift.end && $0.end > shift.start }
        struct Slot {
            var id: String
            var place: String?
            var start: Double
            var end: Double
        }
        var day = others.map { Slot(id: $0.visit ?? "break", place: $0.place, start: $0.start, end: $0.end) }
        day.append(Slot(id: visitID, place: visit.place, start: begin, end: end))
        day.sort { $0.start < $1.start }
        var place: String? = shift.startPlace
        var time = shift.start
        for slot in day {
            if time + minutes(place, slot.place) > slot.start + 0.5 {
                return .failure(.clashes(slot.id == visitID ? (day.last { $0.start < begin }?.id ?? "") : slot.id))
            }
            time = slot.end
            place = slot.place ?? place
        }
        if time + minutes(place, shift.endPlace) > shift.end + 0.5 { return .failure(.outsideShift) }
        return .success(begin)
    }

    /// Checks giving `first` the worker and start of `second` and `second` those of `first`. Returns
    /// the two new assignments, `first`'s then `second`'s.
    public static func checkSwap(
        _ plan: CarePlan,
        problem: CareProblem,
        _ first: String,
        _ second: String
    ) -> Result<[(worker: String, start: Double)], Refusal> {
        func slot(_ id: String) -> (worker: String, start: Double)? {
            for route in plan.routes {
                if let stop = route.stops.first(where: { $0.visit == id }) { return (route.worker, stop.start) }
            }
            return nil
        }
        guard let a = slot(first), let b = slot(second), first != second else { return .failure(.unknownVisit) }
        let days = Set(problem.visits.filter { $0.id == first || $0.id == second }.map(\.day))
        guard days.count == 1 else { return .failure(.differentDays) }
        var without = plan
        for r in without.routes.indices {
            without.routes[r].stops.removeAll { $0.visit == first || $0.visit == second }
        }
        if case .failure(let refusal) = checkMove(without, problem: problem, visit: first, to: b.worker, start: b.start)
        {
            return .failure(refusal)
        }
        // With `first` in its new place, `second` must fit into what is left.
        var placed = without
        if let visit = problem.visits.first(where: { $0.id == first }),
            let r = placed.routes.firstIndex(where: {
                $0.worker == b.worker && $0.day == visit.day && $0.leave <= b.start && b.start <= $0.back
            })
        {
            placed.routes[r].stops.append(
                CarePlan.PlannedStop(
                    kind: .visit,
                    visit: first,
                    place: visit.place,
                    arrival: b.start,
                    start: b.start,
                    end: b.start + visit.duration,
                    waiting: 0,
                    travelBefore: 0
                )
            )
        }
        if case .failure(let refusal) = checkMove(placed, problem: problem, visit: second, to: a.worker, start: a.start)
        {
            return .failure(refusal)
        }
        return .success([(b.worker, b.start), (a.worker, a.start)])
    }
}
