import Fluent
import OporaCore
import Vapor

/// The centre's side of a request: read it and answer it once.
struct RequestAnswerRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("my-page", "requests", ":requestID", use: show)
        routes.post("my-page", "requests", ":requestID", use: answer)
    }

    struct Context: Encodable, Sendable {
        var id: String
        var version: Int
        var personName: String
        var kind: String
        var visit: String
        var text: String
        var sent: String
        var due: String
        var overdue: Bool
        var state: String
        var isOpen: Bool
        var answer: String?
        var answeredBy: String?
        var decisions: [Choice]
        var form: FormState
        var summary: ErrorSummary?
    }

    func show(req: Request) async throws -> Response {
        try await render(req, form: FormState(), summary: nil, status: .ok)
    }

    func answer(req: Request) async throws -> Response {
        let user = try req.require(.answerChangeRequests)
        let input = try req.content.decode(ChangeRequestStore.Answer.self)
        let id = try req.uuidParameter("requestID")
        do {
            _ = try await ChangeRequestStore.answer(
                id,
                input,
                scope: user.scope(for: .answerChangeRequests),
                request: req
            )
        } catch let failure as ValidationFailure {
            return try await render(
                req,
                form: req.refused(["decision": input.decision ?? "", "answer": input.answer ?? ""], failure),
                summary: req.errorSummary(failure),
                status: .unprocessableEntity
            )
        }
        return req.redirect(to: "/my-page/requests/\(id)", flash: .myRequestAnswered)
    }

    private func render(
        _ req: Request,
        form: FormState,
        summary: ErrorSummary?,
        status: HTTPStatus
    ) async throws
        -> Response
    {
        let user = try req.require(.answerChangeRequests)
        let scope = user.scope(for: .answerChangeRequests)
        let record = try await Scoped.find(
            ChangeRequestRecord.self,
            try req.uuidParameter("requestID"),
            scope,
            on: req.db
        )
        let language = req.language
        let key = req.application.dataKey
        let person = try await OwnFile.people([record.personID], scope, on: req.db).first
        let due = CalendarDay(iso: record.dueOn)
        let today = CalendarDay.today(at: req.application.clock.now())
        let chosen = form.values["decision"] ?? ""
        let context = Context(
            id: record.id!.uuidString,
            version: record.version,
            personName: person?.name ?? "",
            kind: record.requestKind?.label(in: language) ?? record.kind,
            visit: record.visitLabel,
            text: try key.open(record.textSealed),
            sent: SofiaTime.dateTime(record.submittedAt),
            due: due?.display ?? record.dueOn,
            overdue: record.requestState == .open && (due.map { $0 < today } ?? false),
            state: record.requestState.label(in: language),
            isOpen: record.requestState == .open,
            answer: try record.answerSealed.map { try key.open($0) },
            answeredBy: record.answeredBy,
            decisions: [ChangeRequestState.accepted, .declined].map {
                Choice(value: $0.rawValue, label: $0.label(in: language), selected: $0.rawValue == chosen)
            },
            form: form,
            summary: summary
        )
        return try await req.view.render("mypage/answer", req.page(title: req.text(.myAnswerTitle), context))
            .encodeResponse(status: status, for: req)
    }
}

/// The requests waiting for an answer, soonest due first, for the staff's home page.
enum OpenRequests {
    static func panel(for user: CurrentUser, request req: Request) async throws -> HomePanel? {
        guard user.can(.answerChangeRequests) else { return nil }
        let scope = user.scope(for: .answerChangeRequests)
        let open = try await Scoped.query(ChangeRequestRecord.self, scope, on: req.db)
            .filter(\.$state == ChangeRequestState.open.rawValue).sort(\.$dueOn).sort(\.$submittedAt).limit(10).all()
        guard !open.isEmpty else { return nil }
        let names = try await OwnFile.people(Set(open.map(\.personID)), scope, on: req.db)
        let byID = Dictionary(names.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let today = CalendarDay.today(at: req.application.clock.now())
        return HomePanel(
            id: "my-page-requests",
            title: req.text(.myAnswerPanel),
            lines: open.map { record in
                let due = CalendarDay(iso: record.dueOn)
                let overdue = due.map { $0 < today } ?? false
                return HomePanel.Line(
                    href: "/my-page/requests/\(record.id!)",
                    text: (byID[record.personID] ?? "") + ": " + (record.requestKind?.label(in: req.language) ?? ""),
                    detail: req.text(overdue ? .myAnswerOverdue : .myAnswerDue) + " " + (due?.display ?? record.dueOn)
                )
            }
        )
    }
}
