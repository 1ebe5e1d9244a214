import Fluent
import OporaCore
import SQLKit
import Vapor

/// The case worker's day: their open cases, plan reviews due within 14 days, referrals waiting
/// for an answer, and people whose last assessment is more than a year old.
struct DashboardDTO: Codable, Sendable {
    struct Line: Codable, Sendable {
        var caseId: UUID
        var personId: UUID
        var name: String
        var state: String
        var date: String?
    }

    /// One page of the worker's open cases, newest first, in the stage asked for (any open one
    /// when none); `myCasesTotal` counts all of them exactly.
    var myCases: [Line]
    var myCasesTotal: Int?
    var reviewsDue: [Line]
    var newReferrals: [ReferralDTO]
    var outdatedAssessments: [Line]
}

enum Dashboard {
    static let openStages: [CaseState] = [.request, .assessment, .plan, .active, .review, .suspended]
    static let perPage = 20

    static func build(
        for user: CurrentUser,
        stage: CaseState? = nil,
        page: Int = 1,
        request req: Request
    ) async throws -> DashboardDTO {
        let db = req.db
        let key = req.application.dataKey
        let today = CalendarDay.today(at: req.application.clock.now())
        // Through the scope first: a worker who moved to another provider keeps no view of the
        // cases left behind at the old one.
        func mineQuery(_ stages: [CaseState]) -> QueryBuilder<SupportCase> {
            CaseStore.query(user.scope(for: .viewPeople), on: db)
                .filter(\.$caseWorker.$id == user.id).filter(\.$state ~~ stages)
                .join(Person.self, on: \SupportCase.$person.$id == \Person.$id)
        }
        let shown = stage.map { [$0] } ?? openStages
        let total = try await mineQuery(shown).count()
        // Newest first, every one reachable: the list used to stop at 200 in surname order, so a new case never showed.
        let pageOfMine = try await mineQuery(shown).sort(\.$openedOn, .descending).sort(\.$createdAt, .descending)
            .sort(\.$id).offset((max(page, 1) - 1) * perPage).limit(perPage).all()
        let mine = try await mineQuery([.active, .review]).all()
        func line(_ supportCase: SupportCase, date: String? = nil) throws -> DashboardDTO.Line {
            let person = try supportCase.joined(Person.self)
            return .init(
                caseId: supportCase.id!,
                personId: person.id!,
                name: person.name.full,
                state: supportCase.state.rawValue,
                date: date
            )
        }
        let active = mine.filter { [.active, .review].contains($0.state) }
        let caseIDs = active.compactMap(\.id)
        var reviewsDue: [DashboardDTO.Line] = []
        var outdated: [DashboardDTO.Line] = []
        if !caseIDs.isEmpty {
            let plans = try await SupportPlanVersion.query(on: db).filter(\.$supportCase.$id ~~ caseIDs)
                .filter(\.$reviewDate <= today.adding(days: CaseDeadlines.reviewWindowDays).iso).all()
            let latest = Dictionary(
                plans.map { ($0.$supportCase.id, $0) },
                uniquingKeysWith: { $0.number > $1.number ? $0 : $1 }
            )
            for supportCase in active {
                if let plan = latest[supportCase.id!], plan.number == supportCase.planNumber,
                    let review = CalendarDay(iso: plan.reviewDate),
                    CaseDeadlines.isReviewDue(reviewDate: review, today: today)
                {
                    reviewsDue.append(try line(supportCase, date: review.display))
                }
            }
            let personIDs = active.map { $0.$person.id }
            let recent = try await Assessment.query(on: db).filter(\.$person.$id ~~ personIDs)
                .filter(\.$signedOn > today.adding(days: -365).iso).all()
            let assessed = Set(recent.map { $0.$person.id })
            outdated = try active.filter { !assessed.contains($0.$person.id) }.map { try line($0) }
        }
        // The incoming list's, still waiting: a director's people referred elsewhere are outgoing.
        let referrals = try await ReferralStore.query(user.scope(for: .viewPeople), .incoming, on: db)
            .filter(\.$status == .sent).sort(\.$sentAt, .descending).limit(50).all()
        return DashboardDTO(
            myCases: try pageOfMine.map { try line($0, date: CalendarDay(iso: $0.openedOn)?.display) },
            myCasesTotal: total,
            reviewsDue: reviewsDue,
            newReferrals: try referrals.map { try $0.dto(key: key) },
            outdatedAssessments: outdated
        )
    }
}

extension Dashboard {
    /// The dashboard as the home page shows it.
    /// The stage and page of "my cases" the home page was asked for (`?stage=active&page=2`).
    static func filter(_ req: Request) -> (stage: CaseState?, page: Int) {
        let stage = req.query[String.self, at: "stage"].flatMap(CaseState.init(rawValue:)).flatMap {
            openStages.contains($0) ? $0 : nil
        }
        // A page number from outside is bounded before it multiplies anything.
        let page = req.query[String.self, at: "page"].flatMap { Int($0) }.map { min(max($0, 1), 10_000) } ?? 1
        return (stage, page)
    }

    static func panels(_ dashboard: DashboardDTO, request req: Request) -> HomeContribution {
        func titled(_ key: CatalogueKey, _ count: Int) -> String { "\(req.text(key)) (\(count))" }
        func person(_ line: DashboardDTO.Line, _ detail: String?) -> HomePanel.Line {
            HomePanel.Line(href: "/people/\(line.personId)", text: line.name, detail: detail)
        }
        return HomeContribution(panels: [
            HomePanel(
                id: "reviews-due",
                title: titled(.dashboardReviewsDue, dashboard.reviewsDue.count),
                lines: dashboard.reviewsDue.map { person($0, $0.date) }
            ),
            HomePanel(
                id: "new-referrals",
                title: titled(.dashboardNewReferrals, dashboard.newReferrals.count),
                lines: [],
                link: HomePanel.Link(href: "/referrals?direction=incoming", label: req.text(.referralsIncoming))
            ),
            HomePanel(
                id: "outdated",
                title: titled(.dashboardOutdated, dashboard.outdatedAssessments.count),
                lines: dashboard.outdatedAssessments.map { person($0, nil) }
            ),
            myCasesPanel(dashboard, request: req),
        ])
    }
}

extension Dashboard {
    /// "My cases": the stage filter (stages by their Bulgarian names), one page of cases linking
    /// to each case's page, and the pages before and after.
    static func myCasesPanel(_ dashboard: DashboardDTO, request req: Request) -> HomePanel {
        let (stage, page) = filter(req)
        let total = dashboard.myCasesTotal ?? dashboard.myCases.count
        func href(_ stage: CaseState?, _ page: Int) -> String {
            "/?"
                + [stage.map { "stage=\($0.rawValue)" }, page > 1 ? "page=\(page)" : nil].compactMap { $0 }.joined(
                    separator: "&"
                ) + "#my-cases"
        }
        var pager: [HomePanel.Link] = []
        if page > 1 { pager.append(.init(href: href(stage, page - 1), label: req.text(.previousPage))) }
        if page * perPage < total { pager.append(.init(href: href(stage, page + 1), label: req.text(.nextPage))) }
        return HomePanel(
            id: "my-cases",
            title: "\(req.text(.dashboardMyCases)) (\(total))",
            lines: dashboard.myCases.map { line in
                let state = CaseState(rawValue: line.state)?.label(in: req.language) ?? line.state
                return HomePanel.Line(
                    href: "/cases/\(line.caseId)",
                    text: line.name,
                    detail: [state, line.date].compactMap { $0 }.joined(separator: " · ")
                )
            },
            filters: [
                HomePanel.Filter(href: href(nil, 1), label: req.text(.dashboardAllStages), current: stage == nil)
            ]
                + openStages.map {
                    HomePanel.Filter(href: href($0, 1), label: $0.label(in: req.language), current: $0 == stage)
                },
            pager: pager
        )
    }
}
