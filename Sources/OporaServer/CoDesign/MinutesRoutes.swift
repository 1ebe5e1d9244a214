import Fluent
import OporaCore
import Vapor

/// A session's minutes: drafted from what the session recorded (attendance by kind, agenda,
/// proposals, results, decisions), edited by the facilitator, then published as a public page
/// that prints as a document.
struct MinutesRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("codesign", "sessions", ":sessionID", "minutes", use: edit)
        routes.post("codesign", "sessions", ":sessionID", "minutes", use: save)
    }

    struct PublishedContext: Encodable, Sendable {
        var seriesID: String
        var text: String
        var published: String
    }

    /// The published minutes, for everyone; a session whose minutes are not published is not found.
    static func published(req: Request) async throws -> View {
        guard
            let session = try await Scoped.unscopedFind(
                CoDesignSession.self,
                try req.uuidParameter("sessionID"),
                on: req.db,
                .publicRecord
            ),
            let text = session.minutes, let at = session.minutesPublishedAt
        else { throw Abort(.notFound) }
        let context = PublishedContext(seriesID: session.seriesID.uuidString, text: text, published: SofiaTime.date(at))
        return try await req.view.render("codesign/minutes", req.page(title: req.text(.codesignMinutes), context))
    }

    struct Context: Encodable, Sendable {
        var sessionID: String
        var seriesID: String
        var text: String
        var version: Int
        var published: String?
        var form: FormState
        var summary: ErrorSummary?
    }

    private func session(_ req: Request) async throws -> CoDesignSession {
        let user = try req.require(.runWorkshops)
        return try await Scoped.find(
            CoDesignSession.self,
            try req.uuidParameter("sessionID"),
            user.scope(for: .runWorkshops),
            on: req.db
        )
    }

    func edit(req: Request) async throws -> Response {
        let session = try await session(req)
        let text: String
        if let saved = session.minutes {
            text = saved
        } else {
            text = try await Self.draft(session, req)
        }
        return try await render(req, session, text: text, failure: nil, status: .ok)
    }

    private func render(
        _ req: Request,
        _ session: CoDesignSession,
        text: String,
        failure: ValidationFailure?,
        status: HTTPStatus
    ) async throws -> Response {
        let context = Context(
            sessionID: session.id!.uuidString,
            seriesID: session.seriesID.uuidString,
            text: text,
            version: session.minutesVersion ?? 0,
            published: session.minutesPublishedAt.map(SofiaTime.dateTime),
            form: FormState(values: ["minutes": text], errors: failure?.byField ?? [:]),
            summary: failure.map { req.errorSummary($0) }
        )
        return try await req.view.render("codesign/minutes-edit", req.page(title: req.text(.codesignMinutes), context))
            .encodeResponse(status: status, for: req)
    }

    struct Form: Content {
        var minutes: String?
        var version: String?
        var publish: String?
    }

    func save(req: Request) async throws -> Response {
        let session = try await session(req)
        let input = try req.content.decode(Form.self)
        var checks = req.fieldChecks()
        let text = checks.text("minutes", input.minutes, maximum: 20_000)
        let basedOn = Int(input.version ?? "") ?? -1
        guard checks.problems.isEmpty else {
            return try await render(
                req,
                session,
                text: input.minutes ?? "",
                failure: ValidationFailure(problems: checks.problems),
                status: .unprocessableEntity
            )
        }
        let id = try session.requireID()
        let now = req.application.clock.now()
        let publish = input.publish == "yes"
        let saved = try await req.write { db in
            try await db.lockRow(table: CoDesignSession.schema, id: id)
            guard let held = try await Scoped.unscopedFind(CoDesignSession.self, id, on: db, .reread),
                (held.minutesVersion ?? 0) == basedOn
            else { return false }
            held.minutes = text
            held.minutesVersion = basedOn + 1
            if publish { held.minutesPublishedAt = now }
            try await held.update(on: db)
            try await CoDesignStore.audit(
                db,
                req,
                publish ? "codesign.minutes.published" : "codesign.minutes.saved",
                held.seriesID,
                at: now
            )
            return true
        }
        guard saved else {
            var conflict = req.fieldChecks()
            conflict.add("minutes", key: .codesignMinutesConflict)
            return try await render(
                req,
                session,
                text: text,
                failure: ValidationFailure(problems: conflict.problems),
                status: .conflict
            )
        }
        return req.redirect(
            to: "/codesign/sessions/\(id)/minutes",
            flash: publish ? .codesignMinutesPublished : .codesignSaved
        )
    }

    /// The draft: what the session recorded, in the order a protocol reads.
    static func draft(_ session: CoDesignSession, _ req: Request) async throws -> String {
        let scope = AccessScope(municipalities: [session.municipalityCode])
        let series = try await CoDesignStore.series(session.seriesID, scope, on: req.db)
        let participants = try await Scoped.query(CoDesignParticipant.self, scope, on: req.db)
            .filter(\.$seriesID == session.seriesID).all()
        let present = Set(
            try await Scoped.query(CoDesignAttendance.self, scope, on: req.db)
                .filter(\.$sessionID == session.requireID()).filter(\.$attended == true).all().map(\.participantID)
        )
        var lines = [
            series.title,
            "\(req.text(.codesignDay)): \(CalendarDay(iso: session.day)?.display ?? session.day), \(session.starts)",
            "\(req.text(.codesignPlaceOfSession)): \(session.place)",
            "",
            "\(req.text(.codesignAttendance)): \(present.count)",
        ]
        for kind in CoDesignParticipantKind.allCases {
            let count = participants.filter { $0.kind == kind && present.contains($0.id!) }.count
            if count > 0 { lines.append("- \(kind.label(in: req.language)): \(count)") }
        }
        lines += ["", "\(req.text(.codesignAgenda)):", session.agenda, "", "\(req.text(.codesignProposals)):"]
        let proposals = try await Scoped.query(CoDesignProposal.self, scope, on: req.db)
            .filter(\.$sessionID == session.requireID()).sort(\.$createdAt).all()
        lines += proposals.map { "- \($0.title)" }
        let rounds = try await Scoped.query(CoDesignRound.self, scope, on: req.db)
            .filter(\.$seriesID == session.seriesID).all()
            .filter { CalendarDay.today(at: $0.openedAt).iso == session.day }
        for round in rounds {
            let results = try await RoundResults.build(round, req)
            lines += ["", "\(round.title) (\(CoDesignText.method(round.method, req)))"]
            lines += results.rows.map { "\($0.place). \($0.title): \($0.points)" }
        }
        let decisions = try await Scoped.query(CoDesignDecision.self, scope, on: req.db)
            .filter(\.$seriesID == session.seriesID).sort(\.$createdAt).all()
            .filter { CalendarDay.today(at: $0.createdAt).iso == session.day }
        if !decisions.isEmpty {
            lines += ["", "\(req.text(.codesignDecisions)):"]
            lines += decisions.map { "- \($0.text) — \($0.rationale)" }
        }
        return lines.joined(separator: "\n")
    }
}

/// The minutes' fields on sessions; all may be empty, so existing sessions need no value.
struct AddCoDesignMinutes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema(CoDesignSession.schema).field("minutes", .string).update()
        try await database.schema(CoDesignSession.schema).field("minutes_version", .int).update()
        try await database.schema(CoDesignSession.schema).field("minutes_published_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        for field: FieldKey in ["minutes", "minutes_version", "minutes_published_at"] {
            try await database.schema(CoDesignSession.schema).deleteField(field).update()
        }
    }
}
