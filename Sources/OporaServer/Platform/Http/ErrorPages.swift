import Fluent
import Vapor

/// The one error middleware: problem+json under `/api/v1` and to a page's script that asks for
/// JSON, a page in the user's language elsewhere. The true status is kept; internals never reach
/// the client.
struct ErrorPages: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            var status = Self.status(of: error)
            if status == .internalServerError {
                request.logger.report(error: error)
            }
            var allowed: [String] = []
            if error is RouteNotFound {
                allowed = AllowedMethods.allowed(for: request.url.path, in: request.application.routes.all)
                if !allowed.isEmpty { status = .methodNotAllowed }
            }
            let response =
                request.url.path.hasPrefix("/api/") || Self.asksForJSON(request)
                ? problem(for: error, status: status, request: request)
                : await page(for: status, problems: (error as? MalformedRequest)?.problems ?? [], request: request)
            if !allowed.isEmpty { response.headers.replaceOrAdd(name: .allow, value: allowed.joined(separator: ", ")) }
            return response
        }
    }

    /// A script's request (`Accept: application/json`, not a browser's navigation).
    static func asksForJSON(_ request: Request) -> Bool {
        let accepted = request.headers.accept.map(\.mediaType)
        return accepted.contains(.json) && !accepted.contains(.html)
    }

    static func status(of error: any Error) -> HTTPResponseStatus {
        switch error {
        case is ValidationFailure: .unprocessableEntity
        case is EditConflict: .conflict
        case is DecodingError: .badRequest
        case let abort as any AbortError: abort.status
        default: .internalServerError
        }
    }

    private func problem(for error: any Error, status: HTTPResponseStatus, request: Request) -> Response {
        let language = request.language
        let catalogue = request.application.catalogue
        var details = ProblemDetails(
            type: "about:blank",
            title: status.reasonPhrase,
            status: Int(status.code),
            detail: nil,
            errors: nil
        )
        switch error {
        case let failure as ValidationFailure:
            details.title = catalogue.text(.errorValidationTitle, language)
            details.errors = failure.problems
        case let malformed as MalformedRequest:
            details.title = catalogue.text(.errorBodyMalformed, language)
            details.errors = malformed.problems
        case is EditConflict:
            details.detail = catalogue.text(.errorConflict, language)
        case let abort as any AbortError where status != .internalServerError:
            details.detail = abort.reason == status.reasonPhrase ? nil : abort.reason
        default:
            break
        }
        let response = Response(status: status)
        try? response.content.encode(details, using: JSONEncoder.api)
        response.headers.contentType = ProblemDetails.defaultContentType
        if status == .unauthorized {
            response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
        }
        return response
    }

    /// A malformed query (a page number out of range, a search too long) is named on the page,
    /// as the API names it, so the user can correct the address.
    private func page(for status: HTTPResponseStatus, problems: [FieldProblem], request: Request) async -> Response {
        if status == .unauthorized {
            return request.redirect(to: "/sign-in")
        }
        let key: CatalogueKey =
            switch status.code {
            case 403: .error403
            case 404, 405: .error404
            case 400..<500: .error400
            default: .error500
            }
        let context = ErrorPageContext(
            status: Int(status.code),
            message: request.text(key),
            problems: problems.map(\.message)
        )
        do {
            let view = try await request.view.render(
                "platform/error",
                request.page(title: request.text(.errorTitle), context)
            )
            let response = try await view.encodeResponse(status: status, for: request)
            return response
        } catch {
            let response = Response(
                status: status,
                body: .init(string: "<!doctype html><title>\(status.code)</title><p>\(status.code)</p>")
            )
            response.headers.contentType = .html
            return response
        }
    }
}

struct ErrorPageContext: Encodable, Sendable {
    var status: Int
    var message: String
    var problems: [String]
}

extension JSONEncoder {
    /// camelCase keys, ISO 8601 instants.
    static let api: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}
