import Fluent
import OporaCore
import Vapor

/// Needs assessments: scored exactly as published, signed on creation and never changed after.
enum AssessmentStore {
    struct Input: Content, Sendable {
        var caseId: UUID?
        var barthel: [String: Int]?
        var lawton: [String: Int]?
        var domains: [LifeDomainAssessment]?
        var dependenceDegree: Int?
    }

    /// Characters of a life domain in the person's words, and of its goal.
    static let wordsLimit = 2000
    static let goalLimit = 500

    /// An assessment that passed every check, ready to be signed.
    struct Checked: Sendable {
        var supportCase: SupportCase
        var content: AssessmentContent
        var degree: DependenceDegree?
    }

    /// Every check of signing at once (`AssessmentSigning`): each unanswered or impossible item
    /// named by its field (`barthel.<item>`, `lawton.<item>`), a need without the person's words
    /// (`domains.<index>.inOwnWords`), texts within their limits, a known degree.
    static func check(
        person: Person,
        input: Input,
        scope: AccessScope,
        request req: Request
    ) async throws -> Checked {
        var checks = req.fieldChecks()
        var supportCase: SupportCase?
        if let caseID = input.caseId {
            supportCase = try await CaseStore.query(scope, on: req.db).filter(\.$id == caseID).filter(
                \.$person.$id == person.id!
            ).first()
        }
        if supportCase == nil { checks.add("caseId", key: .caseUnknown) }
        let scores = Dictionary(
            uniqueKeysWithValues: (input.barthel ?? [:]).compactMap { raw, score in
                BarthelIndex.Item(rawValue: raw).map { ($0, score) }
            }
        )
        if scores.count != (input.barthel ?? [:]).count { checks.add("barthel", key: .assessmentUnknownItem) }
        let levels = Dictionary(
            uniqueKeysWithValues: (input.lawton ?? [:]).compactMap { raw, level in
                LawtonIADL.Item(rawValue: raw).map { ($0, level) }
            }
        )
        if levels.count != (input.lawton ?? [:]).count { checks.add("lawton", key: .assessmentUnknownItem) }
        let domains = input.domains ?? []
        if Set(domains.map(\.domain)).count != domains.count { checks.add("domains", key: .domainsRepeated) }
        for problem in AssessmentSigning.problems(barthel: scores, lawton: levels, domains: domains) {
            checks.add(problem.field, problem.problem)
        }
        for (index, domain) in domains.enumerated() {
            _ = checks.text("domains.\(index).inOwnWords", domain.inOwnWords, maximum: wordsLimit, required: false)
            _ = checks.text("domains.\(index).goal", domain.goal, maximum: goalLimit, required: false)
        }
        var degree: DependenceDegree?
        if let raw = input.dependenceDegree {
            degree = DependenceDegree(rawValue: raw)
            if degree == nil { checks.add("dependenceDegree", key: .errorChooseFromList) }
        }
        try checks.finish()
        return Checked(
            supportCase: supportCase!,
            content: AssessmentContent(
                barthel: try BarthelIndex(scores: scores),
                lawton: try LawtonIADL(levels: levels),
                domains: domains
            ),
            degree: degree
        )
    }

    static func create(
        person: Person,
        input: Input,
        scope: AccessScope,
        request req: Request
    ) async throws -> Assessment {
        let checked = try await check(person: person, input: input, scope: scope, request: req)
        let key = req.application.dataKey
        let actor = req.auditActor
        // The assessment is signed by a person: their name, not the account's (the trail keeps that).
        let signer = try req.currentUser().displayName
        let now = req.application.clock.now()
        let content = try key.sealJSON(checked.content)
        let caseID = checked.supportCase.id!
        let degreeValue = checked.degree?.rawValue
        return try await req.write { db in
            let assessment = Assessment()
            assessment.$supportCase.id = caseID
            assessment.$person.id = person.id!
            assessment.contentSealed = content
            assessment.dependenceDegree = degreeValue
            assessment.signedOn = CalendarDay.today(at: now).iso
            assessment.signedBy = signer
            assessment.createdAt = now
            try await assessment.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "assessment.signed",
                recordType: "person",
                recordID: person.id!.uuidString,
                changes: [FieldChange(field: "assessment", old: nil, new: assessment.id!.uuidString)],
                sealingWith: key,
                at: now
            )
            return assessment
        }
    }
}

extension Assessment {
    func dto(key: DataKey, language: Language) throws -> AssessmentDTO {
        let content = try key.openJSON(AssessmentContent.self, contentSealed)
        let degree = dependenceDegree.flatMap(DependenceDegree.init(rawValue:))
        let recommendations = WeeklyHoursRecommendation.recommend(
            barthel: content.barthel,
            lawton: content.lawton,
            lifeDomains: content.domains
        )
        return AssessmentDTO(
            id: id!,
            caseId: $supportCase.id,
            personId: $person.id,
            barthel: Dictionary(uniqueKeysWithValues: content.barthel.scores.map { ($0.key.rawValue, $0.value) }),
            barthelTotal: content.barthel.total,
            barthelBand: content.barthel.band.rawValue,
            lawton: Dictionary(uniqueKeysWithValues: content.lawton.levels.map { ($0.key.rawValue, $0.value) }),
            lawtonTotal: content.lawton.total(),
            lawtonBand: content.lawton.band().rawValue,
            domains: content.domains,
            dependenceDegree: degree?.rawValue,
            monthlyHoursCap: degree?.monthlyHoursCap,
            recommendations: recommendations.map {
                RecommendationDTO(
                    serviceType: $0.type.rawValue,
                    weeklyMinutes: $0.weeklyMinutes,
                    reasons: $0.reasons.map { $0.message(in: language) }
                )
            },
            signedOn: signedOn,
            signedBy: signedBy
        )
    }
}
