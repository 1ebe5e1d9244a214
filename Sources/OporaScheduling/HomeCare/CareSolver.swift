import Foundation

/// Plans home care: validates a `CareProblem`, searches, and returns a `CarePlan`.
public enum CareSolver {
    /// The problem was rejected before solving; every reason is listed.
    public struct InvalidProblem: Error, CustomStringConvertible {
        public var errors: [ProblemError]
        public var description: String {
            errors.map { $0.message(.bulgarian) + " / " + $0.message(.english) }.joined(separator: "\n")
        }
    }

    /// Reads the JSON format; a malformed file is reported as a `ProblemError` with the path
    /// of the offending field.
    public static func decode(_ data: Data) throws(InvalidProblem) -> CareProblem {
        do {
            return try JSONDecoder().decode(CareProblem.self, from: data)
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw InvalidProblem(errors: [
                ProblemError(.problem, field: path(ctx.codingPath + [key]), .malformed("missing"))
            ])
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw InvalidProblem(errors: [
                ProblemError(.problem, field: path(ctx.codingPath), .malformed(ctx.debugDescription))
            ])
        } catch let DecodingError.valueNotFound(_, ctx) {
            throw InvalidProblem(errors: [ProblemError(.problem, field: path(ctx.codingPath), .malformed("null"))])
        } catch let DecodingError.dataCorrupted(ctx) {
            throw InvalidProblem(errors: [
                ProblemError(.problem, field: path(ctx.codingPath), .malformed(ctx.debugDescription))
            ])
        } catch {
            throw InvalidProblem(errors: [ProblemError(.problem, field: "", .malformed(String(describing: error)))])
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { k in k.intValue.map { "[\($0)]" } ?? ".\(k.stringValue)" }.joined().trimmingCharacters(
            in: CharacterSet(charactersIn: ".")
        )
    }

    /// Validates, then searches once over the whole budget. Continuity is part of the
    /// objective (a cost per distinct worker of each person, and per visit away from the
    /// person's main worker), so no anchoring phase is needed; re-planning starts from the
    /// published plan.
    public static func solve(_ problem: CareProblem, options: SearchOptions) throws(InvalidProblem) -> CarePlan {
        let errors = problem.validate()
        if !errors.isEmpty { throw InvalidProblem(errors: errors) }
        let care = CareModel(problem)
        let s = RoutingEngine.solve(care.routing, options: options, initial: publishedSolution(care))
        return PlanBuilder(care: care).plan(s, iterations: s.iterations)
    }

    /// The plans of `solve` as they improve, for a page that shows progress: every improvement
    /// (at most four a second), then the final plan. Cancelling the consumer stops the search.
    public static func plans(_ problem: CareProblem, options: SearchOptions) -> AsyncThrowingStream<CarePlan, any Error>
    {
        AsyncThrowingStream { continuation in
            let stop = StopFlag()
            continuation.onTermination = { _ in stop.set() }
            let care = CareModel(problem)
            let clock = ContinuousClock()
            let lastSent = LastSent(clock.now)
            var opts = options
            let outer = options.shouldStop
            opts.shouldStop = { stop.isSet || outer() }
            let inner = options.onImprovement
            opts.onImprovement = { imp in
                inner(imp)
                if lastSent.due(clock.now, every: .milliseconds(250)) {
                    continuation.yield(PlanBuilder(care: care).plan(imp.solution, iterations: imp.solution.iterations))
                }
            }
            let finalOptions = opts
            Thread.detachNewThread {
                do {
                    continuation.yield(try solve(problem, options: finalOptions))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
        }
    }

    /// What a coordinator would do by hand: each person keeps their chosen (required or first
    /// preferred) worker, else the first skilled worker on the list; visits go in time order at
    /// the end of that worker's day; a visit that does not fit goes to the next skilled worker
    /// on the list, and is left undone if none can take it.
    public static func handPlan(_ problem: CareProblem) throws(InvalidProblem) -> CarePlan {
        let errors = problem.validate()
        if !errors.isEmpty { throw InvalidProblem(errors: errors) }
        let care = CareModel(problem)
        return PlanBuilder(care: care).plan(HandPlanner(care: care).solution(), iterations: 0)
    }

    /// The published plan as a starting solution, so re-planning begins where the coordinator is.
    static func publishedSolution(_ care: CareModel) -> RoutingSolution? {
        guard let published = care.problem.published, !published.isEmpty else { return nil }
        let r = care.routing
        var routes = [[Int]](repeating: [], count: r.vehicles.count)
        var alternatives = [Int?](repeating: nil, count: r.jobs.count)
        var starts = [[Double]](repeating: [], count: r.vehicles.count)
        let visitIndex = Dictionary(
            care.problem.visits.enumerated().map { ($1.id, $0) },
            uniquingKeysWith: { a, _ in a }
        )
        for p in published {
            guard let vi = visitIndex[p.visit], let wi = care.workerIndex[p.worker] else { continue }
            let job = r.jobs[vi]
            guard job.kind == .single else { continue }
            let visit = care.problem.visits[vi]
            let start = p.start ?? visit.windows.first?.first ?? 0
            guard
                let k = r.vehicles.indices.first(where: {
                    care.vehicleWorker[$0] == wi
                        && care.problem.workers[wi].shifts[care.vehicleShift[$0]].day == visit.day
                        && r.stops[job.alternatives[0][0]].allowedVehicles?.contains($0) ?? true
                })
            else { continue }
            let abs = Double(visit.day) * CareModel.day + start
            let a =
                job.alternatives.firstIndex { r.stops[$0[0]].ready <= abs + 1e-9 && abs <= r.stops[$0[0]].due + 1e-9 }
                ?? 0
            let s = job.alternatives[a][0]
            let at = starts[k].firstIndex { $0 > abs } ?? starts[k].count
            routes[k].insert(s, at: at)
            starts[k].insert(abs, at: at)
            alternatives[vi] = a
        }
        return RoutingSolution(
            routes: routes,
            alternatives: alternatives,
            cost: .infinity,
            feasible: false,
            iterations: 0
        )
    }
}

private final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

private final class LastSent: @unchecked Sendable {
    private let lock = NSLock()
    private var last: ContinuousClock.Instant
    init(_ t: ContinuousClock.Instant) { last = t }
    func due(_ now: ContinuousClock.Instant, every: Duration) -> Bool {
        lock.withLock {
            if now - last < every { return false }
            last = now
            return true
        }
    }
}
