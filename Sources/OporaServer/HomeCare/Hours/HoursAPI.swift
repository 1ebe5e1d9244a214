import Fluent
import Foundation
import OporaCore
import Vapor

/// `/api/v1/home-care/hours/{month}`: the month's hours per person, service and worker, the
/// personal-assistance grants and the timesheets, in minutes, with the pages' scope and checks.
struct HoursAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(APIGuard()).grouped("home-care", "hours")
        api.get(":month", use: month)
        api.get(":month", "timesheets", use: timesheets)
    }

    struct TallyDTO: Content {
        var plannedVisits: Int
        var plannedMinutes: Int
        var deliveredMinutes: Int
        var delivered: Int
        var cutShort: Int
        var missed: Int
        var open: Int
        var notRecorded: Int
        var upcoming: Int
        var asPlanned: Int
        var missedByReason: [String: Int]

        init(_ tally: HoursTally) {
            plannedVisits = tally.plannedVisits
            plannedMinutes = tally.plannedMinutes
            deliveredMinutes = tally.deliveredMinutes
            delivered = tally.delivered
            cutShort = tally.cutShort
            missed = tally.missed
            open = tally.open
            notRecorded = tally.notRecorded
            upcoming = tally.upcoming
            asPlanned = tally.asPlanned
            missedByReason = Dictionary(uniqueKeysWithValues: tally.missedByReason.map { ($0.key.rawValue, $0.value) })
        }
    }

    struct LineDTO: Content {
        var id: String
        var name: String
        var hours: TallyDTO
    }

    struct EntitlementDTO: Content {
        var personId: UUID
        var name: String
        var entitledMinutes: Int
        var plannedMinutes: Int
        var deliveredMinutes: Int
        var flag: String
    }

    struct MonthDTO: Content {
        var month: String
        var providerId: UUID
        var planPublished: Bool
        var weeksWithoutPlan: [String]
        var total: TallyDTO
        var people: [LineDTO]
        var services: [LineDTO]
        var workers: [LineDTO]
        var entitlements: [EntitlementDTO]
    }

    func month(req: Request) async throws -> Response {
        let context = try await HoursContext.resolve(req, month: req.parameters.get("month") ?? "")
        let reading = try await MonthReading.read(context, request: req)
        let (hours, uses, people) = (reading.hours, reading.uses, reading.people)
        let (workers, services) = (reading.workers, reading.services)
        func lines(_ items: [(String, String, HoursTally)]) -> [LineDTO] {
            items.map { LineDTO(id: $0.0, name: $0.1, hours: TallyDTO($0.2)) }
                .sortedBulgarian(by: \.name)
        }
        return try req.json(
            MonthDTO(
                month: context.month.iso,
                providerId: context.centre,
                planPublished: hours.hasPublishedPlan,
                weeksWithoutPlan: hours.weeksWithoutPlan.map(\.iso),
                total: TallyDTO(hours.total),
                people: lines(hours.byPerson.compactMap { id, t in people[id].map { (id.uuidString, $0, t) } }),
                services: lines(hours.bySource.map { ($0.code, context.serviceLabel($0, names: services, req), $1) }),
                workers: lines(hours.byWorker.map { ($0.uuidString, workers[$0] ?? "", $1) }),
                entitlements: uses.compactMap { id, use in
                    people[id].map {
                        EntitlementDTO(
                            personId: id,
                            name: $0,
                            entitledMinutes: use.entitledMinutes,
                            plannedMinutes: use.plannedMinutes,
                            deliveredMinutes: use.deliveredMinutes,
                            flag: use.flag.rawValue
                        )
                    }
                }.sortedBulgarian(by: \.name)
            )
        )
    }

    struct TimesheetDTO: Content {
        var workerId: UUID
        var name: String
        var daysWorked: Int
        var workedMinutes: Int
        var travelMinutes: Int
        var waitingMinutes: Int
        var paidMinutes: Int
        var overtimeMinutes: Int
        var unrecordedVisits: Int
        var absenceDays: [String: Int]
    }

    struct TimesheetsDTO: Content {
        var month: String
        var providerId: UUID
        var weeksWithoutPlan: [String]
        var timesheets: [TimesheetDTO]
    }

    /// A month without any published plan has no timesheet: 422 with the reason, not an empty list.
    func timesheets(req: Request) async throws -> Response {
        let context = try await HoursContext.resolve(req, month: req.parameters.get("month") ?? "")
        let month = try await MonthTimesheets.load(
            provider: context.centre,
            month: context.month,
            now: context.now,
            context.scope,
            on: req.db
        )
        guard month.hasPublishedPlan else {
            throw Abort(.unprocessableEntity, reason: req.text(.hoursNoPlanTimesheet))
        }
        let names = try await context.workerNames(Set(month.sheets.keys), on: req.db)
        let sheets = month.sheets.map { worker, sheet in
            TimesheetDTO(
                workerId: worker,
                name: names[worker] ?? "",
                daysWorked: sheet.daysWorked,
                workedMinutes: sheet.workedMinutes,
                travelMinutes: sheet.travelMinutes,
                waitingMinutes: sheet.waitingMinutes,
                paidMinutes: sheet.paidMinutes,
                overtimeMinutes: sheet.overtimeMinutes,
                unrecordedVisits: sheet.unrecordedVisits,
                absenceDays: Dictionary(uniqueKeysWithValues: sheet.absenceDays.map { ($0.key.rawValue, $0.value) })
            )
        }.sortedBulgarian(by: \.name)
        return try req.json(
            TimesheetsDTO(
                month: context.month.iso,
                providerId: context.centre,
                weeksWithoutPlan: month.weeksWithoutPlan.map(\.iso),
                timesheets: sheets
            )
        )
    }
}
