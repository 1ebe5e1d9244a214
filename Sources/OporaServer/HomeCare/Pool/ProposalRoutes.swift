import Fluent
import OporaCore
import Vapor

/// Assistants proposed for people whose plan names none: the list of such people, and for one
/// of them the available candidates ordered by fit with the reasons.
struct ProposalRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("home-care", "proposals", use: list)
        routes.get("home-care", "proposals", ":caseID", use: show)
    }

    struct NeedRow: Encodable, Sendable {
        var href: String
        var person: String
        var caseNumber: String
        var settlement: String
        var times: String
    }

    struct ListContext: Encodable, Sendable {
        var centres: [Choice]
        var rows: [NeedRow]
    }

    /// The scope a proposal reads people in: both permissions must be held, since it shows names
    /// of people served and candidates.
    static func scopes(_ req: Request) throws -> (people: AccessScope, pool: AccessScope) {
        let user = try req.require(.viewAssistantPool)
        guard user.can(.viewPeople) else { throw Abort(.forbidden) }
        return (user.scope(for: .viewPeople), user.scope(for: .viewAssistantPool))
    }

    /// "пн–пт 09:00–12:00; сб 09:00–12:00 · 18 ч седмично".
    static func summary(_ times: WeeklyTimes, _ language: Language) -> String {
        let days = times.days.map { day in
            day.short(in: language) + " " + (times.intervals[day] ?? []).map(\.display).joined(separator: ", ")
        }
        return days.joined(separator: "; ") + " · " + decimalHours(times.minutes, in: language)
            + (language == .bg ? " ч седмично" : " h a week")
    }

    func list(req: Request) async throws -> View {
        let (people, pool) = try Self.scopes(req)
        let (centre, centres) = try await HomeCareCentre.chosen(req, pool)
        let language = req.language
        let open =
            try await centre.asyncFlatMap {
                try await Proposals.open(provider: $0, people, key: req.application.dataKey, on: req.db)
            } ?? []
        let names = try await TerritoryNames.shared.settlementNames(open.map(\.plan.settlementEkatte), on: req.db)
        let rows = open.map { entry in
            NeedRow(
                href: "/home-care/proposals/\(entry.plan.caseID)",
                person: entry.plan.personName,
                caseNumber: entry.plan.caseNumber ?? "",
                settlement: names[entry.plan.settlementEkatte] ?? entry.plan.settlementEkatte,
                times: Self.summary(entry.need.times, language)
            )
        }
        return try await req.view.render(
            "homecare/proposals",
            req.page(title: req.text(.proposalsTitle), ListContext(centres: centres, rows: rows))
        )
    }

    struct CandidateRow: Encodable, Sendable {
        var rank: Int
        var href: String
        var name: String
        var settlement: String
        var km: String
        var overlap: String
        var uncovered: String
        var skills: String
        var missing: String
        var unemployed: Bool
    }

    struct ShowContext: Encodable, Sendable {
        var person: String
        var caseHref: String
        var settlement: String
        var times: String
        var hasNeed: Bool
        var rows: [CandidateRow]
    }

    func show(req: Request) async throws -> View {
        let (people, pool) = try Self.scopes(req)
        let key = req.application.dataKey
        let plan = try await PlansInForce.of(case: try req.uuidParameter("caseID"), people, key: key, on: req.db)
        let language = req.language
        let need = AssistantNeed.of(plan.plan)
        let proposals =
            try await need.asyncFlatMap {
                try await Proposals.rank($0, for: plan, pool, key: key, on: req.db)
            } ?? []
        let names = try await TerritoryNames.shared.settlementNames(
            proposals.map(\.candidate.record.settlementEkatte) + [plan.settlementEkatte],
            on: req.db
        )
        let rows = proposals.enumerated().map { index, proposal in
            CandidateRow(
                rank: index + 1,
                href: "/home-care/pool/\(proposal.candidate.record.id!)",
                name: proposal.candidate.name,
                settlement: names[proposal.candidate.record.settlementEkatte] ?? "",
                km: proposal.fit.distanceKm.map {
                    decimal($0, places: 1, in: language) + (language == .bg ? " км" : " km")
                } ?? "—",
                overlap: decimalHours(proposal.fit.overlapMinutes, in: language),
                uncovered: decimalHours(proposal.fit.uncoveredMinutes, in: language),
                skills: proposal.fit.matchedSkills.map { $0.label(in: language) }.sorted().joined(separator: ", "),
                missing: proposal.fit.missingSkills.map { $0.label(in: language) }.sorted().joined(separator: ", "),
                unemployed: proposal.candidate.registration.registeredUnemployed
            )
        }
        let context = ShowContext(
            person: plan.personName,
            caseHref: "/cases/\(plan.caseID)",
            settlement: names[plan.settlementEkatte] ?? plan.settlementEkatte,
            times: need.map { Self.summary($0.times, language) } ?? "",
            hasNeed: need != nil,
            rows: rows
        )
        return try await req.view.render("homecare/proposal", req.page(title: req.text(.proposalTitle), context))
    }
}
