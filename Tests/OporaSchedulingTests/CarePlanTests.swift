import Foundation
import PropertyBased
import Testing

@testable import OporaScheduling

@Suite struct CarePlanTests {
    static func options(seed: UInt64 = 1, iterations: Int = 1500) -> SearchOptions {
        SearchOptions(timeLimit: .seconds(60), iterationLimit: iterations, seed: seed)
    }

    @Test func randomProblemsGiveValidPlans() async {
        await propertyCheck(count: 25, input: Gen.int(in: 1...1_000_000), Gen.int(in: 1...14)) { seed, n in
            let problem = RandomProblems.care(seed: seed, visits: n)
            #expect(problem.validate().isEmpty)
            guard let plan = try? CareSolver.solve(problem, options: Self.options(iterations: 400)) else {
                Issue.record("valid problem rejected")
                return
            }
            let problems = PlanChecker(problem: problem).violations(plan)
            #expect(problems.isEmpty, "seed \(seed), \(n) visits: \(problems)")
            #expect(plan.routes.flatMap(\.stops).filter { $0.kind != .breakTime }.count + plan.unassigned.count >= n)
        }
    }

    @Test func byHandPlansAreValidToo() async {
        await propertyCheck(count: 25, input: Gen.int(in: 1...1_000_000), Gen.int(in: 1...14)) { seed, n in
            let problem = RandomProblems.care(seed: seed, visits: n)
            let plan = try? CareSolver.handPlan(problem)
            #expect(plan.map { PlanChecker(problem: problem).violations($0) } == [])
        }
    }

    @Test func sameSeedAndBudgetGiveTheSamePlan() throws {
        let problem = RandomProblems.care(seed: 42, visits: 14, workers: 4)
        let a = try CareSolver.solve(problem, options: Self.options(seed: 7))
        let b = try CareSolver.solve(problem, options: Self.options(seed: 7))
        let enc = JSONEncoder()
        enc.outputFormatting = .sortedKeys
        #expect(try enc.encode(a) == enc.encode(b))
    }

    @Test func optimisedPlanTravelsLessThanByHand() throws {
        let problem = RandomProblems.care(seed: 5, visits: 30, workers: 4, days: 1)
        let best = try CareSolver.solve(problem, options: Self.options(iterations: 4000))
        let hand = try CareSolver.handPlan(problem)
        #expect(best.objective.total <= hand.objective.total + 1e-6)
    }

    /// A worker with room for one of two visits: the one whose person chose that worker (the
    /// lowest priority) is made, and the other (the highest priority, which anyone could make)
    /// is left; the plan's penalty is the model's.
    @Test func chosenAssistantsVisitGoesBeforeAnyOther() throws {
        let places = [
            CareProblem.Place(id: "home", latitude: 42.2869, longitude: 22.6939, kind: "city"),
            CareProblem.Place(id: "a", latitude: 42.2900, longitude: 22.6950, kind: "city"),
            CareProblem.Place(id: "b", latitude: 42.2910, longitude: 22.6960, kind: "city"),
        ]
        let shift = CareProblem.Shift(day: 0, start: 480, end: 600, startPlace: "home", endPlace: "home")
        let worker = CareProblem.Worker(id: "W0", skills: ["home_help"], shifts: [shift])
        let visits = [
            CareProblem.Visit(
                id: "urgent",
                person: "P1",
                place: "a",
                day: 0,
                duration: 90,
                windows: [[480, 500]],
                skill: "home_help",
                priority: 1
            ),
            CareProblem.Visit(
                id: "chosen",
                person: "P2",
                place: "b",
                day: 0,
                duration: 90,
                windows: [[480, 500]],
                skill: "home_help",
                priority: 5,
                requiredWorker: "W0"
            ),
        ]
        let problem = CareProblem(skills: ["home_help"], places: places, workers: [worker], visits: visits)
        let plan = try CareSolver.solve(problem, options: Self.options(iterations: 300))
        #expect(PlanChecker(problem: problem).violations(plan).isEmpty)
        #expect(plan.routes.flatMap(\.stops).compactMap(\.visit) == ["chosen"])
        #expect(plan.unassigned.map(\.visit) == ["urgent"])
        #expect(plan.objective.unassignedPenalty == 1000)
    }

    @Test func visitWithASkillNobodyHasIsUndoneWithThatReason() throws {
        var problem = RandomProblems.care(seed: 3, visits: 4)
        problem.skills.append("kinesitherapy")
        problem.visits[0].skill = "kinesitherapy"
        problem.visits[0].requiredWorker = nil
        problem.visits[0].pinned = nil
        let plan = try CareSolver.solve(problem, options: Self.options(iterations: 200))
        let entry = plan.unassigned.first { $0.visit == problem.visits[0].id }
        #expect(entry?.reason == .noSkilledWorker)
        #expect(entry?.messageBG.contains("умение") == true)
    }

    @Test func windowBeforeEveryShiftIsUnreachable() throws {
        var problem = RandomProblems.care(seed: 4, visits: 3)
        problem.visits[0] = CareProblem.Visit(
            id: "early",
            person: "X",
            place: "p0",
            day: 0,
            duration: 30,
            windows: [[60, 120]]
        )
        let plan = try CareSolver.solve(problem, options: Self.options(iterations: 200))
        #expect(plan.unassigned.first { $0.visit == "early" }?.reason == .windowUnreachable)
    }

    @Test func twoWorkerVisitGetsTwoWorkersAtOnce() throws {
        let home = "p0"
        let problem = CareProblem(
            skills: ["personal_assistance"],
            places: [
                .init(id: "c", latitude: 42.28, longitude: 22.69), .init(id: home, latitude: 42.30, longitude: 22.72),
            ],
            workers: (0..<2).map {
                CareProblem.Worker(
                    id: "W\($0)",
                    skills: ["personal_assistance"],
                    shifts: [.init(day: 0, start: 480, end: 960, startPlace: "c", endPlace: "c")]
                )
            },
            visits: [
                CareProblem.Visit(
                    id: "hoist",
                    person: "A",
                    place: home,
                    day: 0,
                    duration: 30,
                    windows: [[540, 600]],
                    skill: "personal_assistance",
                    workers: 2
                )
            ]
        )
        let plan = try CareSolver.solve(problem, options: Self.options(iterations: 200))
        #expect(plan.unassigned.isEmpty)
        let starts = plan.routes.flatMap { r in r.stops.filter { $0.visit == "hoist" }.map { ($0.start, r.worker) } }
        #expect(starts.count == 2 && Set(starts.map(\.1)).count == 2 && starts[0].0 == starts[1].0)
        #expect(PlanChecker(problem: problem).violations(plan).isEmpty)
    }

    @Test func replanningTheSamePlanChangesNothing() throws {
        var problem = RandomProblems.care(seed: 11, visits: 12, workers: 3)
        let first = try CareSolver.solve(problem, options: Self.options())
        problem.published = first.routes.flatMap { r in
            r.stops.filter { $0.kind == .visit }.map {
                CareProblem.PublishedAssignment(visit: $0.visit!, worker: r.worker, start: $0.start)
            }
        }
        let again = try CareSolver.solve(problem, options: Self.options(seed: 99))
        #expect(again.objective.changedAssignments == 0)
        #expect(again.unassigned.count <= first.unassigned.count)
    }

    @Test func sickWorkerKeepsStartedVisitsAndMovesFewOthers() throws {
        var problem = RandomProblems.care(seed: 21, visits: 14, workers: 4, days: 1)
        let first = try CareSolver.solve(problem, options: Self.options())
        guard let sick = first.routes.max(by: { $0.stops.count < $1.stops.count }), sick.stops.count >= 2 else {
            return
        }
        problem.published = first.routes.flatMap { r in
            r.stops.filter { $0.kind == .visit }.map {
                CareProblem.PublishedAssignment(visit: $0.visit!, worker: r.worker, start: $0.start)
            }
        }
        // The worker goes home sick after the first visit, which is already under way.
        let started = sick.stops.first { $0.kind == .visit }!
        let wi = problem.workers.firstIndex { $0.id == sick.worker }!
        problem.workers[wi].shifts[sick.shift].end = started.end + 120
        problem.workers[wi].breakRule = nil
        let vi = problem.visits.firstIndex { $0.id == started.visit }!
        problem.visits[vi].pinned = CareProblem.Pin(worker: sick.worker, start: started.start)
        let plan = try CareSolver.solve(problem, options: Self.options(seed: 3))
        #expect(PlanChecker(problem: problem).violations(plan).isEmpty)
        let kept = plan.routes.first { $0.worker == sick.worker }?.stops.contains {
            $0.visit == started.visit && $0.start == started.start
        }
        #expect(kept == true)
        let moved = sick.stops.filter { $0.kind == .visit }.count
        #expect(plan.objective.changedAssignments <= moved)
    }

    @Test func problemWithoutWorkersLeavesEveryVisitUndone() throws {
        var problem = RandomProblems.care(seed: 9, visits: 5)
        problem.workers = []
        for i in problem.visits.indices {
            problem.visits[i].requiredWorker = nil
            problem.visits[i].preferredWorkers = nil
            problem.visits[i].refusedWorkers = nil
            problem.visits[i].pinned = nil
        }
        let plan = try CareSolver.solve(problem, options: Self.options(iterations: 50))
        #expect(plan.routes.isEmpty)
        #expect(plan.unassigned.map(\.reason) == Array(repeating: .noSkilledWorker, count: 5))
        let empty = try CareSolver.solve(
            CareProblem(skills: [], places: [], workers: [], visits: []),
            options: Self.options(iterations: 50)
        )
        #expect(empty.routes.isEmpty && empty.unassigned.isEmpty)
    }

    @Test func streamEndsWithTheFinalPlan() async throws {
        let problem = RandomProblems.care(seed: 8, visits: 10)
        var last: CarePlan?
        for try await plan in CareSolver.plans(problem, options: Self.options(iterations: 300)) { last = plan }
        #expect(last.map { PlanChecker(problem: problem).violations($0) } == [])
    }
}
