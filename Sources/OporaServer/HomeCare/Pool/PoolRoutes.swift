import Fluent
import OporaCore
import Vapor

/// The centre's assistant candidates: the list, adding and correcting one, withdrawing one who
/// asks to leave, and hiring one as staff.
struct PoolRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("home-care", "pool", use: list)
        routes.get("home-care", "pool", "new", use: new)
        routes.post("home-care", "pool", use: create)
        routes.get("home-care", "pool", ":candidateID", use: show)
        routes.post("home-care", "pool", ":candidateID", use: update)
        routes.post("home-care", "pool", ":candidateID", "hire", use: hire)
        routes.post("home-care", "pool", ":candidateID", "withdraw", use: withdraw)
    }

    struct Row: Encodable, Sendable {
        var href: String
        var name: String
        var settlement: String
        var availability: String
        var skills: String
        var unemployed: String
        var status: String
    }

    struct ListContext: Encodable, Sendable {
        var centres: [Choice]
        var provider: String
        var rows: [Row]
        var canManage: Bool
    }

    func list(req: Request) async throws -> View {
        let user = try req.require(.viewAssistantPool)
        let scope = user.scope(for: .viewAssistantPool)
        let (centre, centres) = try await HomeCareCentre.chosen(req, scope)
        let language = req.language
        let key = req.application.dataKey
        let candidates =
            try await centre.asyncFlatMap {
                try await PoolStore.list(provider: $0, scope, key: key, on: req.db)
            } ?? []
        let names = try await TerritoryNames.shared.settlementNames(
            candidates.map(\.record.settlementEkatte),
            on: req.db
        )
        let rows = candidates.map { c in
            Row(
                href: "/home-care/pool/\(c.record.id!)",
                name: c.name,
                settlement: names[c.record.settlementEkatte] ?? c.record.settlementEkatte,
                availability: StaffRoutes.patternSummary(c.record.shiftList, language),
                skills: c.record.skillSet.map { $0.label(in: language) }.sorted().joined(separator: ", "),
                unemployed: req.text(c.registration.registeredUnemployed ? .poolYes : .poolNo),
                status: req.text(c.record.candidateStatus.textKey)
            )
        }
        let canManage =
            user.can(.manageAssistantPool)
            && centre.map { user.scope(for: .manageAssistantPool).providers.contains($0) } ?? false
        return try await req.view.render(
            "homecare/pool",
            req.page(
                title: req.text(.poolTitle),
                ListContext(centres: centres, provider: centre?.uuidString ?? "", rows: rows, canManage: canManage)
            )
        )
    }

    struct FormContext: Encodable, Sendable {
        var action: String
        var title: String
        var isNew: Bool
        var canEdit: Bool
        var canHire: Bool
        var status: String
        var hiredHref: String?
        var version: Int?
        var form: FormState
        var summary: ErrorSummary?
        var skills: [Choice]
        var settlements: [Choice]
        var shifts: [StaffRoutes.ShiftRow]
        var unemployedYes: Bool
        var unemployedNo: Bool
        var hireForm: FormState
        var formToken: String
    }

    /// The centre a new candidate joins: one the user manages candidates for, or 404.
    private func centreForNew(_ req: Request) async throws -> (CurrentUser, UUID) {
        let user = try req.require(.manageAssistantPool)
        let scope = user.scope(for: .manageAssistantPool)
        guard let centre = try await HomeCareCentre.chosen(req, scope).id, scope.providers.contains(centre) else {
            throw Abort(.notFound)
        }
        return (user, centre)
    }

    func new(req: Request) async throws -> View {
        let (_, centre) = try await centreForNew(req)
        return try await render(req, candidate: nil, provider: centre, input: CandidateInput(skills: ["personalCare"]))
    }

    func create(req: Request) async throws -> Response {
        let (user, centre) = try await centreForNew(req)
        let input = try req.content.decode(CandidateInput.self)
        var checks = req.fieldChecks()
        let known = try await TerritoryNames.shared.settlementNames([input.homeSettlement ?? ""], on: req.db)
        let draft = CandidateDraft.validate(input, settlementExists: { known[$0] != nil }, checks: &checks)
        do {
            try checks.finish()
            guard
                try await FormOnce.claim(
                    try? req.content.get(String.self, at: FormOnce.field),
                    user: user.id,
                    request: req
                )
            else { return req.redirect(to: "/home-care/pool?provider=\(centre)") }
            let record = try await PoolStore.create(draft!, provider: centre, request: req)
            return req.redirect(to: "/home-care/pool/\(record.id!)", flash: .saved)
        } catch let failure as ValidationFailure {
            return try await render(
                req,
                candidate: nil,
                provider: centre,
                input: input,
                form: FormState(errors: failure.byField),
                summary: req.errorSummary(failure)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    static func input(of c: OpenCandidate) -> CandidateInput {
        let shifts = c.record.shiftList
        return CandidateInput(
            version: c.record.version,
            name: c.name,
            phone: c.phone,
            homeSettlement: c.record.settlementEkatte,
            registeredUnemployed: c.registration.registeredUnemployed ? "yes" : "no",
            office: c.registration.office,
            skills: c.record.skillSet.map(\.rawValue),
            shiftDay: shifts.map(\.weekday.rawValue),
            shiftStart: shifts.map { TimeWindow.clock($0.startMinute) },
            shiftEnd: shifts.map { TimeWindow.clock($0.endMinute) }
        )
    }

    private func find(_ req: Request, _ permission: Permission) async throws -> OpenCandidate {
        let user = try req.require(permission)
        return try await PoolStore.find(
            try req.uuidParameter("candidateID"),
            user.scope(for: permission),
            key: req.application.dataKey,
            on: req.db
        )
    }

    func show(req: Request) async throws -> View {
        let candidate = try await find(req, .viewAssistantPool)
        return try await render(
            req,
            candidate: candidate,
            provider: candidate.record.providerID,
            input: Self.input(of: candidate)
        )
    }

    private func render(
        _ req: Request,
        candidate: OpenCandidate?,
        provider: UUID,
        input: CandidateInput,
        form: FormState = FormState(),
        summary: ErrorSummary? = nil,
        hireForm: FormState = FormState()
    ) async throws -> View {
        let user = try req.currentUser()
        let language = req.language
        let available = candidate.map { $0.record.candidateStatus == .available } ?? true
        let canEdit =
            available && user.can(.manageAssistantPool)
            && user.scope(for: .manageAssistantPool).providers.contains(provider)
        let canHire =
            candidate != nil && available && user.can(.hireAssistants)
            && user.scope(for: .hireAssistants).providers.contains(provider)
        var municipality = candidate?.record.municipalityCode
        if municipality == nil {
            municipality = try await req.application.scopeDirectory.place(
                of: .provider,
                provider.uuidString,
                on: req.db
            )?
            .municipality
        }
        let settlements = try await TerritoryNames.shared.settlements(of: municipality, on: req.db)
        let skills = Set(input.skills ?? [])
        let days = input.shiftDay ?? []
        let shifts = (0..<StaffInput.rows).map { index in
            let day = index < days.count ? days[index] : ""
            return StaffRoutes.ShiftRow(
                index: index,
                number: index + 1,
                days: [Choice(value: "", label: "—", selected: day.isEmpty)]
                    + Weekday.allCases.map {
                        Choice(value: $0.rawValue, label: $0.label(in: language), selected: $0.rawValue == day)
                    },
                start: index < (input.shiftStart ?? []).count ? input.shiftStart![index] : "",
                end: index < (input.shiftEnd ?? []).count ? input.shiftEnd![index] : "",
                error: form.errors["shifts.\(index)"]
            )
        }
        var values = form.values
        values["name"] = input.name ?? ""
        values["phone"] = input.phone ?? ""
        values["office"] = input.office ?? ""
        let context = FormContext(
            action: candidate.map { "/home-care/pool/\($0.record.id!)" } ?? "/home-care/pool?provider=\(provider)",
            title: candidate?.name ?? req.text(.poolCandidateNew),
            isNew: candidate == nil,
            canEdit: canEdit,
            canHire: canHire,
            status: req.text((candidate?.record.candidateStatus ?? .available).textKey),
            hiredHref: candidate?.record.hiredUserID.map { "/home-care/staff/\($0)" },
            version: input.version,
            form: FormState(values: values, errors: form.errors),
            summary: summary,
            skills: CareSkill.allCases.map {
                Choice(value: $0.rawValue, label: $0.label(in: language), selected: skills.contains($0.rawValue))
            },
            settlements: [Choice(value: "", label: "—", selected: (input.homeSettlement ?? "").isEmpty)]
                + settlements.map { Choice(value: $0.code, label: $0.name, selected: $0.code == input.homeSettlement) },
            shifts: shifts,
            unemployedYes: input.registeredUnemployed == "yes",
            unemployedNo: input.registeredUnemployed == "no",
            hireForm: hireForm,
            formToken: FormOnce.token()
        )
        return try await req.view.render("homecare/pool-candidate", req.page(title: context.title, context))
    }

    func update(req: Request) async throws -> Response {
        let candidate = try await find(req, .manageAssistantPool)
        guard candidate.record.candidateStatus == .available else { throw Abort(.notFound) }
        let input = try req.content.decode(CandidateInput.self)
        var checks = req.fieldChecks()
        let known = try await TerritoryNames.shared.settlementNames([input.homeSettlement ?? ""], on: req.db)
        let draft = CandidateDraft.validate(input, settlementExists: { known[$0] != nil }, checks: &checks)
        do {
            try checks.finish()
            try await PoolStore.update(candidate, draft!, version: input.version, request: req)
            return req.redirect(to: "/home-care/pool/\(candidate.record.id!)", flash: .saved)
        } catch let failure as ValidationFailure {
            return try await render(
                req,
                candidate: candidate,
                provider: candidate.record.providerID,
                input: input,
                form: FormState(errors: failure.byField),
                summary: req.errorSummary(failure)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        } catch is EditConflict {
            return try await render(
                req,
                candidate: candidate,
                provider: candidate.record.providerID,
                input: input,
                summary: req.errorSummary(message: req.text(.errorConflict))
            ).encodeResponse(status: .conflict, for: req)
        }
    }

    func hire(req: Request) async throws -> Response {
        let candidate = try await find(req, .hireAssistants)
        if candidate.record.candidateStatus == .hired, let user = candidate.record.hiredUserID {
            return req.redirect(to: "/home-care/staff/\(user)", flash: .poolAlreadyHired)
        }
        guard candidate.record.candidateStatus == .available else { throw Abort(.notFound) }
        let input = try req.content.decode(HireInput.self)
        var checks = req.fieldChecks()
        let draft = HireDraft.validate(input, availability: candidate.record.shiftList, checks: &checks)
        let typed = ["username": input.username ?? "", "contractHours": input.contractHours ?? ""]
        do {
            try checks.finish()
            let userID = try await PoolStore.hire(candidate, draft!, version: input.version, request: req)
            return req.redirect(to: "/home-care/staff/\(userID)", flash: .poolHired)
        } catch let hired as AlreadyHired {
            return req.redirect(
                to: hired.userID.map { "/home-care/staff/\($0)" } ?? "/home-care/pool/\(candidate.record.id!)",
                flash: .poolAlreadyHired
            )
        } catch let failure as ValidationFailure {
            return try await render(
                req,
                candidate: candidate,
                provider: candidate.record.providerID,
                input: Self.input(of: candidate),
                summary: req.errorSummary(failure),
                hireForm: FormState(values: typed, errors: failure.byField)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        } catch is EditConflict {
            return try await render(
                req,
                candidate: candidate,
                provider: candidate.record.providerID,
                input: Self.input(of: candidate),
                summary: req.errorSummary(message: req.text(.errorConflict)),
                hireForm: FormState(values: typed)
            ).encodeResponse(status: .conflict, for: req)
        }
    }

    struct WithdrawInput: Content, Sendable {
        var version: Int?
        var confirm: String?
    }

    func withdraw(req: Request) async throws -> Response {
        let candidate = try await find(req, .manageAssistantPool)
        let input = try req.content.decode(WithdrawInput.self)
        guard input.confirm == "yes" else {
            let failure = ValidationFailure(problems: [
                FieldProblem(field: "withdrawConfirm", message: req.text(.poolWithdrawConfirm))
            ])
            return try await render(
                req,
                candidate: candidate,
                provider: candidate.record.providerID,
                input: Self.input(of: candidate),
                form: FormState(errors: failure.byField),
                summary: req.errorSummary(failure)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        do {
            try await PoolStore.withdraw(candidate, version: input.version, request: req)
        } catch is EditConflict {
            return req.redirect(to: "/home-care/pool/\(candidate.record.id!)", flash: .errorConflict)
        }
        return req.redirect(to: "/home-care/pool?provider=\(candidate.record.providerID)", flash: .poolWithdrawn)
    }
}
