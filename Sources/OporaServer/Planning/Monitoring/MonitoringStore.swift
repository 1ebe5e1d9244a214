import Fluent
import OporaCore
import Vapor

/// Quality monitoring visits and their recommendations, always within the caller's scope; every
/// change is audited, and each change is one transaction.
enum MonitoringStore {
    static func query(_ scope: AccessScope, on db: any Database) -> QueryBuilder<MonitoringVisit> {
        Scoped.query(MonitoringVisit.self, scope, on: db)
    }

    static func find(_ id: UUID, _ scope: AccessScope, on db: any Database) async throws -> MonitoringVisit {
        try await Scoped.find(MonitoringVisit.self, id, scope, on: db)
    }

    static func recommendations(
        of visitIDs: [UUID],
        _ scope: AccessScope,
        on db: any Database
    ) async throws
        -> [Recommendation]
    {
        guard !visitIDs.isEmpty else { return [] }
        return try await Scoped.query(Recommendation.self, scope, on: db).filter(\.$visit.$id ~~ visitIDs)
            .sort(\.$deadline).all()
    }

    struct NewVisit: Sendable {
        var serviceID: UUID
        var visitedOn: CalendarDay
        var team: [TeamMember]
    }

    static func validateNew(
        serviceID: String?,
        visitedOn: String?,
        team: [TeamSector: String],
        request req: Request
    )
        throws -> NewVisit
    {
        var checks = req.fieldChecks()
        let id = UUID(uuidString: serviceID ?? "")
        if id == nil { checks.add("serviceId", key: .errorChooseFromList) }
        let day = CalendarDay(iso: (visitedOn ?? "").trimmingCharacters(in: .whitespaces))
        if day == nil { checks.add("visitedOn", key: .dateInvalid) }
        var members: [TeamMember] = []
        for sector in TeamSector.allCases {
            let name = checks.text("team" + sector.fieldSuffix, team[sector], maximum: 120, required: false)
            if !name.isEmpty { members.append(TeamMember(name: name, sector: sector)) }
        }
        try checks.finish()
        return NewVisit(serviceID: id!, visitedOn: day!, team: members)
    }

    static func create(
        _ draft: NewVisit,
        service: ProvidedService,
        user: CurrentUser,
        request req: Request
    )
        async throws -> MonitoringVisit
    {
        let actor = req.auditActor
        let now = req.application.clock.now()
        let team = String(decoding: try JSONEncoder().encode(draft.team), as: UTF8.self)
        let visit = MonitoringVisit()
        visit.version = 1
        visit.serviceID = try service.requireID()
        visit.providerID = service.$provider.id
        visit.municipalityCode = service.municipalityCode
        visit.oblastCode = service.oblastCode
        visit.visitedOn = draft.visitedOn.iso
        visit.inspectorName = user.displayName
        visit.team = team
        visit.scores = "{}"
        visit.findings = ""
        visit.status = .open
        return try await req.write { db in
            try await visit.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "visit.created",
                recordType: "visit",
                recordID: visit.id!.uuidString,
                changes: [
                    FieldChange(field: "serviceId", old: nil, new: visit.serviceID.uuidString),
                    FieldChange(field: "visitedOn", old: nil, new: visit.visitedOn),
                    FieldChange(field: "team", old: nil, new: draft.team.map(\.name).joined(separator: ", ")),
                ],
                at: now
            )
            return visit
        }
    }

    /// The checklist as typed: a score per criterion (empty for not scored) and the findings.
    static func validateChecklist(
        scores raw: [String: String],
        findings: String?,
        request req: Request
    ) throws
        -> (scores: [String: CriterionScore], findings: String)
    {
        var checks = req.fieldChecks()
        var scores: [String: CriterionScore] = [:]
        for criterion in QualityCriterion.checklist {
            let value = (raw[criterion.id] ?? "").trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else { continue }
            if let number = Int(value), let score = CriterionScore(rawValue: number) {
                scores[criterion.id] = score
            } else {
                checks.add("score-" + criterion.id, key: .errorChooseFromList)
            }
        }
        let text = checks.text("findings", findings, maximum: 8000, required: false)
        try checks.finish()
        return (scores, text)
    }

    static func recordChecklist(
        _ visit: MonitoringVisit,
        scores: [String: CriterionScore],
        findings: String,
        version: Int?,
        request req: Request
    ) async throws {
        guard visit.status == .open else { throw ValidationFailure.planning("findings", .alreadyClosed, req) }
        let encoded = String(
            decoding: try JSONEncoder.sorted.encode(scores.mapValues(\.rawValue)),
            as: UTF8.self
        )
        _ = try await req.updateVersioned(MonitoringVisit.self, id: visit.id!, expected: version, recordType: "visit") {
            record,
            _ in
            guard record.status == .open else { throw ValidationFailure.planning("findings", .alreadyClosed, req) }
            var changes: [FieldChange] = []
            if record.scores != encoded {
                changes.append(FieldChange(field: "scores", old: record.scores, new: encoded))
            }
            if record.findings != findings {
                changes.append(FieldChange(field: "findings", old: record.findings, new: findings))
            }
            guard !changes.isEmpty else { return nil }
            record.scores = encoded
            record.findings = findings
            return AuditedChange(action: "visit.checklist", changes: changes)
        }
    }

    static func scores(of visit: MonitoringVisit) -> [String: CriterionScore] {
        let raw = (try? JSONDecoder().decode([String: Int].self, from: Data(visit.scores.utf8))) ?? [:]
        return raw.compactMapValues(CriterionScore.init(rawValue:))
    }

    static func team(of visit: MonitoringVisit) -> [TeamMember] {
        (try? JSONDecoder().decode([TeamMember].self, from: Data(visit.team.utf8))) ?? []
    }

    static func addRecommendation(
        to visit: MonitoringVisit,
        text: String?,
        owner: String?,
        deadline: String?,
        request req: Request
    ) async throws -> Recommendation {
        var checks = req.fieldChecks()
        let body = checks.text("text", text, maximum: 2000)
        let who = checks.text("owner", owner, maximum: 200)
        let day = CalendarDay(iso: (deadline ?? "").trimmingCharacters(in: .whitespaces))
        if day == nil {
            checks.add("deadline", key: .dateInvalid)
        } else if let day, let visited = CalendarDay(iso: visit.visitedOn), day < visited {
            checks.add("deadline", MonitoringProblem.deadlineBeforeVisit)
        }
        if visit.status != .open { checks.add("text", MonitoringProblem.alreadyClosed) }
        try checks.finish()
        let actor = req.auditActor
        let now = req.application.clock.now()
        let visitID = try visit.requireID()
        let recommendation = Recommendation()
        recommendation.version = 1
        recommendation.$visit.id = visitID
        recommendation.providerID = visit.providerID
        recommendation.municipalityCode = visit.municipalityCode
        recommendation.oblastCode = visit.oblastCode
        recommendation.text = body
        recommendation.owner = who
        recommendation.deadline = day!.iso
        recommendation.status = .open
        return try await req.write { db in
            try await db.lockRow(table: MonitoringVisit.schema, id: visitID)
            guard
                let current = try await Scoped.unscopedFind(MonitoringVisit.self, visitID, on: db, .reread),
                current.status == .open
            else { throw ValidationFailure.planning("text", .alreadyClosed, req) }
            try await recommendation.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "recommendation.created",
                recordType: "recommendation",
                recordID: recommendation.id!.uuidString,
                changes: [
                    FieldChange(field: "text", old: nil, new: body), FieldChange(field: "owner", old: nil, new: who),
                    FieldChange(field: "deadline", old: nil, new: day!.iso),
                ],
                at: now
            )
            return recommendation
        }
    }

    static func closeRecommendation(
        _ recommendation: Recommendation,
        note: String?,
        version: Int?,
        request req: Request
    ) async throws {
        var checks = req.fieldChecks()
        let text = checks.text("note", note, maximum: 2000)
        try checks.finish()
        let today = CalendarDay.today(at: req.application.clock.now())
        _ = try await req.updateVersioned(
            Recommendation.self,
            id: recommendation.id!,
            expected: version,
            recordType: "recommendation"
        ) { record, _ in
            guard record.status == .open else { return nil }
            record.status = .closed
            record.closedOn = today.iso
            record.closingNote = text
            return AuditedChange(
                action: "recommendation.closed",
                changes: [
                    FieldChange(field: "status", old: "open", new: "closed"),
                    FieldChange(field: "closingNote", old: nil, new: text),
                ]
            )
        }
    }

    /// Closes the visit; refused while any recommendation is open (`VisitStatus.close`).
    static func close(_ visit: MonitoringVisit, version: Int?, request req: Request) async throws {
        let today = CalendarDay.today(at: req.application.clock.now())
        let visitID = try visit.requireID()
        _ = try await req.updateVersioned(MonitoringVisit.self, id: visitID, expected: version, recordType: "visit") {
            record,
            db in
            let open = try await Scoped.unscoped(Recommendation.self, on: db, .throughParent)
                .filter(\.$visit.$id == visitID).filter(\.$status == .open).count()
            do throws(MonitoringProblem) {
                record.status = try VisitStatus.close(from: record.status, openRecommendations: open)
            } catch {
                throw ValidationFailure.planning("close", error, req)
            }
            record.closedOn = today.iso
            return AuditedChange(
                action: "visit.closed",
                changes: [FieldChange(field: "status", old: "open", new: "closed")]
            )
        }
    }
}

extension TeamSector {
    /// The form field of the member from this sector: `teamHealth`.
    var fieldSuffix: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

extension ValidationFailure {
    static func planning(_ field: String, _ problem: MonitoringProblem, _ req: Request) -> ValidationFailure {
        ValidationFailure(problems: [FieldProblem(field: field, message: problem.message(in: req.language))])
    }
}

extension JSONEncoder {
    /// Keys in order, so that the same scores always read the same in the audit trail.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
