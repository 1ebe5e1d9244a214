import Fluent
import OporaCore
import Vapor

/// `/api/v1/home-care/pool` and `/proposals`: the centre's assistant candidates, hiring one, and
/// the candidates proposed for a person whose plan names no assistant; the pages' rules and checks.
struct PoolAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(APIGuard()).grouped("home-care")
        api.get("pool", use: list)
        api.post("pool", use: create)
        api.put("pool", ":candidateID", use: update)
        api.post("pool", ":candidateID", "hire", use: hire)
        api.get("proposals", ":caseID", use: proposal)
    }

    struct CandidateDTO: Content, Sendable {
        var id: UUID
        var version: Int
        var name: String
        var phone: String?
        var registeredUnemployed: Bool
        var office: String
        var settlementEkatte: String
        var skills: [String]
        var availability: [ShiftDTO]
        var status: String
        var hiredUserId: UUID?

        init(_ c: OpenCandidate) {
            id = c.record.id!
            version = c.record.version
            name = c.name
            phone = c.phone
            registeredUnemployed = c.registration.registeredUnemployed
            office = c.registration.office
            settlementEkatte = c.record.settlementEkatte
            skills = c.record.skillSet.map(\.rawValue).sorted()
            availability = c.record.shiftList.map {
                ShiftDTO(
                    weekday: $0.weekday.rawValue,
                    start: TimeWindow.clock($0.startMinute),
                    end: TimeWindow.clock($0.endMinute)
                )
            }
            status = c.record.status
            hiredUserId = c.record.hiredUserID
        }
    }

    /// A candidate as the API takes it; checked by the page's rules.
    struct CandidateBody: Content, Sendable {
        var version: Int?
        var name: String
        var phone: String?
        var registeredUnemployed: Bool
        var office: String?
        var settlementEkatte: String
        var skills: [String]
        var availability: [ShiftDTO]

        var input: CandidateInput {
            CandidateInput(
                version: version,
                name: name,
                phone: phone,
                homeSettlement: settlementEkatte,
                registeredUnemployed: registeredUnemployed ? "yes" : "no",
                office: office,
                skills: skills,
                shiftDay: availability.map(\.weekday),
                shiftStart: availability.map(\.start),
                shiftEnd: availability.map(\.end)
            )
        }
    }

    struct HireBody: Content, Sendable {
        var version: Int
        var username: String
        var password: String
        var contractHours: Int
        /// Hiring creates an account; the caller says so explicitly.
        var confirm: Bool
    }

    struct ProposalDTO: Content, Sendable {
        var candidateId: UUID
        var name: String
        var settlementEkatte: String
        var distanceKm: Double?
        var overlapMinutes: Int
        var uncoveredMinutes: Int
        var matchedSkills: [String]
        var missingSkills: [String]
        var registeredUnemployed: Bool
    }

    struct ProposalsDTO: Content, Sendable {
        var caseId: UUID
        var needsAssistant: Bool
        var weeklyMinutes: Int
        var candidates: [ProposalDTO]
    }

    func list(req: Request) async throws -> Response {
        let user = try req.require(.viewAssistantPool)
        let scope = user.scope(for: .viewAssistantPool)
        guard let centre = try await HomeCareCentre.chosen(req, scope).id else { return try req.json([CandidateDTO]()) }
        let candidates = try await PoolStore.list(provider: centre, scope, key: req.application.dataKey, on: req.db)
        return try req.json(candidates.map(CandidateDTO.init))
    }

    private func validate(_ req: Request, _ body: CandidateBody) async throws -> CandidateDraft {
        var checks = req.fieldChecks()
        let known = try await TerritoryNames.shared.settlementNames([body.settlementEkatte], on: req.db)
        let draft = CandidateDraft.validate(body.input, settlementExists: { known[$0] != nil }, checks: &checks)
        try checks.finish()
        return draft!
    }

    func create(req: Request) async throws -> Response {
        let user = try req.require(.manageAssistantPool)
        let scope = user.scope(for: .manageAssistantPool)
        guard let centre = try await HomeCareCentre.chosen(req, scope).id, scope.providers.contains(centre) else {
            throw Abort(.notFound)
        }
        let draft = try await validate(req, try req.decodeJSON(CandidateBody.self))
        let record = try await PoolStore.create(draft, provider: centre, request: req)
        let key = req.application.dataKey
        return try req.json(CandidateDTO(try PoolStore.open(record, key: key)), status: .created)
    }

    func update(req: Request) async throws -> Response {
        let user = try req.require(.manageAssistantPool)
        let scope = user.scope(for: .manageAssistantPool)
        let key = req.application.dataKey
        let candidate = try await PoolStore.find(try req.uuidParameter("candidateID"), scope, key: key, on: req.db)
        guard candidate.record.candidateStatus == .available else { throw Abort(.notFound) }
        let body = try req.decodeJSON(CandidateBody.self)
        let draft = try await validate(req, body)
        try await PoolStore.update(candidate, draft, version: body.version, request: req)
        return try req.json(CandidateDTO(try await PoolStore.find(candidate.record.id!, scope, key: key, on: req.db)))
    }

    func hire(req: Request) async throws -> Response {
        let user = try req.require(.hireAssistants)
        let scope = user.scope(for: .hireAssistants)
        let candidate = try await PoolStore.find(
            try req.uuidParameter("candidateID"),
            scope,
            key: req.application.dataKey,
            on: req.db
        )
        let body = try req.decodeJSON(HireBody.self)
        guard candidate.record.candidateStatus != .hired else {
            throw Abort(.conflict, reason: req.text(.poolAlreadyHired))
        }
        guard candidate.record.candidateStatus == .available else { throw Abort(.notFound) }
        var checks = req.fieldChecks()
        let input = HireInput(
            version: body.version,
            username: body.username,
            password: body.password,
            contractHours: String(body.contractHours),
            confirm: body.confirm ? "yes" : nil
        )
        let draft = HireDraft.validate(input, availability: candidate.record.shiftList, checks: &checks)
        try checks.finish()
        do {
            let userID = try await PoolStore.hire(candidate, draft!, version: body.version, request: req)
            let staff = try await StaffStore.member(userID, user.scope(for: .viewHomeCare), on: req.db)
            return try req.json(StaffDTO(staff), status: .created)
        } catch is AlreadyHired {
            throw Abort(.conflict, reason: req.text(.poolAlreadyHired))
        }
    }

    func proposal(req: Request) async throws -> Response {
        let (people, pool) = try ProposalRoutes.scopes(req)
        let key = req.application.dataKey
        let caseID = try req.uuidParameter("caseID")
        let plan = try await PlansInForce.of(case: caseID, people, key: key, on: req.db)
        let need = AssistantNeed.of(plan.plan)
        let proposals =
            try await need.asyncFlatMap {
                try await Proposals.rank($0, for: plan, pool, key: key, on: req.db)
            } ?? []
        return try req.json(
            ProposalsDTO(
                caseId: caseID,
                needsAssistant: need != nil,
                weeklyMinutes: need?.times.minutes ?? 0,
                candidates: proposals.map {
                    ProposalDTO(
                        candidateId: $0.candidate.record.id!,
                        name: $0.candidate.name,
                        settlementEkatte: $0.candidate.record.settlementEkatte,
                        distanceKm: $0.fit.distanceKm.map { ($0 * 10).rounded() / 10 },
                        overlapMinutes: $0.fit.overlapMinutes,
                        uncoveredMinutes: $0.fit.uncoveredMinutes,
                        matchedSkills: $0.fit.matchedSkills.map(\.rawValue).sorted(),
                        missingSkills: $0.fit.missingSkills.map(\.rawValue).sorted(),
                        registeredUnemployed: $0.candidate.registration.registeredUnemployed
                    )
                }
            )
        )
    }
}
