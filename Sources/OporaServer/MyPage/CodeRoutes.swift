import OporaCore
import Vapor

/// The public page where a code is used: no one is signed in yet.
struct CodeRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("my", "code", use: form)
        routes.post("my", "code", use: redeem)
    }

    struct Form: Content {
        var code: String?
        var mode: String?
        var password: String?
    }

    struct Context: Encodable, Sendable {
        var form: FormState
        var modes: [Choice]
        var summary: ErrorSummary?
        var minimumLength: Int
        /// A representative already signed in: a ward's code adds that file to their account.
        var signedInAs: String?
    }

    func form(req: Request) async throws -> Response {
        try await render(req, Form(), problems: nil, status: .ok)
    }

    func redeem(req: Request) async throws -> Response {
        let input = try req.content.decode(Form.self)
        let mode = InvitationStore.Mode(rawValue: input.mode ?? "")
        let outcome = try await InvitationStore.redeem(
            code: input.code ?? "",
            mode: mode,
            password: input.password ?? "",
            request: req
        )
        switch outcome {
        case .signedIn(let token, let language):
            return SessionStart.redirect(req, to: "/my", token: token, language: language)
        case .refused(let problem):
            let failure = ValidationFailure(problems: [
                FieldProblem(field: "code", message: problem.message(in: req.language))
            ])
            return try await render(req, input, problems: failure, status: .unprocessableEntity)
        case .invalid(let failure):
            return try await render(req, input, problems: failure, status: .unprocessableEntity)
        }
    }

    private func render(
        _ req: Request,
        _ input: Form,
        problems: ValidationFailure?,
        status: HTTPStatus
    ) async throws
        -> Response
    {
        let chosen = input.mode ?? ""
        let context = Context(
            form: FormState(
                values: ["code": input.code ?? "", "mode": chosen],
                errors: problems?.byField ?? [:]
            ),
            modes: [
                Choice(value: "password", label: req.text(.myCodeModePassword), selected: chosen == "password"),
                Choice(value: "codes", label: req.text(.myCodeModeCodes), selected: chosen == "codes"),
            ],
            summary: problems.map { req.errorSummary($0) },
            minimumLength: PasswordPolicy.minimumLength,
            signedInAs: req.auth.get(CurrentUser.self).flatMap { $0.can(.useMyPage) ? $0.displayName : nil }
        )
        return try await req.view.render("mypage/code", req.page(title: req.text(.myCodeTitle), context))
            .encodeResponse(status: status, for: req)
    }
}
