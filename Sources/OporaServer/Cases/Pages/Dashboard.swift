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

    var myCases: [Line]
    var reviewsDue: [Line]
    var newReferrals: [ReferralDTO]
    var outdatedAssessments: [Line]
}

enum Dashboard {
    static func build(for user: CurrentUser, request req: Request) async throws -> DashboardDTO {
        let db = req.db
        let key = req.application.dataKey
        let today = CalendarDay.today(at: req.application.clock.now())
        let open: [CaseState] = [.request, .assessment, .plan, .active, .review, .suspended]
        // Through the scope first: a worker who moved to another provider keeps no view of the
        // cases left behind at the old one.
        let mine = try await CaseStore.query(user.scope(for: .viewPeople), on: db)
            .filter(\.$caseWorker.$id == user.id).filter(\.$state ~~ open)
            .join(Person.self, on: \SupportCase.$person.$id == \Person.$id)
            .sort(Person.self, \.$sortKey).limit(200).all()
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
        let referrals = try await ReferralStore.query(user.scope(for: .viewPeople), on: db)
            .filter(\.$status == .sent).filter(\.$toProvider.$id != nil).sort(\.$sentAt, .descending).limit(50).all()
            .filter { referral in
                referral.$toProvider.id.map { user.providerID == $0 } ?? false || user.providerID == nil
            }
        return DashboardDTO(
            myCases: try mine.map { try line($0, date: CalendarDay(iso: $0.openedOn)?.display) },
            reviewsDue: reviewsDue,
            newReferrals: try referrals.map { try $0.dto(key: key) },
            outdatedAssessments: outdated
        )
    }
}

extension Dashboard {
    /// The dashboard as the home page shows it.
    static func panels(_ dashboard: DashboardDTO, request req: Request) -> HomeContribution {
        func titled(_ key: String, _ count: Int) -> String { "\(req.text(key)) (\(count))" }
        func person(_ line: DashboardDTO.Line, _ detail: String?) -> HomePanel.Line {
            HomePanel.Line(href: "/people/\(line.personId)", text: line.name, detail: detail)
        }
        return HomeContribution(panels: [
            HomePanel(
                id: "reviews-due",
                title: titled("dashboard_reviews_due", dashboard.reviewsDue.count),
                lines: dashboard.reviewsDue.map { person($0, $0.date) }
            ),
            HomePanel(
                id: "new-referrals",
                title: titled("dashboard_new_referrals", dashboard.newReferrals.count),
                lines: [],
                link: HomePanel.Link(href: "/referrals", label: req.text("referrals_title"))
            ),
            HomePanel(
                id: "outdated",
                title: titled("dashboard_outdated", dashboard.outdatedAssessments.count),
                lines: dashboard.outdatedAssessments.map { person($0, nil) }
            ),
            HomePanel(
                id: "my-cases",
                title: titled("dashboard_my_cases", dashboard.myCases.count),
                lines: dashboard.myCases.map { line in
                    let state = CaseState(rawValue: line.state)?.label(in: req.language) ?? line.state
                    return person(line, [state, line.date].compactMap { $0 }.joined(separator: " · "))
                }
            ),
        ])
    }
}
