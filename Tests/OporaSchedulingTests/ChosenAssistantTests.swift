import Foundation
import Testing

@testable import OporaScheduling

/// A visit whose person chose their assistant can be made by that assistant only; it must not
/// lose the assistant's day to visits that someone else could make.
@Suite struct ChosenAssistantTests {
    static let places = [
        CareProblem.Place(id: "home", latitude: 42.2869, longitude: 22.6939, kind: "city"),
        CareProblem.Place(id: "a", latitude: 42.2900, longitude: 22.6950, kind: "city"),
        CareProblem.Place(id: "b", latitude: 42.2910, longitude: 22.6960, kind: "city"),
    ]

    /// Two workers with room for one 90-minute visit each; "other" may go to either, "chosen"
    /// only to W0.
    static func problem() -> CareProblem {
        let shift = CareProblem.Shift(day: 0, start: 480, end: 600, startPlace: "home", endPlace: "home")
        let workers = ["W0", "W1"].map { CareProblem.Worker(id: $0, skills: ["home_help"], shifts: [shift]) }
        let visits = [
            CareProblem.Visit(
                id: "other",
                person: "P1",
                place: "a",
                day: 0,
                duration: 90,
                windows: [[480, 500]],
                skill: "home_help"
            ),
            CareProblem.Visit(
                id: "chosen",
                person: "P2",
                place: "b",
                day: 0,
                duration: 90,
                windows: [[480, 500]],
                skill: "home_help",
                requiredWorker: "W0"
            ),
        ]
        return CareProblem(skills: ["home_help"], places: places, workers: workers, visits: visits)
    }

    /// W0's day already holds "other": putting "chosen" in pushes "other" out, which then goes
    /// to W1; rolling the step back restores the day as it was.
    @Test func chosenVisitPushesOutAVisitAnotherWorkerCanMake() {
        let care = CareModel(Self.problem())
        let compiled = CompiledModel(care.routing)
        #expect(compiled.singleVehicle == [false, true])
        var st = SearchState(model: compiled, warpPenalty: 100, loadPenalty: 100)
        var rr = RuinRecreate(model: compiled)
        var rng = RandomSource(seed: 1)
        st.beginStep()
        st.load(
            RoutingSolution(
                routes: [[0], []],
                alternatives: [0, nil],
                cost: .infinity,
                feasible: false,
                iterations: 0
            )
        )
        st.beginStep()

        let pushed = rr.place(&st, 1, rng: &rng)
        #expect(pushed == [0])
        #expect(st.routes == [[1], []])
        #expect(st.jobAlternative == [-1, 0])
        #expect(st.isTimeFeasible)
        #expect(rr.place(&st, 0, rng: &rng).isEmpty)
        #expect(st.routes == [[1], [0]])

        st.undoStep()
        #expect(st.routes == [[0], []])
        #expect(st.jobAlternative == [0, -1])
    }

    /// A visit pinned to the same worker has nowhere else to go either: the chosen visit stays
    /// out rather than late, and the pinned one stays.
    @Test func chosenVisitNeverPushesOutAPinnedVisit() {
        var problem = Self.problem()
        problem.visits[0].pinned = CareProblem.Pin(worker: "W0")
        let care = CareModel(problem)
        let compiled = CompiledModel(care.routing)
        #expect(compiled.singleVehicle == [true, true])
        var st = SearchState(model: compiled, warpPenalty: 100, loadPenalty: 100)
        var rr = RuinRecreate(model: compiled)
        var rng = RandomSource(seed: 1)
        st.beginStep()
        st.load(
            RoutingSolution(
                routes: [[0], []],
                alternatives: [0, nil],
                cost: .infinity,
                feasible: false,
                iterations: 0
            )
        )

        #expect(rr.place(&st, 1, rng: &rng).isEmpty)
        #expect(st.routes == [[0], []])
        #expect(st.jobAlternative == [0, -1])
        #expect(st.isTimeFeasible)
    }

    /// The whole solve: each of W0's people who chose W0 gets W0, and the visits anyone could
    /// make that fill W0's morning near home go to W1 instead.
    @Test func assistantsDayGoesToThePeopleWhoChoseThem() throws {
        var problem = Self.problem()
        problem.workers[0].shifts[0].end = 720
        problem.workers[1].shifts[0].end = 720
        problem.visits = (0..<6).map { i in
            CareProblem.Visit(
                id: "near\(i)",
                person: "N\(i)",
                place: "a",
                day: 0,
                duration: 40,
                windows: [[480, 680]],
                skill: "home_help",
                priority: 1
            )
        }
        problem.visits += (0..<3).map { i in
            CareProblem.Visit(
                id: "chosen\(i)",
                person: "C\(i)",
                place: "b",
                day: 0,
                duration: 40,
                windows: [[480, 680]],
                skill: "home_help",
                priority: 5,
                requiredWorker: "W0"
            )
        }
        let plan = try CareSolver.solve(problem, options: SearchOptions(iterationLimit: 500, seed: 3))
        #expect(PlanChecker(problem: problem).violations(plan).isEmpty)
        let w0 = plan.routes.filter { $0.worker == "W0" }.flatMap(\.stops).compactMap(\.visit)
        #expect(Set(w0).isSuperset(of: ["chosen0", "chosen1", "chosen2"]))
        #expect(plan.unassigned.allSatisfy { $0.visit.hasPrefix("near") })
    }
}
