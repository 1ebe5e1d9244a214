import Fluent
import OporaCore
import Vapor

/// `/api/v1` routes of the Cases capability, with the same scope rules as the pages.
struct CasesAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(APIGuard())
        api.get("people", use: people)
        api.post("people", use: register)
        api.get("people", ":personID", use: person)
        api.patch("people", ":personID", use: updatePerson)
        api.get("people", ":personID", "export", use: export)
        api.post("people", ":personID", "erasure", use: erase)
        api.get("people", ":personID", "consents", use: consents)
        api.post("people", ":personID", "consents", ":consentID", "withdraw", use: withdrawConsent)
        api.get("people", ":personID", "cases", use: cases)
        api.post("people", ":personID", "cases", use: openCase)
        api.get("people", ":personID", "assessments", use: assessments)
        api.post("people", ":personID", "assessments", use: assess)
        api.get("cases", ":caseID", use: supportCase)
        api.post("cases", ":caseID", "transitions", use: transition)
        api.get("cases", ":caseID", "notes", use: notes)
        api.post("cases", ":caseID", "notes", use: addNote)
        api.get("cases", ":caseID", "plans", use: plans)
        api.post("cases", ":caseID", "plans", use: savePlan)
        api.get("cases", ":caseID", "plans", "diff", use: planDiff)
        api.get("referrals", use: referrals)
        api.post("referrals", use: refer)
        api.get("referrals", ":referralID", use: referral)
        api.post("referrals", ":referralID", "decision", use: decide)
        api.get("services", ":serviceID", "capacity", use: capacity)
        api.get("dashboard", use: dashboard)
        api.get("people", ":personID", "household", use: household)
        api.post("people", ":personID", "household", use: addHouseholdMember)
        api.delete("people", ":personID", "household", ":memberID", use: removeHouseholdMember)
        api.get("cases", ":caseID", "team", use: team)
        api.post("cases", ":caseID", "team", use: addTeamMember)
    }

    private func scope(_ req: Request, _ permission: Permission) throws -> AccessScope {
        try req.require(permission).scope(for: permission)
    }

    private func openPerson(_ req: Request, _ permission: Permission = .viewPeople) async throws -> Person {
        try await PeopleStore.open(try req.uuidParameter("personID"), try scope(req, permission), request: req)
    }

    func people(req: Request) async throws -> Response {
        let scope = try scope(req, .viewPeople)
        let paging = try Paging.from(req)
        let (page, perPage) = (paging.page, paging.perPage)
        let result = try await PeopleStore.search(
            scope,
            q: try SearchText.from(req),
            settlement: req.query[String.self, at: "settlement"],
            page: page,
            perPage: perPage,
            key: req.application.dataKey,
            on: req.db
        )
        let key = req.application.dataKey
        return try req.json(
            ListDTO(
                items: try result.items.map { try $0.dto(key: key) },
                page: page,
                perPage: perPage,
                total: result.total,
                totalIsExact: result.totalIsExact
            )
        )
    }

    func register(req: Request) async throws -> Response {
        let user = try req.require(.editPeople)
        var input = try req.decodeJSON(PersonInput.self)
        let providerID = try await registeringProvider(user, req)
        input.confirmDuplicate = input.confirmDuplicate ?? "false"
        let draft = try await PersonDraft.validate(input, request: req)
        do {
            let person = try await PeopleStore.create(
                draft,
                provider: providerID,
                scope: user.scope(for: .viewPeople),
                confirmDuplicate: input.confirmDuplicate == "true",
                request: req
            )
            let response = try req.json(try person.dto(key: req.application.dataKey), status: .created)
            response.headers.replaceOrAdd(name: .location, value: "/api/v1/people/\(person.id!)")
            return response
        } catch let duplicate as PeopleStore.PossibleDuplicate {
            let ids = duplicate.existing.compactMap(\.id?.uuidString).joined(separator: ", ")
            throw ValidationFailure(problems: [
                FieldProblem(field: "confirmDuplicate", message: req.text(.personPossibleDuplicate) + " " + ids)
            ])
        }
    }

    /// People are registered at the user's own provider; a director names a provider of the
    /// municipality. A provider outside the scope of `editPeople` is answered as one that does not exist.
    private func registeringProvider(_ user: CurrentUser, _ req: Request) async throws -> UUID {
        let unknown = ValidationFailure(problems: [
            FieldProblem(field: "provider", message: req.text(.providerUnknown))
        ])
        let named = req.query[String.self, at: "provider"].flatMap(UUID.init(uuidString:)) ?? user.providerID
        guard let id = named else { throw unknown }
        guard try await ProviderStore.query(user.scope(for: .editPeople), on: req.db).filter(\.$id == id).first() != nil
        else { throw unknown }
        return id
    }

    func person(req: Request) async throws -> Response {
        try req.json(try await openPerson(req).dto(key: req.application.dataKey))
    }

    func updatePerson(req: Request) async throws -> Response {
        let scope = try scope(req, .editPeople)
        let existing = try await openPerson(req, .editPeople)
        let key = req.application.dataKey
        let current = try existing.dto(key: key)
        var input = try req.decodeJSON(PersonInput.self)
        input.givenName = input.givenName ?? current.givenName
        input.middleName = input.middleName ?? current.middleName
        input.familyName = input.familyName ?? current.familyName
        input.identifierType = input.identifierType ?? current.identifierType
        input.identifier = input.identifier ?? current.identifier
        input.birthDate = input.birthDate ?? current.birthDate
        input.sex = input.sex ?? current.sex
        input.settlementEkatte = input.settlementEkatte ?? current.settlementEkatte
        input.address = input.address ?? current.address
        input.phone = input.phone ?? current.phone
        input.targetGroups = input.targetGroups ?? current.targetGroups
        let evidence = current.targetGroupEvidence ?? []
        input.targetGroupSince =
            input.targetGroupSince ?? Dictionary(evidence.map { ($0.group, $0.since) }, uniquingKeysWith: { a, _ in a })
        input.targetGroupEvidence =
            input.targetGroupEvidence
            ?? Dictionary(evidence.map { ($0.group, $0.evidence) }, uniquingKeysWith: { a, _ in a })
        input.disabilityPercent = input.disabilityPercent ?? current.disabilityPercent.map(String.init)
        input.decisionExpiry = input.decisionExpiry ?? current.decisionExpiry
        let draft = try await PersonDraft.validate(input, request: req)
        let person = try await PeopleStore.update(
            existing.id!,
            draft,
            version: input.version,
            scope: scope,
            request: req
        )
        return try req.json(try person.dto(key: key))
    }

    func export(req: Request) async throws -> Response {
        let person = try await openPerson(req)
        return try req.json(try await SubjectAccessExport.build(person: person, request: req))
    }

    /// 200 with the outcome: anonymised now, or kept and why (open case, retention period).
    func erase(req: Request) async throws -> Response {
        let person = try await openPerson(req, .editPeople)
        return try req.json(try await Erasure.erase(person, request: req))
    }

    func consents(req: Request) async throws -> Response {
        let person = try await openPerson(req)
        return try req.json(
            try await SharingConsent.query(on: req.db).filter(\.$person.$id == person.id!).all().map(\.dto)
        )
    }

    func withdrawConsent(req: Request) async throws -> Response {
        let person = try await openPerson(req, .editPeople)
        return try req.json(
            try await ConsentStore.withdraw(person: person, consentID: try req.uuidParameter("consentID"), request: req)
                .dto
        )
    }

    func cases(req: Request) async throws -> Response {
        let person = try await openPerson(req)
        let key = req.application.dataKey
        let cases = try await CaseStore.query(try scope(req, .viewPeople), on: req.db).filter(
            \.$person.$id == person.id!
        ).all()
        return try req.json(try cases.map { try $0.dto(key: key) })
    }

    func openCase(req: Request) async throws -> Response {
        let user = try req.require(.editPeople)
        let person = try await openPerson(req, .editPeople)
        let supportCase = try await CaseStore.open(
            person: person,
            intake: try req.decodeJSON(CaseStore.Intake.self),
            user: user,
            request: req
        )
        return try req.json(try supportCase.dto(key: req.application.dataKey), status: .created)
    }

    func assessments(req: Request) async throws -> Response {
        let person = try await openPerson(req)
        let key = req.application.dataKey
        let rows = try await Assessment.query(on: req.db).filter(\.$person.$id == person.id!).sort(\.$createdAt).all()
        return try req.json(try rows.map { try $0.dto(key: key, language: req.language) })
    }

    func assess(req: Request) async throws -> Response {
        let scope = try scope(req, .editPeople)
        let person = try await openPerson(req, .editPeople)
        let assessment = try await AssessmentStore.create(
            person: person,
            input: try req.decodeJSON(AssessmentStore.Input.self),
            scope: scope,
            request: req
        )
        return try req.json(try assessment.dto(key: req.application.dataKey, language: req.language), status: .created)
    }

    func supportCase(req: Request) async throws -> Response {
        let found = try await CaseStore.find(try req.uuidParameter("caseID"), try scope(req, .viewPeople), on: req.db)
        return try req.json(try found.dto(key: req.application.dataKey))
    }

    struct TransitionBody: Codable {
        var to: String?
        var reason: String?
        var version: Int?
        var confirmClose: Bool?
    }

    func transition(req: Request) async throws -> Response {
        let body = try req.decodeJSON(TransitionBody.self)
        let moved = try await CaseStore.transition(
            try req.uuidParameter("caseID"),
            to: body.to,
            reason: body.reason,
            confirmClose: body.confirmClose == true,
            version: body.version,
            scope: try scope(req, .editPeople),
            request: req
        )
        return try req.json(try moved.dto(key: req.application.dataKey))
    }

    func notes(req: Request) async throws -> Response {
        let found = try await CaseStore.find(try req.uuidParameter("caseID"), try scope(req, .viewPeople), on: req.db)
        let key = req.application.dataKey
        let rows = try await CaseNote.query(on: req.db).filter(\.$supportCase.$id == found.id!).sort(\.$at).all()
        return try req.json(
            try rows.map {
                NoteDTO(
                    id: $0.id!,
                    author: $0.authorName,
                    at: $0.at,
                    text: try key.open($0.textSealed),
                    forVisitingWorkers: $0.forVisitingWorkers ?? false
                )
            }
        )
    }

    struct NoteBody: Codable {
        var text: String?
        var forVisitingWorkers: Bool?
    }

    func addNote(req: Request) async throws -> Response {
        let body = try req.decodeJSON(NoteBody.self)
        let note = try await CaseStore.addNote(
            try req.uuidParameter("caseID"),
            text: body.text,
            forVisitingWorkers: body.forVisitingWorkers ?? false,
            scope: try scope(req, .editPeople),
            request: req
        )
        return try req.json(
            NoteDTO(
                id: note.id!,
                author: note.authorName,
                at: note.at,
                text: try req.application.dataKey.open(note.textSealed),
                forVisitingWorkers: note.forVisitingWorkers ?? false
            ),
            status: .created
        )
    }

    func plans(req: Request) async throws -> Response {
        let key = req.application.dataKey
        let versions = try await PlanStore.versions(
            caseID: try req.uuidParameter("caseID"),
            scope: try scope(req, .viewPeople),
            on: req.db
        )
        return try req.json(try versions.map { try $0.dto(key: key) })
    }

    func savePlan(req: Request) async throws -> Response {
        let version = try await PlanStore.save(
            caseID: try req.uuidParameter("caseID"),
            input: try req.decodeJSON(PlanStore.Input.self),
            scope: try scope(req, .editPeople),
            request: req
        )
        return try req.json(try version.dto(key: req.application.dataKey), status: .created)
    }

    func planDiff(req: Request) async throws -> Response {
        let versions = try await PlanStore.versions(
            caseID: try req.uuidParameter("caseID"),
            scope: try scope(req, .viewPeople),
            on: req.db
        )
        let from = req.query[Int.self, at: "from"] ?? max(versions.count - 1, 1)
        let to = req.query[Int.self, at: "to"] ?? versions.count
        guard let old = versions.first(where: { $0.number == from }),
            let new = versions.first(where: { $0.number == to })
        else {
            throw ValidationFailure(problems: [FieldProblem(field: "from", message: req.text(.planVersionUnknown))])
        }
        let key = req.application.dataKey
        let changes = SupportPlanDiff.changes(from: try old.plan(key: key), to: try new.plan(key: key))
        return try req.json(PlanDiffDTO(from: from, to: to, changes: changes.map { $0.message(in: req.language) }))
    }

    func referrals(req: Request) async throws -> Response {
        let key = req.application.dataKey
        let rows = try await ReferralStore.query(try scope(req, .viewPeople), on: req.db).sort(\.$sentAt, .descending)
            .limit(500).all()
        return try req.json(try rows.map { try $0.dto(key: key) })
    }

    func refer(req: Request) async throws -> Response {
        let referral = try await ReferralStore.send(
            try req.decodeJSON(ReferralStore.Input.self),
            scope: try scope(req, .editPeople),
            request: req
        )
        return try req.json(try referral.dto(key: req.application.dataKey), status: .created)
    }

    func referral(req: Request) async throws -> Response {
        let id = try req.uuidParameter("referralID")
        guard
            let found = try await ReferralStore.query(try scope(req, .viewPeople), on: req.db).filter(\.$id == id)
                .first()
        else { throw Abort(.notFound) }
        return try req.json(try found.dto(key: req.application.dataKey))
    }

    func decide(req: Request) async throws -> Response {
        let decided = try await ReferralStore.decide(
            try req.uuidParameter("referralID"),
            try req.decodeJSON(ReferralStore.Decision.self),
            scope: try scope(req, .editPeople),
            request: req
        )
        return try req.json(try decided.dto(key: req.application.dataKey))
    }

    /// Free places of a service of the region a case worker refers within (`ProviderStore.region`).
    func capacity(req: Request) async throws -> Response {
        let region = try await ProviderStore.region(of: try scope(req, .viewPeople), on: req.db)
        let service = try await ServiceStore.find(try req.uuidParameter("serviceID"), region, on: req.db)
        return try req.json(
            try await ReferralStore.capacity(
                of: service,
                on: CalendarDay.today(at: req.application.clock.now()),
                key: req.application.dataKey,
                on: req.db
            )
        )
    }

    func dashboard(req: Request) async throws -> Response {
        try req.json(try await Dashboard.build(for: try req.require(.viewPeople), request: req))
    }

    func household(req: Request) async throws -> Response {
        let person = try await openPerson(req)
        return try req.json(try await HouseholdStore.members(of: person, key: req.application.dataKey, on: req.db))
    }

    func addHouseholdMember(req: Request) async throws -> Response {
        let person = try await openPerson(req, .editPeople)
        _ = try await HouseholdStore.add(to: person, try req.decodeJSON(HouseholdStore.Input.self), request: req)
        return try req.json(
            try await HouseholdStore.members(of: person, key: req.application.dataKey, on: req.db),
            status: .created
        )
    }

    func removeHouseholdMember(req: Request) async throws -> HTTPStatus {
        let person = try await openPerson(req, .editPeople)
        try await HouseholdStore.remove(try req.uuidParameter("memberID"), from: person, request: req)
        return .noContent
    }

    func team(req: Request) async throws -> Response {
        let found = try await CaseStore.find(try req.uuidParameter("caseID"), try scope(req, .viewPeople), on: req.db)
        return try req.json(try await TeamStore.members(of: found.id!, on: req.db))
    }

    struct TeamBody: Codable { var userId: UUID? }

    func addTeamMember(req: Request) async throws -> Response {
        let members = try await TeamStore.add(
            userID: try req.decodeJSON(TeamBody.self).userId,
            to: try req.uuidParameter("caseID"),
            scope: try scope(req, .editPeople),
            request: req
        )
        return try req.json(members, status: .created)
    }
}
