import Fluent
import OporaCore
import Vapor

/// A case's own page: its number, worker, stage and review date, then intake, assessments, plan,
/// notes, referrals, team and the history of every change; the forms that change the case
/// (move, reopen, note) live here.
struct CasePage: Encodable, Sendable {
    struct HistoryLine: Encodable, Sendable {
        var at: String
        var by: String
        var what: String
        var details: String
    }

    /// A version of the support plan as the page lists it, each printable.
    struct PlanVersionLine: Encodable, Sendable {
        var number: Int
        var madeOn: String
        var printHref: String
    }

    var personId: String
    var personName: String
    var supportCase: PersonFile.CaseView
    /// Newest first.
    var planVersions: [PlanVersionLine]
    var intake: [PersonFile.Fact]
    var assessments: [PersonFile.AssessmentView]
    var referrals: [PersonFile.Fact]
    var history: [HistoryLine]
    var canEdit: Bool
    /// One-time token of the note form (`FormOnce`): a double click writes one note.
    var noteToken: String
    var summary: ErrorSummary?

    static func build(
        _ supportCase: SupportCase,
        person: Person,
        user: CurrentUser,
        refused: RefusedForm? = nil,
        request req: Request
    ) async throws -> CasePage {
        let key = req.application.dataKey
        let language = req.language
        let db = req.db
        let id = supportCase.id!
        let canEdit = user.can(.editPeople)
        let view = try await PersonFile.caseView(
            supportCase,
            user: user,
            canEdit: canEdit,
            refused: refused,
            key: key,
            request: req
        )
        let assessments = try await Assessment.query(on: db).filter(\.$supportCase.$id == id).sort(\.$signedOn).all()
        let referrals = try await Scoped.unscoped(Referral.self, on: db, .throughParent)
            .filter(\.$supportCase.$id == id).with(\.$toProvider).sort(\.$sentAt).all()
        let versions = try await SupportPlanVersion.query(on: db).filter(\.$supportCase.$id == id)
            .sort(\.$number, .descending).all()
        return CasePage(
            personId: person.id!.uuidString,
            personName: person.name.full,
            supportCase: view,
            planVersions: versions.map {
                PlanVersionLine(
                    number: $0.number,
                    madeOn: SofiaTime.date($0.createdAt),
                    printHref: "/cases/\(id)/plan/print?version=\($0.number)"
                )
            },
            intake: [
                .init(label: req.text(.openedOn), value: view.openedOn),
                .init(label: req.text(.fieldReferralSource), value: view.source),
                .init(label: req.text(.fieldLegalBasis), value: view.basis),
                .init(label: req.text(.fieldRequest), value: view.request),
            ],
            assessments: try PersonFile.assessmentViews(assessments, key: key, request: req),
            referrals: referrals.map {
                .init(
                    label: ($0.toProvider?.name ?? $0.outsideService ?? "") + " · " + SofiaTime.date($0.sentAt),
                    value: $0.status.label(in: language) + ($0.declineReason.map { ": " + $0 } ?? "")
                )
            },
            history: try await history(
                of: id,
                referrals: referrals.compactMap(\.id),
                assessments: assessments,
                request: req
            ),
            canEdit: canEdit,
            noteToken: FormOnce.token(),
            summary: refused?.summary
        )
    }

    /// Every change of the case from the audit trail (its own events and its referrals'), with the
    /// signed assessments, newest first. Values are shown as the trail allows: a sealed value is a
    /// mark, a stage by its name.
    static func history(
        of id: UUID,
        referrals: [UUID],
        assessments: [Assessment],
        request req: Request
    ) async throws -> [HistoryLine] {
        let language = req.language
        let events = try await AuditEvent.query(on: req.db).group(.or) { group in
            group.group(.and) { $0.filter(\.$recordType == "case").filter(\.$recordID == id.uuidString) }
            if !referrals.isEmpty {
                group.group(.and) {
                    $0.filter(\.$recordType == "referral").filter(\.$recordID ~~ referrals.map(\.uuidString))
                }
            }
        }.sort(\.$seq).all()
        let names = try await PersonFile.displayNames(Set(events.compactMap(\.actorID)), on: req.db)
        var lines: [(Date, HistoryLine)] = events.map { event in
            let key = CatalogueKey(rawValue: "history_" + event.action.replacingOccurrences(of: ".", with: "_"))
            let what = req.text(key)
            return (
                event.at,
                HistoryLine(
                    at: SofiaTime.dateTime(event.at),
                    by: event.actorID.flatMap { names[$0] } ?? event.actorName,
                    what: what == key.rawValue ? event.action : what,
                    details: details(event.changes, language: language)
                )
            )
        }
        lines += assessments.map { row in
            (
                row.createdAt,
                HistoryLine(
                    at: SofiaTime.dateTime(row.createdAt),
                    by: row.signedBy,
                    what: req.text(.historyAssessmentSigned),
                    details: ""
                )
            )
        }
        return lines.sorted { $0.0 > $1.0 }.map(\.1)
    }

    /// A trail entry's changes in words: stages by name, sealed values as a mark, never opened.
    static func details(_ changes: String, language: Language) -> String {
        guard changes != "{}",
            let object = try? JSONDecoder().decode([String: [String?]].self, from: Data(changes.utf8))
        else { return "" }
        return object.keys.sorted().map { field in
            let values = object[field]!.map { value -> String in
                guard let value else { return "—" }
                if value.hasPrefix(SubjectKeys.sealedPrefix) { return "•••" }
                if field == "state" { return CaseState(rawValue: value)?.label(in: language) ?? value }
                if field == "shared" {
                    return value.split(separator: ",").compactMap {
                        SharedDataCategory(rawValue: String($0))?.label(in: language)
                    }.joined(separator: ", ")
                }
                return value
            }
            return values.joined(separator: " → ")
        }.joined(separator: "; ")
    }
}

extension CaseRoutes {
    func casePage(req: Request) async throws -> View {
        let user = try req.require(.viewPeople)
        let scope = user.scope(for: .viewPeople)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        let person = try await PeopleStore.open(supportCase.$person.id, scope, request: req)
        return try await renderCase(req, supportCase, person: person, user: user, refused: nil)
    }

    func renderCase(
        _ req: Request,
        _ supportCase: SupportCase,
        person: Person,
        user: CurrentUser,
        refused: RefusedForm?
    ) async throws -> View {
        let context = try await CasePage.build(supportCase, person: person, user: user, refused: refused, request: req)
        let title = req.text(.caseTitle) + " " + (supportCase.number ?? "") + " · " + person.name.full
        return try await req.view.render("cases/case", req.page(title: title, context))
    }

    /// Saves a form of the case page and returns to it; a refusal shows the page again with the
    /// form as typed and each message beside its field (ids `<field>-<case id>`).
    func saveOnCase(
        _ req: Request,
        user: CurrentUser,
        caseID: UUID,
        form: RefusedForm,
        _ work: () async throws -> Void
    ) async throws -> Response {
        do {
            try await work()
            return req.redirect(to: "/cases/\(caseID)", flash: .saved)
        } catch let failure as ValidationFailure {
            var form = form
            form.state.errors = failure.byField
            form.summary = req.errorSummary(failure, idSuffix: "-\(caseID)")
            let scope = user.scope(for: .viewPeople)
            let supportCase = try await CaseStore.find(caseID, scope, on: req.db)
            let person = try await PeopleStore.open(supportCase.$person.id, scope, request: req)
            return try await renderCase(req, supportCase, person: person, user: user, refused: form)
                .encodeResponse(status: .unprocessableEntity, for: req)
        } catch is EditConflict {
            return req.redirect(to: "/cases/\(caseID)", flash: .errorConflict)
        }
    }

    struct ReopenForm: Content {
        var reason: String?
        var version: Int?
    }

    func reopen(req: Request) async throws -> Response {
        let (user, scope) = try editor(req)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        let form = try req.content.decode(ReopenForm.self)
        let typed = RefusedForm(target: "reopen:\(supportCase.id!)", values: ["reason": form.reason ?? ""])
        return try await saveOnCase(req, user: user, caseID: supportCase.id!, form: typed) {
            _ = try await CaseStore.reopen(
                supportCase.id!,
                reason: form.reason,
                version: form.version,
                user: user,
                scope: scope,
                request: req
            )
        }
    }
}
