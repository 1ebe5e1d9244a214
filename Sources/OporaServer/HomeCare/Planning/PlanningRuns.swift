import Fluent
import Foundation
import OporaCore
import OporaScheduling
import SQLKit
import Vapor

/// The rows of planning runs as the runner moves them: claimed, beating, finished, failed, or
/// put back in the queue when the process that held them stopped.
enum PlanningRuns {
    /// A run whose process has not beaten for this long is taken to have died with it.
    static let staleAfter: TimeInterval = 60
    /// A run interrupted this many times is failed, not retried again.
    static let maximumAttempts = 3

    /// Claims the oldest queued run: on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so that several
    /// processes never take the same run; on SQLite under the one writer.
    static func claim(on app: Application) async throws -> UUID? {
        let now = app.clock.now()
        return try await app.db.write(gate: app.writeGate) { db in
            let lock = db.isPostgres ? " FOR UPDATE SKIP LOCKED" : ""
            let row = try await db.sql().raw(
                """
                UPDATE home_care_runs SET state = 'running', attempts = attempts + 1 WHERE id = (
                SELECT id FROM home_care_runs WHERE state = 'queued' ORDER BY created_at LIMIT 1\(unsafeRaw: lock)
                ) RETURNING id
                """
            ).first()
            guard let id = try row?.decode(column: "id", as: UUID.self) else { return nil }
            try await runs(db).filter(\.$id == id).set(\.$startedAt, to: now).set(\.$heartbeatAt, to: now).update()
            return id
        }
    }

    /// Records that the run is alive, with the best plan's figures; false once the run was
    /// cancelled (or taken from this process), so the search stops.
    static func beat(_ id: UUID, figures: PlanFigures?, on app: Application) async throws -> Bool {
        let now = app.clock.now()
        let progress = try figures.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        return try await app.db.write(gate: app.writeGate) { db in
            guard
                try await runs(db).filter(\.$id == id).filter(\.$state == PlanningRun.State.running.rawValue).first()
                    != nil
            else { return false }
            var update = runs(db).filter(\.$id == id).set(\.$heartbeatAt, to: now)
            if let progress { update = update.set(\.$progress, to: progress) }
            try await update.update()
            return true
        }
    }

    /// Stores the plan, unless the run was cancelled meanwhile.
    static func finish(_ id: UUID, plan: CarePlan, figures: PlanFigures, on app: Application) async throws {
        let now = app.clock.now()
        let sealed = try app.dataKey.sealJSON(plan)
        let progress = String(decoding: try JSONEncoder().encode(figures), as: UTF8.self)
        try await app.db.write(gate: app.writeGate) { db in
            try await runs(db).filter(\.$id == id).filter(\.$state == PlanningRun.State.running.rawValue)
                .set(\.$state, to: PlanningRun.State.finished.rawValue).set(\.$planSealed, to: sealed)
                .set(\.$progress, to: progress).set(\.$finishedAt, to: now).update()
        }
    }

    static func fail(_ id: UUID, reason: String, on app: Application) async throws {
        let now = app.clock.now()
        try await app.db.write(gate: app.writeGate) { db in
            try await runs(db).filter(\.$id == id).filter(\.$state == PlanningRun.State.running.rawValue)
                .set(\.$state, to: PlanningRun.State.failed.rawValue).set(\.$error, to: reason)
                .set(\.$finishedAt, to: now).update()
        }
    }

    /// A run this process was working on when it was asked to stop goes back to the queue, to be
    /// planned again from the start by the next process that runs.
    static func requeue(_ id: UUID, on app: Application) async throws {
        try await app.db.write(gate: app.writeGate) { db in
            try await runs(db).filter(\.$id == id).filter(\.$state == PlanningRun.State.running.rawValue)
                .set(\.$state, to: PlanningRun.State.queued.rawValue).update()
        }
    }

    /// Runs left `running` by a process that died: queued again, or failed with the reason after
    /// `maximumAttempts`. On SQLite only this process plans, so every such run was interrupted.
    static func recoverInterrupted(on app: Application) async throws {
        let cutoff = app.clock.now().addingTimeInterval(-staleAfter)
        let postgres = app.db.isPostgres
        try await app.db.write(gate: app.writeGate) { db in
            var stale = runs(db).filter(\.$state == PlanningRun.State.running.rawValue)
            if postgres { stale = stale.filter(\.$heartbeatAt < cutoff) }
            for run in try await stale.all() {
                if run.attempts >= maximumAttempts {
                    run.state = PlanningRun.State.failed.rawValue
                    run.error = "interrupted"
                } else {
                    run.state = PlanningRun.State.queued.rawValue
                }
                try await run.update(on: db)
            }
        }
    }

    private static func runs(_ db: any Database) -> QueryBuilder<PlanningRun> {
        Scoped.unscoped(PlanningRun.self, on: db, .backgroundJob)
    }
}
