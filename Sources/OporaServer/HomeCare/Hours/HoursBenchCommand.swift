import Fluent
import Foundation
import OporaCore
import SQLKit
import Vapor

/// `opora bench-hours [--weeks 52]`: fills the demo's municipal centre with a year of published
/// weeks and recorded visits, written in bulk SQL, for `bench/hours` to time the monthly hours
/// report on. Each of the centre's people (the demo registers 300) gets a visit each working day
/// and two more a week, of their plan's personal assistance or service (assistant support
/// without a plan in force), spread over the staff; the records are a fixed mix of delivered, late, cut
/// short, missed and unrecorded visits. For a benchmark database only: it adds rows to the
/// visit ledger as if a year had been published and recorded.
struct HoursBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "weeks", help: "weeks of visits before the current one (1…104, default 52)")
        var weeks: Int?
    }

    var help: String { "Benchmark data: a year of recorded visits at the demo's home-care centre" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let weeks = signature.weeks ?? 52
        guard (1...104).contains(weeks) else { throw CommandUsage(message: "--weeks must be 1…104") }
        let app = context.application
        let db = app.db
        let provider = DemoProviders.municipal.id
        let scope = AccessScope(country: true)
        let plans = try await PlansInForce.at(provider: provider, scope, key: app.dataKey, on: db)
        let byPerson = Dictionary(plans.map { ($0.personID, $0) }, uniquingKeysWith: { a, _ in a })
        let people = try await PlansInForce.peopleRegistered(at: provider, scope, on: db).prefix(300)
        let service = try await Scoped.query(ProvidedService.self, scope, on: db).filter(\.$provider.$id == provider)
            .filter(\.$serviceType == .assistantSupport).first()?.id
        let staff = try await Scoped.unscoped(StaffMember.self, on: db, .administration)
            .filter(\.$providerID == provider).all()
            .filter { $0.skillSet.contains(.personalCare) }.map(\.userID)
        guard !people.isEmpty, !staff.isEmpty, let service else {
            throw CommandUsage(message: "seed the demo first (opora seed --demo): no plans or staff at the centre")
        }
        let today = CalendarDay.today(at: app.clock.now())
        let thisMonday = today.adding(days: -CalendarMonth.weekdayIndex(today))
        let run = PlanningRun()
        run.providerID = provider
        run.municipalityCode = DemoProviders.municipality
        run.oblastCode = DemoProviders.oblast
        run.week = thisMonday.iso
        run.state = PlanningRun.State.finished.rawValue
        run.attempts = 1
        run.requestedBy = "bench-hours"
        run.createdAt = app.clock.now()
        run.seconds = 0
        run.problemSealed = try app.dataKey.seal("{}")
        try await run.create(on: db)
        let sql = try db.sql()
        var visits = 0
        for back in 1...weeks {
            let monday = thisMonday.adding(days: -7 * back)
            let version = WeekPlanVersion()
            version.providerID = provider
            version.municipalityCode = DemoProviders.municipality
            version.oblastCode = DemoProviders.oblast
            version.week = monday.iso
            version.number = 1
            version.runID = run.id!
            version.publishedBy = "bench-hours"
            version.publishedAt = SofiaTime.instant(on: monday.adding(days: -3), minute: 12 * 60)
            try await version.create(on: db)
            var rows: [[any SQLExpression]] = []
            var workerDays: [String: (UUID, CalendarDay, Int)] = [:]
            for (index, person) in people.enumerated() {
                let plan = byPerson[person.personID]
                let source =
                    plan?.plan.personalAssistance != nil
                    ? "pa" : (plan?.plan.services.first?.serviceID ?? service).uuidString
                let caseKey = plan?.caseID.uuidString ?? "bench-\(person.personID)"
                let days =
                    (0..<5).map { monday.adding(days: $0) } + [
                        monday.adding(days: (index % 5)), monday.adding(days: 5),
                    ]
                for (ordinal, day) in days.enumerated() {
                    let worker = staff[(index + ordinal * 7 + back) % staff.count]
                    let start = 8 * 60 + ((index * 37 + ordinal * 53) % 7) * 60
                    let end = start + 60
                    let seed = (index * 31 + ordinal * 17 + back * 13) % 100
                    let planned = SofiaTime.instant(on: day, minute: start)
                    var checkIn: Date? = planned
                    var checkOut: Date? = planned.addingTimeInterval(3600)
                    var missed: String?
                    switch seed {
                    case 0..<4: checkIn = planned.addingTimeInterval(25 * 60)
                    case 4..<8: checkOut = planned.addingTimeInterval(30 * 60)
                    case 8..<12:
                        (checkIn, checkOut) = (nil, nil)
                        missed = MissedReason.allCases[seed % 4].rawValue
                    case 12..<14: (checkIn, checkOut) = (nil, nil)
                    default: break
                    }
                    rows.append([
                        SQLBind(UUID()), SQLBind(1), SQLBind(provider), SQLBind(DemoProviders.municipality),
                        SQLBind(DemoProviders.oblast), SQLBind(monday.iso),
                        SQLBind("\(caseKey)/\(day.iso)/\(source)/\(ordinal)"), SQLBind(1),
                        SQLBind(CareVisit.State.planned.rawValue), SQLBind(worker), SQLBind(person.personID),
                        SQLBind(day.iso), SQLBind(start), SQLBind(end), SQLBind(CareSkill.personalCare.rawValue),
                        SQLBind(person.settlementEkatte), SQLBind(checkIn), SQLBind(checkOut), SQLBind(missed),
                        SQLBind(""),
                    ])
                    let key = "\(worker)/\(day.iso)"
                    workerDays[key] = (worker, day, (workerDays[key]?.2 ?? 0) + 1)
                }
            }
            for chunk in stride(from: 0, to: rows.count, by: 400) {
                let insert = sql.insert(into: CareVisit.schema)
                    .columns(
                        "id",
                        "version",
                        "provider_id",
                        "municipality_code",
                        "oblast_code",
                        "week",
                        "visit_key",
                        "plan_number",
                        "state",
                        "worker_id",
                        "person_id",
                        "day",
                        "start_minute",
                        "end_minute",
                        "skill",
                        "settlement",
                        "check_in_at",
                        "check_out_at",
                        "missed_reason",
                        "tasks_done"
                    )
                for row in rows[chunk..<min(chunk + 400, rows.count)] { insert.values(row) }
                try await insert.run()
            }
            let days = Array(workerDays.values)
            for chunk in stride(from: 0, to: days.count, by: 400) {
                let insert = sql.insert(into: PlannedWorkerDay.schema)
                    .columns(
                        "id",
                        "provider_id",
                        "municipality_code",
                        "oblast_code",
                        "week",
                        "plan_number",
                        "worker_id",
                        "day",
                        "leave_minute",
                        "back_minute",
                        "travel_minutes",
                        "waiting_minutes"
                    )
                for (worker, day, count) in days[chunk..<min(chunk + 400, days.count)] {
                    insert.values(
                        [
                            SQLBind(UUID()), SQLBind(provider), SQLBind(DemoProviders.municipality),
                            SQLBind(DemoProviders.oblast), SQLBind(monday.iso), SQLBind(1), SQLBind(worker),
                            SQLBind(day.iso), SQLBind(7 * 60 + 30), SQLBind(16 * 60 + 30), SQLBind(12 * count),
                            SQLBind(5 * count),
                        ] as [any SQLExpression]
                    )
                }
                try await insert.run()
            }
            visits += rows.count
        }
        context.console.print(
            "bench-hours: \(people.count) people (\(plans.count) with a plan in force), \(staff.count) workers, \(weeks) weeks, \(visits) visits"
        )
    }
}
