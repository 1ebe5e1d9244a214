import Foundation
import PropertyBased
import Testing

@testable import OporaScheduling

/// The continuity and balance terms are kept up to date move by move; these tests hold them to
/// a recomputation from the routes alone, and check that they steer the search.
@Suite struct ObjectiveTermsTests {
    /// Random ruin-and-recreate steps, each kept or rolled back at random, with penalties moved
    /// now and then; after every step the running continuity and balance costs must equal
    /// their recomputation from scratch. The granular insertion is forced on half the runs.
    @Test func incrementalContinuityAndBalanceEqualRecomputation() async {
        await propertyCheck(count: 30, input: Gen.int(in: 1...1_000_000), Gen.int(in: 4...24)) { seed, n in
            var problem = RandomProblems.care(seed: seed, visits: n, workers: 4, days: 2)
            problem.weights = CareProblem.Weights(distinctWorker: 45, workloadBalance: 0.7)
            let care = CareModel(problem)
            let compiled = CompiledModel(care.routing, fullScanPositions: seed % 2 == 0 ? 0 : 200)
            #expect(compiled.distinctCost == 45 && compiled.balanceCost == 0.7)
            var st = SearchState(model: compiled, warpPenalty: 50, loadPenalty: 50)
            var rr = RuinRecreate(model: compiled)
            var rng = RandomSource(seed: UInt64(seed))
            st.beginStep()
            for j in 0..<care.routing.jobs.count { rr.insertJob(&st, j, rng: &rng) }
            for step in 0..<120 {
                st.beginStep()
                rr.ruin(&st, rng: &rng)
                rr.recreate(&st, rng: &rng)
                if rng.unit() < 0.5 { st.undoStep() }
                if step % 25 == 24 { st.setPenalties(warp: 10 + rng.unit() * 90, load: 10 + rng.unit() * 90) }
                let fresh = st.softCostsFromScratch()
                #expect(abs(st.continuityCost - fresh.continuity) < 1e-6, "seed \(seed), step \(step)")
                #expect(abs(st.balanceCost - fresh.balance) < 1e-6, "seed \(seed), step \(step)")
            }
        }
    }

    /// A large price on each distinct worker must lower the number of (person, worker) pairs
    /// summed over a set of problems, against the same searches without that price.
    @Test func distinctWorkerCostLowersWorkersPerPerson() throws {
        var with = 0, without = 0
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
        var with = 0.0, without = 0.0
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
