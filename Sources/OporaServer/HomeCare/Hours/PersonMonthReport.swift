import Fluent
import Foundation
import OporaCore
import Vapor

/// The monthly report a person or their representative is given: what was planned, what was
/// delivered, which visits were missed and why. Opening it opens the person's file, so it is
/// audited like any other opening.
enum PersonMonthReport {
    struct VisitLine: Encodable, Sendable {
        var day: String
        var time: String
        var service: String
        var worker: String
        var outcome: String
        var delivered: String
        var reason: String
    }

    struct Report: Encodable, Sendable {
        var personName: String
        var centreName: String
        var monthLabel: String
        var planned: String
        var delivered: String
        var missed: Int
        var assistance: String?
        var visits: [VisitLine]
        var missedVisits: [VisitLine]
        var printedOn: String
        var backHref: String
    }

    static func show(req: Request) async throws -> View {
        let context = try await HoursContext.resolve(req)
        let person = try req.uuidParameter("personID")
        let db = req.db
        guard let name = try await context.personNames([person], on: db)[person] else { throw Abort(.notFound) }
        let hours = try await MonthHours.load(
            provider: context.centre,
            month: context.month,
            now: context.now,
            context.scope,
            on: db
        )
        let visits = hours.visits.filter { $0.personID == person }
            .sorted { ($0.day, $0.startMinute) < ($1.day, $1.startMinute) }
        let grants = try await PlansInForce.assistanceGrants(
            provider: context.centre,
            since: context.month.firstDay,
            context.user.scope(for: .viewPeople),
            key: req.application.dataKey,
            on: db
        )
        // A person with neither visits nor a grant at this centre is not on its books.
        guard !visits.isEmpty || grants[person] != nil else { throw Abort(.notFound) }
        try await VisitStore.audit(openingOf: [person], through: "hours-report", request: req)
        let workers = try await context.workerNames(Set(visits.map(\.workerID)), on: db)
        let serviceIDs = Set(visits.compactMap(\.source.serviceID))
        let services = try await HoursStore.serviceNames(serviceIDs, context.scope, on: db)
        let language = req.language
        let lines = visits.map { visit in
            let reckoning = visit.reckoning
            let outcome: CatalogueKey
            if !visit.inForce && reckoning.outcome == .notRecorded {
                outcome = .hoursOutcomeWithdrawn
            } else {
                switch reckoning.outcome {
                case .delivered: outcome = .hoursOutcomeDelivered
                case .cutShort: outcome = .hoursOutcomeCutShort
                case .missed: outcome = .hoursOutcomeMissed
                case .open: outcome = .hoursOutcomeOpen
                case .notRecorded: outcome = .hoursOutcomeNotRecorded
                }
            }
            return VisitLine(
                day: visit.day.display,
                time: "\(TimeWindow.clock(visit.startMinute))–\(TimeWindow.clock(visit.endMinute))",
                service: context.serviceLabel(visit.source, names: services, req),
                worker: workers[visit.workerID] ?? "—",
                outcome: req.text(outcome),
                delivered: hoursAndMinutes(reckoning.deliveredMinutes, in: language),
                reason: visit.record.missed?.label(in: language) ?? ""
            )
        }
        let tally = hours.byPerson[person] ?? HoursTally()
        let use = hours.entitlements(grants: grants.filter { $0.key == person }, today: context.today)[person]
        let assistance = use.map { use in
            let flag = HoursTables(language: language, text: req.text).flagLabel(use.flag)
            return
                "\(hoursAndMinutes(use.deliveredMinutes, in: language)) / \(hoursAndMinutes(use.entitledMinutes, in: language)) (\(flag))"
        }
        return try await req.view.render(
            "homecare/hours-print",
            req.page(
                title: "\(req.text(.hoursPrintTitle)) · \(name)",
                Report(
                    personName: name,
                    centreName: context.centreName,
                    monthLabel: context.month.label(in: language),
                    planned: "\(tally.plannedVisits) · \(hoursAndMinutes(tally.plannedMinutes, in: language))",
                    delivered:
                        "\(tally.delivered + tally.cutShort) · \(hoursAndMinutes(tally.deliveredMinutes, in: language))",
                    missed: tally.missed,
                    assistance: assistance,
                    visits: lines,
                    missedVisits: lines.filter { !$0.reason.isEmpty },
                    printedOn: context.today.display,
                    backHref: "/home-care/hours?\(context.query)"
                )
            )
        )
    }
}
