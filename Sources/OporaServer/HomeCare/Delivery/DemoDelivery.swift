import Fluent
import Foundation
import OporaCore
import OporaScheduling

/// The demo centre's current week, planned and published, and its visits up to now recorded as a
/// centre's would be: most delivered on time, some late or cut short, a few missed with a reason.
/// So the worker's day, the hours and the indicators have something real to show. Deterministic
/// for a given day: the engine runs on a step budget, not the clock.
enum DemoDelivery {
    static func seed(_ demo: DemoSeeding) async throws {
        let db = demo.db
        let centre = DemoProviders.municipal.id
        let today = CalendarDay.today(at: demo.now)
        let monday = today.adding(days: -Weekday.allCases.firstIndex(of: today.weekday)!)
        let scope = AccessScope(providers: [centre])
        let week = try await WeekDemandBuilder.week(
            provider: centre,
            monday: monday,
            scope: scope,
            language: .bg,
            key: demo.key,
            on: db
        )
        let problem = week.problem()
        guard !problem.visits.isEmpty else { return }
        let plan = try CareSolver.solve(problem, options: SearchOptions(timeLimit: .seconds(60), iterationLimit: 300))
        let hand = try CareSolver.handPlan(problem)
        let run = PlanningRun()
        run.providerID = centre
        run.municipalityCode = DemoProviders.municipality
        run.oblastCode = DemoProviders.oblast
        run.week = monday.iso
        run.state = PlanningRun.State.finished.rawValue
        run.attempts = 1
        run.requestedBy = demo.actor.name
        run.createdAt = demo.now
        run.startedAt = demo.now
        run.finishedAt = demo.now
        run.seconds = 0
        run.baseline = String(
            decoding: try JSONEncoder().encode(PlanFigures(plan: hand, problem: problem, seconds: 0)),
            as: UTF8.self
        )
        run.progress = String(
            decoding: try JSONEncoder().encode(PlanFigures(plan: plan, problem: problem, seconds: 0)),
            as: UTF8.self
        )
        run.problemSealed = try demo.key.sealJSON(problem)
        run.planSealed = try demo.key.sealJSON(plan)
        try await run.create(on: db)
        let version = WeekPlanVersion()
        version.providerID = centre
        version.municipalityCode = DemoProviders.municipality
        version.oblastCode = DemoProviders.oblast
        version.week = monday.iso
        version.number = 1
        version.runID = run.id!
        version.publishedBy = demo.actor.name
        version.publishedAt = demo.now
        try await version.create(on: db)
        try await demo.audit("planning.published", "week_plan", version.id!)
        try await VisitLedger.publish(
            plan: plan,
            problem: problem,
            number: 1,
            provider: centre,
            municipality: DemoProviders.municipality,
            oblast: DemoProviders.oblast,
            monday: monday,
            on: db
        )
        try await recordPast(centre: centre, monday: monday, demo)
    }

    /// Records the week's visits that ended before now. The demo's own `careworker` keeps today
    /// open, so their day can be walked through.
    private static func recordPast(centre: UUID, monday: CalendarDay, _ demo: DemoSeeding) async throws {
        let careworker = try demo.account("careworker")
        let visits = try await Scoped.unscoped(CareVisit.self, on: demo.db, .administration)
            .filter(\.$providerID == centre).filter(\.$week == monday.iso).all()
        let today = CalendarDay.today(at: demo.now)
        for visit in visits {
            guard let day = visit.calendarDay, let start = visit.plannedStart else { continue }
            let end = SofiaTime.instant(on: day, minute: visit.endMinute)
            guard end < demo.now, !(day == today && visit.workerID == careworker) else { continue }
            // A stable spread per visit: the same demo every time it is seeded on the same day.
            let roll = stableRoll(visit.visitKey)
            if roll < 4 {
                visit.missedReason = [MissedReason.notAtHome, .inHospital, .refused, .other][roll].rawValue
                if roll == 3 { visit.noteSealed = try demo.key.seal("Семейството е отвело човека на село.") }
            } else {
                let late = Double(roll % 20 < 17 ? roll % 9 : 25) * 60
                let short = roll % 25 == 0 ? Double(visit.plannedMinutes) * 0.4 * 60 : Double(roll % 5) * 60
                visit.checkInAt = start.addingTimeInterval(late)
                visit.checkOutAt = max(visit.checkInAt!, end.addingTimeInterval(late - short))
                visit.tasksDone = VisitTask.tasks(for: visit.careSkill).prefix(1 + roll % 3).map(\.rawValue)
                    .joined(separator: ",")
            }
            visit.recordedBy = visit.workerID
            visit.version += 1
            try await visit.update(on: demo.db)
        }
    }

    /// 0–99 from the visit's key; FNV-1a, so it is the same on every machine and run.
    static func stableRoll(_ key: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int(hash % 100)
    }
}
