import Fluent
import Foundation
import OporaCore
import Vapor

/// The centre's monthly indicators: a chart and a table for each, and all of them as one CSV.
struct IndicatorsRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("home-care", "indicators", use: page)
        routes.get("home-care", "indicators.csv", use: csv)
    }

    /// Counts the month's indicators for the context's centre.
    static func indicators(_ req: Request, _ context: HoursContext) async throws -> MonthIndicators {
        let db = req.db
        let language = req.language
        let hours = try await MonthHours.load(
            provider: context.centre,
            month: context.month,
            now: context.now,
            context.scope,
            on: db
        )
        let continuity = MonthIndicators.continuity(hours.visits)
        let served = try await PlansInForce.peopleServed(
            Set(continuity.keys),
            on: min(context.month.lastDay, context.today),
            context.user.scope(for: .viewPeople),
            key: req.application.dataKey,
            on: db
        )
        func counted(_ counts: [String: Int]) -> [MonthIndicators.Item] {
            counts.map { MonthIndicators.Item(label: $0.key, value: Double($0.value), text: String($0.value)) }
                .sorted {
                    ($1.value, BulgarianCollation.sortKey($0.label)) < ($0.value, BulgarianCollation.sortKey($1.label))
                }
        }
        var groups: [String: Int] = [:]
        var settlements: [String: Int] = [:]
        let names = try await TerritoryNames.shared.settlementNames(served.values.map(\.settlementEkatte), on: db)
        for person in served.values {
            let labels =
                person.targetGroups.isEmpty
                ? [req.text(.indicatorsNoGroup)] : person.targetGroups.map { $0.label(in: language) }
            for label in labels { groups[label, default: 0] += 1 }
            settlements[names[person.settlementEkatte] ?? person.settlementEkatte, default: 0] += 1
        }
        let serviceIDs = Set(hours.bySource.keys.compactMap(\.serviceID))
        let services = try await HoursStore.serviceNames(serviceIDs, context.scope, on: db)
        let byService = hours.bySource.map { source, tally in
            MonthIndicators.Item(
                label: context.serviceLabel(source, names: services, req),
                value: Double(tally.deliveredMinutes) / 60,
                text: decimalHours(tally.deliveredMinutes, in: language)
            )
        }.sorted { $0.value > $1.value }
        let total = hours.total
        let asPlanned = [
            MonthIndicators.Item(
                label: req.text(.indicatorsAsPlannedShare),
                value: (total.asPlannedShare ?? 0) * 100,
                text: total.asPlannedShare.map { percent($0, in: language) } ?? "—"
            ),
            MonthIndicators.Item(
                label: req.text(.hoursColPlannedVisits),
                value: Double(total.plannedVisits),
                text: String(total.plannedVisits)
            ),
            MonthIndicators.Item(
                label: req.text(.hoursColAsPlanned),
                value: Double(total.asPlanned),
                text: String(total.asPlanned)
            ),
        ]
        let missed = MissedReason.allCases.map { reason in
            let n = total.missedByReason[reason] ?? 0
            return MonthIndicators.Item(label: reason.label(in: language), value: Double(n), text: String(n))
        }
        var spread: [Int: Int] = [:]
        for workers in continuity.values { spread[min(workers, 4), default: 0] += 1 }
        var continuityItems = (1...4).map { workers in
            MonthIndicators.Item(
                label: workers == 4 ? "4+" : String(workers),
                value: Double(spread[workers] ?? 0),
                text: String(spread[workers] ?? 0)
            )
        }
        if !continuity.isEmpty {
            let mean = Double(continuity.values.reduce(0, +)) / Double(continuity.count)
            continuityItems.append(
                MonthIndicators.Item(
                    label: req.text(.indicatorsContinuityMean),
                    value: mean,
                    text: decimal(mean, places: 2, in: language)
                )
            )
        }
        // Hires from the assistant pool keep whether the hire was registered unemployed; the jobs
        // they hold at the month's end are counted.
        let jobs = try await AssistantPool.formerlyUnemployedJobs(
            provider: context.centre,
            on: context.month.lastDay,
            context.scope,
            on: db
        )
        let ratings = try await VisitRatings.summary(
            provider: context.centre,
            month: context.month,
            context.scope,
            on: db
        )
        let indicators = [
            MonthIndicators.Indicator(
                id: "target-groups",
                title: req.text(.indicatorsPeopleByGroup),
                items: counted(groups)
            ),
            MonthIndicators.Indicator(
                id: "settlements",
                title: req.text(.indicatorsPeopleBySettlement),
                items: counted(settlements)
            ),
            MonthIndicators.Indicator(id: "services", title: req.text(.indicatorsHoursByService), items: byService),
            MonthIndicators.Indicator(id: "as-planned", title: req.text(.indicatorsAsPlanned), items: asPlanned),
            MonthIndicators.Indicator(id: "missed", title: req.text(.indicatorsMissedByReason), items: missed),
            MonthIndicators.Indicator(id: "continuity", title: req.text(.indicatorsContinuity), items: continuityItems),
            MonthIndicators.Indicator(
                id: "jobs",
                title: req.text(.indicatorsJobs),
                items: [MonthIndicators.Item(label: req.text(.indicatorsJobs), value: Double(jobs), text: String(jobs))]
            ),
            MonthIndicators.Indicator(
                id: "ratings",
                title: req.text(.indicatorsRatings),
                items: Self.items(ratings, req)
            ),
        ]
        return MonthIndicators(
            month: context.month,
            hasPublishedPlan: hours.hasPublishedPlan,
            peopleServed: served.count,
            indicators: indicators
        )
    }

    /// The faces and the share of good ones; a handful of ratings is told only as a count, since
    /// the faces would point to the people who gave them.
    static func items(_ ratings: RatingSummary, _ req: Request) -> [MonthIndicators.Item] {
        let language = req.language
        guard let good = ratings.goodPercent else {
            return [
                MonthIndicators.Item(
                    label: req.text(.indicatorsRatingsFew),
                    value: Double(ratings.total),
                    text: String(ratings.total)
                )
            ]
        }
        return [(VisitFace.good, ratings.good), (.neutral, ratings.neutral), (.poor, ratings.poor)].map { face, n in
            MonthIndicators.Item(label: face.symbol + " " + face.label(in: language), value: Double(n), text: String(n))
        } + [
            MonthIndicators.Item(label: req.text(.indicatorsRatingsGoodShare), value: Double(good), text: "\(good) %")
        ]
    }

    struct IndicatorView: Encodable, Sendable {
        var id: String
        var title: String
        var chart: String
        var rows: [[String]]
    }

    struct IndicatorsPage: Encodable, Sendable {
        var months: [Choice]
        var centres: [Choice]
        var monthLabel: String
        var query: String
        var notice: String?
        var peopleServed: Int
        var indicators: [IndicatorView]
    }

    func page(req: Request) async throws -> View {
        let context = try await HoursContext.resolve(req)
        let month = try await Self.indicators(req, context)
        let views = month.indicators.map { indicator in
            IndicatorView(
                id: indicator.id,
                title: indicator.title,
                chart: indicator.items.isEmpty ? "" : IndicatorChart.bars(indicator.items, title: indicator.title),
                rows: indicator.items.map { [$0.label, $0.text] }
            )
        }
        return try await req.view.render(
            "homecare/indicators",
            req.page(
                title: "\(req.text(.indicatorsTitle)) · \(context.month.label(in: req.language))",
                IndicatorsPage(
                    months: context.monthChoices(req.language),
                    centres: context.centres,
                    monthLabel: context.month.label(in: req.language),
                    query: context.query,
                    notice: month.hasPublishedPlan ? nil : req.text(.hoursNoPlan),
                    peopleServed: month.peopleServed,
                    indicators: views
                )
            )
        )
    }

    /// Every indicator in one sheet: indicator, item, value.
    func csv(req: Request) async throws -> Response {
        let context = try await HoursContext.resolve(req)
        let month = try await Self.indicators(req, context)
        var table = [[req.text(.indicatorsColIndicator), req.text(.indicatorsColItem), req.text(.indicatorsColValue)]]
        table.append([req.text(.indicatorsPeopleServed), "", String(month.peopleServed)])
        for indicator in month.indicators {
            for item in indicator.items { table.append([indicator.title, item.label, item.text]) }
        }
        return SpreadsheetExport.download(
            Data(SpreadsheetExport.csv(table).utf8),
            type: SpreadsheetExport.csvType,
            name: "indicators-\(context.month.iso).csv"
        )
    }
}
