import Fluent
import OporaCore
import Vapor

/// A visit as its page, its printable report and the API show it.
struct VisitSummary: Content, Sendable {
    struct Member: Content, Sendable {
        var name: String
        var sector: String
        var sectorLabel: String
    }

    struct Score: Content, Sendable {
        var criterionId: String
        var heading: String
        var text: String
        var score: Int?
        var scoreLabel: String
    }

    struct Heading: Content, Sendable {
        var heading: String
        var label: String
        var percent: String
        var scores: [Score]
        /// The provider's own figures under the heading (`QualityEvidence`); given for one visit,
        /// empty in the list.
        var evidence: [String]
    }

    struct Item: Content, Sendable {
        var id: UUID
        var text: String
        var owner: String
        var deadline: String
        var status: String
        var statusLabel: String
        var overdue: Bool
        var closedOn: String?
        var closingNote: String?
        var version: Int
    }

    var id: UUID
    var serviceId: UUID
    var serviceName: String
    var providerName: String
    var municipalityCode: String
    var visitedOn: String
    var inspectorName: String
    var team: [Member]
    var headings: [Heading]
    var findings: String
    var status: String
    var statusLabel: String
    var closedOn: String?
    var recommendations: [Item]
    var openRecommendations: Int
    var overdueRecommendations: Int
    var version: Int

    init(
        _ visit: MonitoringVisit,
        service: ProvidedService?,
        recommendations: [Recommendation],
        today: CalendarDay,
        evidence: QualityEvidence?,
        language: Language
    ) {
        let scores = MonitoringStore.scores(of: visit)
        let shares = ChecklistScoring.shares(scores)
        id = visit.id!
        serviceId = visit.serviceID
        serviceName = service?.name ?? ""
        providerName = service?.$provider.value?.name ?? ""
        municipalityCode = visit.municipalityCode
        visitedOn = visit.visitedOn
        inspectorName = visit.inspectorName
        team = MonitoringStore.team(of: visit).map {
            Member(name: $0.name, sector: $0.sector.rawValue, sectorLabel: $0.sector.label(in: language))
        }
        headings = QualityHeading.allCases.map { heading in
            Heading(
                heading: heading.rawValue,
                label: heading.label(in: language),
                percent: shares[heading].map { percent($0, in: language) } ?? "—",
                scores: QualityCriterion.checklist.filter { $0.heading == heading }.map { criterion in
                    Score(
                        criterionId: criterion.id,
                        heading: heading.rawValue,
                        text: criterion.text(in: language),
                        score: scores[criterion.id]?.rawValue,
                        scoreLabel: scores[criterion.id]?.label(in: language) ?? "—"
                    )
                },
                evidence: evidence?.lines(under: heading, in: language) ?? []
            )
        }
        findings = visit.findings
        status = visit.status.rawValue
        statusLabel = visit.status.label(in: language)
        closedOn = visit.closedOn
        self.recommendations = recommendations.map { item in
            let deadline = CalendarDay(iso: item.deadline)
            return Item(
                id: item.id!,
                text: item.text,
                owner: item.owner,
                deadline: item.deadline,
                status: item.status.rawValue,
                statusLabel: item.status.label(in: language),
                overdue: deadline.map { RecommendationStatus.isOverdue(item.status, deadline: $0, on: today) } ?? false,
                closedOn: item.closedOn,
                closingNote: item.closingNote,
                version: item.version
            )
        }
        openRecommendations = recommendations.filter { $0.status == .open }.count
        overdueRecommendations = self.recommendations.filter(\.overdue).count
        version = visit.version
    }
}

extension VisitSummary {
    /// The visits of the scope, newest first, with their services and recommendations.
    static func list(_ scope: AccessScope, request req: Request) async throws -> [VisitSummary] {
        let visits = try await MonitoringStore.query(scope, on: req.db).sort(\.$visitedOn, .descending).all()
        return try await summaries(visits, scope, evidence: [:], request: req)
    }

    static func one(_ id: UUID, _ scope: AccessScope, request req: Request) async throws -> VisitSummary {
        let visit = try await MonitoringStore.find(id, scope, on: req.db)
        var evidence: QualityEvidence?
        if let day = CalendarDay(iso: visit.visitedOn) {
            evidence = try await MonitoringEvidence.gather(
                provider: visit.providerID,
                visitedOn: day,
                scope,
                on: req.db
            )
        }
        return try await summaries([visit], scope, evidence: [id: evidence], request: req)[0]
    }

    private static func summaries(
        _ visits: [MonitoringVisit],
        _ scope: AccessScope,
        evidence: [UUID: QualityEvidence?],
        request req: Request
    )
        async throws -> [VisitSummary]
    {
        guard !visits.isEmpty else { return [] }
        let today = CalendarDay.today(at: req.application.clock.now())
        let services = try await ServiceStore.query(scope, on: req.db).filter(\.$id ~~ visits.map(\.serviceID))
            .with(\.$provider).all()
        let serviceBy = Dictionary(services.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let items = try await MonitoringStore.recommendations(of: visits.map { $0.id! }, scope, on: req.db)
        let itemsBy = Dictionary(grouping: items, by: { $0.$visit.id })
        return visits.map {
            VisitSummary(
                $0,
                service: serviceBy[$0.serviceID],
                recommendations: itemsBy[$0.id!] ?? [],
                today: today,
                evidence: evidence[$0.id!] ?? nil,
                language: req.language
            )
        }
    }
}
