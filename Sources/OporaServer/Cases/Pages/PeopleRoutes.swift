import Fluent
import OporaCore
import Vapor

/// People pages: search, register, a person's file and its printable subject-access export.
struct PeopleRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let people = routes.grouped("people")
        people.get(use: list)
        people.get("new", use: newForm)
        people.post(use: register)
        people.get(":personID", use: show)
        people.get(":personID", "edit", use: editForm)
        people.post(":personID", "edit", use: edit)
        people.get(":personID", "export", use: exportPage)
        people.get(":personID", "export.json", use: exportJSON)
    }

    struct Row: Encodable, Sendable {
        var id: String
        var name: String
        var latin: String
        var identifier: String
        var birthDate: String
        var settlement: String
    }

    struct ListContext: Encodable, Sendable {
        var q: String
        var settlement: String
        var settlements: [Choice]
        var rows: [Row]
        /// "1000+" once counting stopped at the limit.
        var total: String
        var page: Int
        var previous: String?
        var next: String?
        var canRegister: Bool
    }

    func list(req: Request) async throws -> View {
        let user = try req.require(.viewPeople)
        let q = try SearchText.from(req)
        let settlement = req.query[String.self, at: "settlement"] ?? ""
        let page = try Paging.from(req).page
        let key = req.application.dataKey
        let result = try await PeopleStore.search(
            user.scope(for: .viewPeople),
            q: q,
            settlement: settlement,
            page: page,
            perPage: 50,
            key: key,
            on: req.db
        )
        let names = try await settlementNames(result.items.map(\.settlementEkatte), on: req.db)
        let rows = try result.items.map { person -> Row in
            Row(
                id: person.id.uuidString,
                name: person.name.full,
                latin: person.nameLatin,
                identifier: try person.maskedIdentifier(key: key) ?? "—",
                birthDate: person.birthDate.flatMap(CalendarDay.init(iso:))?.display ?? "",
                settlement: names[person.settlementEkatte] ?? ""
            )
        }
        let query =
            "&q=" + (q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") + "&settlement=" + settlement
        let settlements = try await TerritoryNames.shared.settlements(
            of: user.scopeMunicipality(on: req.db),
            on: req.db
        )
        let context = ListContext(
            q: q,
            settlement: settlement,
            settlements: [Choice(value: "", label: "—", selected: settlement.isEmpty)]
                + settlements.map { Choice(value: $0.code, label: $0.name, selected: $0.code == settlement) },
            rows: rows,
            total: result.totalIsExact ? String(result.total) : "\(result.total)+",
            page: page,
            previous: page > 1 ? "/people?page=\(page - 1)\(query)" : nil,
            next: result.hasNext ? "/people?page=\(page + 1)\(query)" : nil,
            canRegister: user.can(.editPeople) && user.providerID != nil
        )
        return try await req.view.render("cases/people", req.page(title: req.text(.peopleTitle), context))
    }

    struct FormContext: Encodable, Sendable {
        var action: String
        /// Set when editing: the person's id and the version the editor started from.
        var personId: String?
        var version: Int?
        var values: [String: String]
        var errors: [String: String]
        var identifierTypes: [Choice]
        var settlements: [Choice]
        var targetGroups: [TargetGroupRow]
        /// Set once the possible duplicates were shown: saving again registers the person anyway.
        var confirmDuplicate: Bool
        var summary: ErrorSummary?
    }

    /// A target group with the evidence typed for it.
    struct TargetGroupRow: Encodable, Sendable {
        var value: String
        var label: String
        var selected: Bool
        var since: String
        var evidence: String
        var sinceError: String?
        var evidenceError: String?
    }

    func newForm(req: Request) async throws -> View {
        let user = try req.require(.editPeople)
        return try await renderForm(req, user: user, input: PersonInput(identifierType: "egn"), errors: [:])
    }

    private func renderForm(
        _ req: Request,
        user: CurrentUser,
        input: PersonInput,
        errors: [String: String],
        summary: ErrorSummary? = nil,
        confirmDuplicate: Bool = false,
        editing person: UUID? = nil
    ) async throws -> View {
        let language = req.language
        let settlements = try await TerritoryQueries.settlements(
            municipality: user.scopeMunicipality(on: req.db),
            q: nil,
            limit: 1000,
            on: req.db
        )
        let values = [
            "givenName": input.givenName ?? "", "middleName": input.middleName ?? "",
            "familyName": input.familyName ?? "",
            "identifier": input.identifier ?? "", "birthDate": input.birthDate ?? "", "address": input.address ?? "",
            "phone": input.phone ?? "", "disabilityPercent": input.disabilityPercent ?? "",
            "decisionExpiry": input.decisionExpiry ?? "",
        ]
        let context = FormContext(
            action: person.map { "/people/\($0)/edit" } ?? "/people",
            personId: person?.uuidString,
            version: person == nil ? nil : input.version,
            values: values,
            errors: errors,
            identifierTypes: IdentifierType.allCases.map {
                Choice(value: $0.rawValue, label: $0.label(in: language), selected: $0.rawValue == input.identifierType)
            },
            // No settlement is chosen in advance: the first of the list was taken for everyone not placed.
            settlements: [Choice(value: "", label: "—", selected: (input.settlementEkatte ?? "").isEmpty)]
                + settlements.map {
                    Choice(value: $0.id!, label: $0.nameBG, selected: $0.id == input.settlementEkatte)
                },
            targetGroups: Choices.targetGroups(language, selected: input.targetGroups ?? []).map { choice in
                TargetGroupRow(
                    value: choice.value,
                    label: choice.label,
                    selected: choice.selected,
                    since: input.targetGroupSince?[choice.value] ?? "",
                    evidence: input.targetGroupEvidence?[choice.value] ?? "",
                    sinceError: errors["targetGroupSince." + choice.value],
                    evidenceError: errors["targetGroupEvidence." + choice.value]
                )
            },
            confirmDuplicate: confirmDuplicate,
            summary: summary
        )
        let title = person == nil ? req.text(.personNewTitle) : req.text(.personEditTitle)
        return try await req.view.render("cases/person-form", req.page(title: title, context))
    }

    /// The person's details as the form shows them, from the record.
    static func input(from dto: PersonDTO) -> PersonInput {
        PersonInput(
            givenName: dto.givenName,
            middleName: dto.middleName,
            familyName: dto.familyName,
            identifierType: dto.identifierType,
            identifier: dto.identifier,
            birthDate: dto.birthDate,
            sex: dto.sex,
            settlementEkatte: dto.settlementEkatte,
            address: dto.address,
            phone: dto.phone,
            targetGroups: dto.targetGroups,
            targetGroupSince: Dictionary(
                (dto.targetGroupEvidence ?? []).map { ($0.group, $0.since) },
                uniquingKeysWith: { first, _ in first }
            ),
            targetGroupEvidence: Dictionary(
                (dto.targetGroupEvidence ?? []).map { ($0.group, $0.evidence) },
                uniquingKeysWith: { first, _ in first }
            ),
            disabilityPercent: dto.disabilityPercent.map(String.init),
            decisionExpiry: dto.decisionExpiry,
            confirmDuplicate: nil,
            version: dto.version
        )
    }

    func editForm(req: Request) async throws -> View {
        let user = try req.require(.editPeople)
        let person = try await PeopleStore.open(
            try req.uuidParameter("personID"),
            user.scope(for: .editPeople),
            request: req
        )
        let dto = try person.dto(key: req.application.dataKey)
        return try await renderForm(req, user: user, input: Self.input(from: dto), errors: [:], editing: person.id!)
    }

    /// Saves the person's details with the registration's checks (`PersonDraft.validate`); a save
    /// that lost to another editor's answers 409 with the form as typed.
    func edit(req: Request) async throws -> Response {
        let user = try req.require(.editPeople)
        let scope = user.scope(for: .editPeople)
        let id = try req.uuidParameter("personID")
        let person = try await PeopleStore.query(scope, on: req.db).filter(\.$id == id).first().unwrap(
            or: Abort(.notFound)
        )
        var input = try req.content.decode(PersonInput.self)
        // The form has no field for sex (an ЕГН gives it); without one the recorded value stays.
        if input.sex == nil { input.sex = person.sex }
        do {
            let draft = try await PersonDraft.validate(input, request: req)
            _ = try await PeopleStore.update(id, draft, version: input.version, scope: scope, request: req)
            return req.redirect(to: "/people/\(id)", flash: .saved)
        } catch let failure as ValidationFailure {
            return try await renderForm(
                req,
                user: user,
                input: input,
                errors: failure.byField,
                summary: req.errorSummary(failure),
                editing: id
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        } catch is EditConflict {
            return try await renderForm(
                req,
                user: user,
                input: input,
                errors: [:],
                summary: req.errorSummary(message: req.text(.errorConflict)),
                editing: id
            )
            .encodeResponse(status: .conflict, for: req)
        }
    }

    func register(req: Request) async throws -> Response {
        let user = try req.require(.editPeople)
        let input = try req.content.decode(PersonInput.self)
        guard let provider = user.providerID else { throw Abort(.forbidden) }
        do {
            let draft = try await PersonDraft.validate(input, request: req)
            let person = try await PeopleStore.create(
                draft,
                provider: provider,
                scope: user.scope(for: .viewPeople),
                confirmDuplicate: input.confirmDuplicate == "true",
                request: req
            )
            return req.redirect(to: "/people/\(person.id!)", flash: .personRegistered)
        } catch let failure as ValidationFailure {
            return try await renderForm(
                req,
                user: user,
                input: input,
                errors: failure.byField,
                summary: req.errorSummary(failure)
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        } catch let duplicate as PeopleStore.PossibleDuplicate {
            var summary = req.errorSummary(message: req.text(.personPossibleDuplicate))
            summary.links = duplicate.existing.map { person in
                let born = person.birthDate.flatMap(CalendarDay.init(iso:))?.display
                return ErrorSummary.Link(
                    href: "/people/\(person.id!)",
                    label: [person.name.full, born].compactMap { $0 }.joined(separator: ", ")
                )
            }
            return try await renderForm(
                req,
                user: user,
                input: input,
                errors: [:],
                summary: summary,
                confirmDuplicate: true
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func show(req: Request) async throws -> View {
        let user = try req.require(.viewPeople)
        let person = try await PeopleStore.open(
            try req.uuidParameter("personID"),
            user.scope(for: .viewPeople),
            request: req
        )
        let context = try await PersonFile.build(person: person, user: user, request: req)
        return try await req.view.render("cases/person", req.page(title: person.name.full, context))
    }

    func exportPage(req: Request) async throws -> View {
        let user = try req.require(.viewPeople)
        let person = try await PeopleStore.open(
            try req.uuidParameter("personID"),
            user.scope(for: .viewPeople),
            request: req
        )
        let record = try await SubjectAccessExport.build(person: person, request: req)
        let document = try await SubjectAccessDocument.build(record, person: person, request: req)
        return try await req.view.render(
            "cases/export",
            req.page(
                title: req.text(.exportTitle) + " " + person.name.full,
                ExportContext(id: person.id!.uuidString, document: document)
            )
        )
    }

    struct ExportContext: Encodable, Sendable {
        /// For the link to the JSON beside the document; the document itself names no id.
        var id: String
        var document: SubjectAccessDocument
    }

    func exportJSON(req: Request) async throws -> Response {
        let user = try req.require(.viewPeople)
        let person = try await PeopleStore.open(
            try req.uuidParameter("personID"),
            user.scope(for: .viewPeople),
            request: req
        )
        let response = try req.json(try await SubjectAccessExport.build(person: person, request: req))
        response.headers.replaceOrAdd(
            name: .contentDisposition,
            value: "attachment; filename=\"opora-\(person.id!).json\""
        )
        return response
    }
}

extension CurrentUser {
    /// The municipality whose settlements this user's forms offer: the provider's, else the first granted.
    func scopeMunicipality(on db: any Database) async throws -> String? {
        if let providerID,
            let code = try await Scoped.unscoped(Provider.self, on: db, .authentication).filter(\.$id == providerID)
                .field(\.$municipalityCode).rows({
                    try $0.schema(Provider.schema).decode("municipality_code", as: String.self)
                }).first
        {
            return code
        }
        return grants.first { $0.scopeKind == .municipality }?.scopeCode
    }
}
