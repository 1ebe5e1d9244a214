import Fluent
import OporaCore
import Vapor

/// Page actions on a person's cases: intake, moves, notes, assessment, plan. Referrals have their
/// own pages (`ReferralRoutes`), and the person's consent to share is recorded in the referral form.
struct CaseRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("people", ":personID", "cases", use: openCase)
        routes.post("people", ":personID", "household", use: addHouseholdMember)
        routes.get("cases", ":caseID", use: casePage)
        routes.post("cases", ":caseID", "transitions", use: transition)
        routes.post("cases", ":caseID", "reopen", use: reopen)
        routes.post("cases", ":caseID", "notes", use: addNote)
        routes.get("cases", ":caseID", "assessment", use: assessmentForm)
        routes.post("cases", ":caseID", "assessment", use: assess)
        routes.get("cases", ":caseID", "plan", use: planForm)
        routes.post("cases", ":caseID", "plan", use: savePlan)
    }

    func editor(_ req: Request) throws -> (CurrentUser, AccessScope) {
        let user = try req.require(.editPeople)
        return (user, user.scope(for: .editPeople))
    }

    func personOf(_ supportCase: SupportCase) -> String { "/people/\(supportCase.$person.id)" }

    /// Saves a form of the person's file and returns to the file; a refusal shows the file again, the
    /// form as it was typed and each message beside its field.
    private func saveOnFile(
        _ req: Request,
        user: CurrentUser,
        personID: UUID,
        form: RefusedForm,
        _ work: () async throws -> String?
    ) async throws -> Response {
        do {
            // `work` may name the page to go on to (a new case's own page); the file otherwise.
            let next = try await work()
            return req.redirect(to: next ?? "/people/\(personID)", flash: .saved)
        } catch let failure as ValidationFailure {
            var form = form
            form.state.errors = failure.byField
            // The page's element ids: `hh-<field>` in the household form, `<field>-<case id>` in a case's forms.
            let caseID = form.target.split(separator: ":").dropFirst().first.map { "-" + $0 } ?? ""
            form.summary = req.errorSummary(
                failure,
                idPrefix: form.target == "household" ? "hh-" : "",
                idSuffix: caseID
            )
            let person = try await PeopleStore.open(personID, user.scope(for: .viewPeople), request: req)
            let context = try await PersonFile.build(person: person, user: user, refused: form, request: req)
            return try await req.view.render("cases/person", req.page(title: person.name.full, context))
                .encodeResponse(status: .unprocessableEntity, for: req)
        } catch is EditConflict {
            return req.redirect(to: "/people/\(personID)", flash: .errorConflict)
        }
    }

    func openCase(req: Request) async throws -> Response {
        let (user, scope) = try editor(req)
        let person = try await PeopleStore.open(try req.uuidParameter("personID"), scope, request: req)
        let intake = try req.content.decode(CaseStore.Intake.self)
        // Pressing „Отвори случай“ twice opened two identical intakes.
        guard
            try await FormOnce.claim(try? req.content.get(String.self, at: FormOnce.field), user: user.id, request: req)
        else {
            return req.redirect(to: "/people/\(person.id!)")
        }
        let typed = RefusedForm(
            target: "intake",
            values: [
                "referralSource": intake.referralSource ?? "", "legalBasis": intake.legalBasis ?? "",
                "request": intake.request ?? "",
            ]
        )
        return try await saveOnFile(req, user: user, personID: person.id!, form: typed) {
            let opened = try await CaseStore.open(person: person, intake: intake, user: user, request: req)
            return "/cases/\(opened.id!)"
        }
    }

    struct HouseholdForm: Content {
        var name: String?
        var relation: String?
        var phone: String?
        var livesWith: String?
        var legalRole: String?
    }

    func addHouseholdMember(req: Request) async throws -> Response {
        let (user, scope) = try editor(req)
        let person = try await PeopleStore.open(try req.uuidParameter("personID"), scope, request: req)
        let form = try req.content.decode(HouseholdForm.self)
        let input = HouseholdStore.Input(
            name: form.name,
            relation: form.relation,
            phone: form.phone,
            livesWith: form.livesWith == "true",
            legalRole: form.legalRole
        )
        let typed = RefusedForm(
            target: "household",
            values: [
                "name": form.name ?? "", "relation": form.relation ?? "", "phone": form.phone ?? "",
                "livesWith": form.livesWith ?? "", "legalRole": form.legalRole ?? "",
            ]
        )
        return try await saveOnFile(req, user: user, personID: person.id!, form: typed) {
            _ = try await HouseholdStore.add(to: person, input, request: req)
            return nil
        }
    }

    struct TransitionForm: Content {
        var to: String?
        var reason: String?
        /// The box "I confirm closing: the services stop", required when `to` is closed.
        var confirmClose: String?
        var version: Int?
    }

    func transition(req: Request) async throws -> Response {
        let (user, scope) = try editor(req)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        let form = try req.content.decode(TransitionForm.self)
        let typed = RefusedForm(
            target: "transition:\(supportCase.id!)",
            values: ["to": form.to ?? "", "reason": form.reason ?? "", "confirmClose": form.confirmClose ?? ""]
        )
        return try await saveOnCase(req, user: user, caseID: supportCase.id!, form: typed) {
            _ = try await CaseStore.transition(
                supportCase.id!,
                to: form.to,
                reason: form.reason,
                confirmClose: form.confirmClose == "yes",
                version: form.version,
                scope: scope,
                request: req
            )
        }
    }

    struct NoteForm: Content {
        var text: String?
        var kind: String?
        var contactOn: String?
        /// A ticked box: the person agreed that visiting workers may read the note.
        var forVisits: String?
    }

    func addNote(req: Request) async throws -> Response {
        let (user, scope) = try editor(req)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        let form = try req.content.decode(NoteForm.self)
        guard
            try await FormOnce.claim(try? req.content.get(String.self, at: FormOnce.field), user: user.id, request: req)
        else { return req.redirect(to: "/cases/\(supportCase.id!)") }
        let typed = RefusedForm(
            target: "note:\(supportCase.id!)",
            values: [
                "text": form.text ?? "", "kind": form.kind ?? "", "contactOn": form.contactOn ?? "",
                "forVisits": form.forVisits ?? "",
            ]
        )
        return try await saveOnCase(req, user: user, caseID: supportCase.id!, form: typed) {
            _ = try await CaseStore.addNote(
                supportCase.id!,
                text: form.text,
                kind: form.kind ?? "",
                contactOn: form.contactOn ?? "",
                forVisitingWorkers: form.forVisits == "on",
                scope: scope,
                request: req
            )
        }
    }
}
