import Foundation
import NIOConcurrencyHelpers
import OporaScheduling
import Vapor

/// Plans queued weeks one after another in this process, in the background of the pages.
///
/// The queue is the database (`PlanningRuns`): a run asked for on one process may be planned by
/// another, and a run whose process stopped is taken up again. While a run searches, a beat
/// every second stores the best plan's figures, which the run's page shows, and learns whether
/// the coordinator cancelled.
actor PlanningRunner {
    private var task: Task<Void, Never>?
    private var again = false
    private let stopping = NIOLockedValueBox(false)

    /// Looks for queued runs now; a call while a run is planned is remembered.
    func kick(_ app: Application) {
        guard !stopping.withLockedValue({ $0 }) else { return }
        guard task == nil else {
            again = true
            return
        }
        task = Task { await self.drain(app) }
    }

    /// Stops the search at hand (its run goes back to the queue) and waits for it.
    func stop() async {
        stopping.withLockedValue { $0 = true }
        await task?.value
    }

    private func drain(_ app: Application) async {
        repeat {
            again = false
            while !stopping.withLockedValue({ $0 }) {
                do {
                    guard let id = try await PlanningRuns.claim(on: app) else { break }
                    await plan(id, app)
                } catch {
                    app.logger.error("home care: cannot claim a planning run: \(String(reflecting: error))")
                    break
                }
            }
        } while again && !stopping.withLockedValue({ $0 })
        task = nil
    }

    private func plan(_ id: UUID, _ app: Application) async {
        do {
            guard let run = try await Scoped.unscopedFind(PlanningRun.self, id, on: app.db, .backgroundJob) else {
                return
            }
            let problem = try app.dataKey.openJSON(CareProblem.self, run.problemSealed)
            let cancelled = NIOLockedValueBox(false)
            let best = NIOLockedValueBox<CarePlan?>(nil)
            let started = ContinuousClock.now
            let stopping = self.stopping
            let options = SearchOptions(
                timeLimit: .seconds(run.seconds),
                seed: 1,
                threads: app.opora.planningThreads,
                shouldStop: { cancelled.withLockedValue { $0 } || stopping.withLockedValue { $0 } }
            )
            func figures(_ plan: CarePlan?) -> PlanFigures? {
                plan.map { PlanFigures(plan: $0, problem: problem, seconds: Self.seconds(since: started)) }
            }
            let beating = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    if Task.isCancelled { break }
                    let alive =
                        (try? await PlanningRuns.beat(id, figures: figures(best.withLockedValue { $0 }), on: app))
                    if alive == false { cancelled.withLockedValue { $0 = true } }
                }
            }
            do {
                for try await plan in CareSolver.plans(problem, options: options) {
                    best.withLockedValue { $0 = plan }
                }
                beating.cancel()
            } catch {
                beating.cancel()
                throw error
            }
            if cancelled.withLockedValue({ $0 }) { return }
            if stopping.withLockedValue({ $0 }) {
                try await PlanningRuns.requeue(id, on: app)
                return
            }
            guard let plan = best.withLockedValue({ $0 }), let final = figures(plan) else {
                try await PlanningRuns.fail(id, reason: "no plan", on: app)
                return
            }
            try await PlanningRuns.finish(id, plan: plan, figures: final, on: app)
        } catch {
            app.logger.error("home care: planning run \(id) failed: \(String(reflecting: error))")
            try? await PlanningRuns.fail(id, reason: String(describing: error), on: app)
        }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

extension Application {
    private struct PlanningRunnerKey: StorageKey { typealias Value = PlanningRunner }

    var planningRunner: PlanningRunner {
        if let runner = storage[PlanningRunnerKey.self] { return runner }
        let runner = PlanningRunner()
        storage[PlanningRunnerKey.self] = runner
        return runner
    }
}

/// Takes up runs interrupted by the last stop when the application boots, and lets the run at
/// hand go back to the queue when it shuts down.
struct PlanningLifecycle: LifecycleHandler {
    func didBootAsync(_ app: Application) async throws {
        do {
            try await PlanningRuns.recoverInterrupted(on: app)
        } catch {
            // Commands such as `migrate` boot before the tables exist; serving migrates first.
            app.logger.debug("home care: no planning runs to recover: \(String(reflecting: error))")
            return
        }
        await app.planningRunner.kick(app)
    }

    func shutdownAsync(_ app: Application) async {
        await app.planningRunner.stop()
    }
}
