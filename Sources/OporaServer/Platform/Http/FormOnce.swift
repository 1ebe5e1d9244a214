import Fluent
import Vapor

/// A form that creates something carries a one-time token; a second submission of the same
/// token (a double click, a reload of the answer) creates nothing.
final class FormSubmission: Model, @unchecked Sendable {
    static let schema = "form_submissions"

    @ID(custom: "token", generatedBy: .user) var id: String?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "at") var at: Date

    init() {}
}

struct CreateFormSubmissions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FormSubmission.schema)
            .field("token", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FormSubmission.schema).delete()
    }
}

enum FormOnce {
    static let field = "formToken"

    /// A fresh token for a form that creates a record.
    static func token() -> String { Secrets.token() }

    /// True the first time a token is presented (or when a form sent none, as an older page would);
    /// false when the token was used before, and then the caller does nothing again.
    static func claim(_ token: String?, user: UUID, request req: Request) async throws -> Bool {
        guard let token, !token.isEmpty, token.count <= 64 else { return true }
        let now = req.application.clock.now()
        do {
            try await req.write { db in
                guard try await FormSubmission.find(token, on: db) == nil else { throw AlreadySubmitted() }
                let submission = FormSubmission()
                submission.id = token
                submission.userID = user
                submission.at = now
                try await submission.create(on: db)
            }
            return true
        } catch is AlreadySubmitted {
            return false
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return false
        }
    }

    private struct AlreadySubmitted: Error {}
}
