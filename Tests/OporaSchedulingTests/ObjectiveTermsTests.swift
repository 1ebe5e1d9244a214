import Foundation
import PropertyBased
import Testing

@testable import OporaScheduling

/// The continuity and balance terms are kept up to date move by move; these tests hold them to
/// a recomputation from the routes alone, and check that they steer the search.
@Suite struct ObjectiveTermsTests {
    /// Random ruin-and-recreate steps, each followed by the local search on half of them, kept
    /// or rolled back at random, with penalties moved now and then; after every step the running
    /// continuity, balance and shifted-minutes costs must equal their recomputation from scratch.
    /// The granular insertion is forced on half the runs; the plan in force that the shifted
    /// minutes are measured against is random.
    @Test func incrementalSoftCostsEqualRecomputation() async {
        await propertyCheck(count: 30, input: Gen.int(in: 1...1_000_000), Gen.int(in: 4...24)) { seed, n in
            var problem = RandomProblems.care(seed: seed, visits: n, workers: 4, days: 2)
            problem.weights = CareProblem.Weights(distinctWorker: 45, workloadBalance: 0.7, shiftedMinute: 0.3)
            var r = ProblemRandom(seed &+ 7)
            problem.published = problem.visits.filter { _ in r.chance(0.6) }.map { v in
                let w = v.windows[0]
                return CareProblem.PublishedAssignment(
                    visit: v.id,
                    worker: problem.workers[r.int(0...problem.workers.count - 1)].id,
                    start: r.double(w[0]...w[1])
                )
            }
            let care = CareModel(problem)
            let compiled = CompiledModel(care.routing, fullScanPositions: seed % 2 == 0 ? 0 : 200)
            #expect(compiled.distinctCost == 45 && compiled.balanceCost == 0.7)
            #expect(problem.published!.isEmpty || compiled.shiftCost == 0.3)
            var st = SearchState(model: compiled, warpPenalty: 50, loadPenalty: 50)
            var rr = RuinRecreate(model: compiled)
            var ls = LocalSearch(model: compiled)
            var rng = RandomSource(seed: UInt64(seed))
            st.beginStep()
            for j in 0..<care.routing.jobs.count { rr.insertJob(&st, j, rng: &rng) }
            for step in 0..<120 {
                st.beginStep()
                rr.ruin(&st, rng: &rng)
                rr.recreate(&st, rng: &rng)
                if step % 2 == 0 { ls.improve(&st, around: step % 6 == 0 ? nil : rr.inserted, feasibleOnly: false) }
                if rng.unit() < 0.5 { st.undoStep() }
                if step % 25 == 24 { st.setPenalties(warp: 10 + rng.unit() * 90, load: 10 + rng.unit() * 90) }
                let fresh = st.softCostsFromScratch()
                #expect(abs(st.continuityCost - fresh.continuity) < 1e-6, "seed \(seed), step \(step)")
                #expect(abs(st.balanceCost - fresh.balance) < 1e-6, "seed \(seed), step \(step)")
                #expect(abs(st.shiftCost - fresh.shifted) < 1e-6, "seed \(seed), step \(step)")
            }
        }
    }

    /// Every move the local search applies must lower the penalised cost by what it scored,
    /// so the total after a pass equals a recomputation and never rises.
    @Test func localSearchNeverRaisesTheCost() async {
        await propertyCheck(count: 25, input: Gen.int(in: 1...1_000_000), Gen.int(in: 6...30)) { seed, n in
            var problem = RandomProblems.care(seed: seed, visits: n, workers: 4, days: 2)
            problem.weights = CareProblem.Weights(distinctWorker: 45, workloadBalance: 0.7)
            let care = CareModel(problem)
            let compiled = CompiledModel(care.routing)
            var st = SearchState(model: compiled, warpPenalty: 20, loadPenalty: 20)
            var rr = RuinRecreate(model: compiled)
            var ls = LocalSearch(model: compiled)
            var rng = RandomSource(seed: UInt64(seed))
            st.beginStep()
            for j in 0..<care.routing.jobs.count { rr.insertJob(&st, j, rng: &rng) }
            for step in 0..<20 {
                st.beginStep()
                rr.ruin(&st, rng: &rng)
                rr.recreate(&st, rng: &rng)
                let before = st.totalCost
                let feasibleBefore = st.isTimeFeasible && st.isLoadFeasible
                ls.improve(&st, around: step % 2 == 0 ? nil : rr.inserted, feasibleOnly: step % 4 == 0)
                #expect(st.totalCost <= before + 1e-6, "seed \(seed), step \(step)")
                if step % 4 == 0 && feasibleBefore {
                    #expect(st.isTimeFeasible && st.isLoadFeasible, "seed \(seed), step \(step)")
                }
                // The routes' stored costs must be those of the routes as they now stand.
                var copy = st
                for r in 0..<copy.routes.count { copy.rebuild(r) }
                #expect(abs(copy.totalCost - st.totalCost) < 1e-6, "seed \(seed), step \(step)")
            }
        }
    }

    /// Re-planning against a plan in force: with a price on shifted minutes the new plan moves
    /// visits' starts less, summed over a set of problems, than with none.
    @Test func shiftedMinuteCostKeepsStartsCloseToThePlanInForce() throws {
        var with = 0.0
        var without = 0.0
        for seed in 1...6 {
            var problem = RandomProblems.care(seed: seed * 53, visits: 16, workers: 4, days: 1)
            let first = try CareSolver.solve(problem, options: SearchOptions(iterationLimit: 800, seed: 2))
            problem.published = first.routes.flatMap { r in
                r.stops.filter { $0.kind == .visit }.map {
                    CareProblem.PublishedAssignment(visit: $0.visit!, worker: r.worker, start: $0.start)
                }
            }
            // Something changed since: every worker starts half an hour later.
            for w in problem.workers.indices {
                for s in problem.workers[w].shifts.indices { problem.workers[w].shifts[s].start += 30 }
            }
            let options = SearchOptions(iterationLimit: 1500, seed: 4)
            problem.weights = CareProblem.Weights(shiftedMinute: 0)
            without += try CareSolver.solve(problem, options: options).objective.shiftedMinutes
            problem.weights = CareProblem.Weights(shiftedMinute: 10)
            let plan = try CareSolver.solve(problem, options: options)
            #expect(PlanChecker(problem: problem).violations(plan).isEmpty)
            with += plan.objective.shiftedMinutes
        }
        #expect(with < without)
    }

    /// A large price on each distinct worker must lower the number of (person, worker) pairs
    /// summed over a set of problems, against the same searches without that price.
    @Test func distinctWorkerCostLowersWorkersPerPerson() throws {
        var with = 0
        var without = 0
        for seed in 1...8 {
            var problem = RandomProblems.care(seed: seed * 101, visits: 24, workers: 5, days: 2)
            for i in problem.visits.indices {
                problem.visits[i].person = "P\(i % 4)"
                problem.visits[i].skill = nil
                problem.visits[i].requiredWorker = nil
                problem.visits[i].preferredWorkers = nil
            }
            let options = SearchOptions(timeLimit: .seconds(60), iterationLimit: 1500, seed: 3)
            problem.weights = CareProblem.Weights(newWorker: 0, distinctWorker: 0)
            without += try CareSolver.solve(problem, options: options).objective.distinctWorkerPairs
            problem.weights = CareProblem.Weights(newWorker: 0, distinctWorker: 300)
            let plan = try CareSolver.solve(problem, options: options)
            #expect(PlanChecker(problem: problem).violations(plan).isEmpty)
            with += plan.objective.distinctWorkerPairs
        }
        #expect(with < without)
    }

    /// Spreading paid minutes is charged when asked: a heavy price on balance must not give a
    /// wider spread than no price, summed over a set of problems, and must lower it somewhere.
    @Test func balanceCostNarrowsTheSpreadOfPaidMinutes() throws {
        var with = 0.0
        var without = 0.0
        for seed in 1...6 {
            var problem = RandomProblems.care(seed: seed * 37, visits: 16, workers: 4, days: 1)
            let options = SearchOptions(timeLimit: .seconds(60), iterationLimit: 1500, seed: 5)
            problem.weights = CareProblem.Weights(workloadBalance: 0)
            without += try CareSolver.solve(problem, options: options).objective.workloadStdDevMinutes
            problem.weights = CareProblem.Weights(workloadBalance: 20)
            with += try CareSolver.solve(problem, options: options).objective.workloadStdDevMinutes
        }
        #expect(with < without)
    }

    @Test func negativeOrHugeWeightIsRejectedWithItsField() throws {
        var problem = RandomProblems.care(seed: 1, visits: 4)
        problem.weights = CareProblem.Weights(distinctWorker: -1, workloadBalance: .infinity)
        let errors = problem.validate()
        #expect(errors.contains { $0.field == "weights.distinctWorker" })
        #expect(errors.contains { $0.field == "weights.workloadBalance" })
    }
}
