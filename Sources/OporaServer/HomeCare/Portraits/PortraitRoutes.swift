import Fluent
import Foundation
import OporaCore
import Vapor

/// `/home-care/my-photo`: a visiting worker chooses whether the people they visit see their photo
/// beside their name, sends one, or takes it back. Nothing is shown without the tick, and taking
/// the photo back removes it.
struct PortraitRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("home-care", "my-photo", use: page)
        routes.post("home-care", "my-photo", use: upload)
        routes.post("home-care", "my-photo", "remove", use: remove)
        routes.get("home-care", "my-photo", "image", use: image)
    }

    struct Input: Content {
        var photo: File?
        var agree: String?
    }

    struct Context: Encodable, Sendable {
        var hasPhoto: Bool
        var maximumKB: Int
        var hint: String
        var form: FormState
        var summary: ErrorSummary?
    }

    func page(req: Request) async throws -> View {
        try await render(req, failure: nil)
    }

    private func render(_ req: Request, failure: ValidationFailure?) async throws -> View {
        let user = try req.require(.recordVisits)
        let record = try await Self.own(user, on: req.db)
        let context = Context(
            hasPhoto: record != nil,
            maximumKB: WorkerPortrait.maximumBytes / 1000,
            hint: req.text(.portraitHint).replacingOccurrences(
                of: "{max}",
                with: String(WorkerPortrait.maximumBytes / 1000)
            ),
            form: failure.map { req.refused([:], $0) } ?? FormState(),
            summary: failure.map { req.errorSummary($0) }
        )
        return try await req.view.render("homecare/my-photo", req.page(title: req.text(.portraitTitle), context))
    }

    func upload(req: Request) async throws -> Response {
        let user = try req.require(.recordVisits)
        guard let providerID = user.providerID,
            let account = try await Scoped.unscopedFind(User.self, user.id, on: req.db, .authentication),
            let oblast = account.oblastCode, let municipality = account.municipalityCode
        else { throw Abort(.forbidden) }
        let input = try req.content.decode(Input.self)
        let accepted: (bytes: [UInt8], kind: WorkerPortrait.Kind)
        do {
            let buffer = input.photo?.data ?? ByteBuffer()
            accepted = try WorkerPortrait.accept(
                buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? [],
                agreed: input.agree == "yes"
            )
        } catch {
            var checks = req.fieldChecks()
            checks.add(error == .noAgreement ? "agree" : "photo", error)
            let failure = ValidationFailure(problems: checks.problems)
            return try await render(req, failure: failure).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let sealed = try req.application.dataKey.seal(Data(accepted.bytes).base64EncodedString())
        let now = req.application.clock.now()
        let actor = req.auditActor
        let userID = user.id
        try await req.write { db in
            // A second photo replaces the first; the unique worker id keeps one row even when two
            // presses race.
            let record =
                try await Scoped.query(WorkerPortraitRecord.self, AccessScope(providers: [providerID]), on: db)
                .filter(\.$userID == userID).first() ?? WorkerPortraitRecord()
            let replacing = record.id != nil
            record.providerID = providerID
            record.municipalityCode = municipality
            record.oblastCode = oblast
            record.userID = userID
            record.kind = accepted.kind.rawValue
            record.imageSealed = sealed
            record.agreedAt = now
            try await record.save(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: replacing ? "portrait.replaced" : "portrait.agreed",
                recordType: "user",
                recordID: userID.uuidString,
                changes: [],
                at: now
            )
        }
        return req.redirect(to: "/home-care/my-photo", flash: .portraitSaved)
    }

    func remove(req: Request) async throws -> Response {
        let user = try req.require(.recordVisits)
        guard let providerID = user.providerID else { throw Abort(.forbidden) }
        let actor = req.auditActor
        let now = req.application.clock.now()
        let userID = user.id
        try await req.write { db in
            let records = try await Scoped.query(
                WorkerPortraitRecord.self,
                AccessScope(providers: [providerID]),
                on: db
            ).filter(\.$userID == userID).all()
            guard !records.isEmpty else { return }
            for record in records { try await record.delete(on: db) }
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "portrait.withdrawn",
                recordType: "user",
                recordID: userID.uuidString,
                changes: [],
                at: now
            )
        }
        return req.redirect(to: "/home-care/my-photo", flash: .portraitRemoved)
    }

    /// The worker's own photo, as the people they visit see it.
    func image(req: Request) async throws -> Response {
        let user = try req.require(.recordVisits)
        guard try await Self.own(user, on: req.db) != nil,
            let found = try await WorkerPortraits.image(of: user.id, key: req.application.dataKey, on: req.db)
        else { throw Abort(.notFound) }
        return WorkerPortraits.response(found.bytes, found.kind)
    }

    static func own(_ user: CurrentUser, on db: any Database) async throws -> WorkerPortraitRecord? {
        guard let providerID = user.providerID else { return nil }
        return try await Scoped.query(WorkerPortraitRecord.self, AccessScope(providers: [providerID]), on: db)
            .filter(\.$userID == user.id).first()
    }
}
