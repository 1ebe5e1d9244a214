import Fluent
import OporaCore
import Vapor

/// A participant answers a session's invitation on the public page: coming or not, and what they
/// need to take part. The facilitator sees the answers on the session's page and prints the
/// invitation to hand out or post.
struct RegistrationRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("workshops", "sessions", ":sessionID", "registration", use: register)
    }

    /// The public page's form for each session still to come, with the participant's answer.
    struct SessionForm: Encodable, Sendable {
        var id: String
        var label: String
        var answer: String?
        var coming: Bool?
        var needs: [Choice]
        var error: String?
    }

    static func forms(
        _ sessions: [CoDesignSession],
        participant: CoDesignParticipant,
        refused: (session: UUID, message: String)?,
        _ req: Request
    ) async throws -> [SessionForm] {
        let today = CalendarDay.today(at: req.application.clock.now())
        let upcoming = sessions.filter { CalendarDay(iso: $0.day).map { $0 >= today } ?? false }
        let answers = try await Scoped.unscoped(CoDesignRegistration.self, on: req.db, .throughParent)
            .filter(\.$participantID == participant.id!).filter(\.$sessionID ~~ upcoming.compactMap(\.id)).all()
        let bySession = Dictionary(answers.map { ($0.sessionID, $0) }, uniquingKeysWith: { a, _ in a })
        return upcoming.map { session in
            let answer = bySession[session.id!]
            let needs = Set(answer?.sessionNeeds ?? [])
            return SessionForm(
                id: session.id!.uuidString,
                label: (CalendarDay(iso: session.day)?.display ?? session.day) + ", " + session.starts + " · "
                    + session.place,
                answer: answer.map { req.text($0.coming ? .codesignComing : .codesignNotComing) },
                coming: answer?.coming,
                needs: SessionNeed.allCases.map {
                    Choice(value: $0.rawValue, label: $0.label(in: req.language), selected: needs.contains($0))
                },
                error: refused.flatMap { $0.session == session.id ? $0.message : nil }
            )
        }
    }

    struct Form: Content {
        var coming: String?
        var needs: [String]?
    }

    func register(req: Request) async throws -> Response {
        guard
            let session = try await Scoped.unscopedFind(
                CoDesignSession.self,
                try req.uuidParameter("sessionID"),
                on: req.db,
                .publicRecord
            ),
            let series = try await Scoped.unscopedFind(CoDesignSeries.self, session.seriesID, on: req.db, .publicRecord)
        else { throw Abort(.notFound) }
        guard let me = try await CoDesignPublicRoutes.participant(req), me.seriesID == session.seriesID else {
            return req.redirect(to: "/workshops/code")
        }
        try await req.checkPublicWriteLimit()
        let form = try req.content.decode(Form.self)
        let coming = ["yes": true, "no": false][form.coming ?? ""]
        let needs = (form.needs ?? []).prefix(SessionNeed.allCases.count).compactMap(SessionNeed.init(rawValue:))
        let today = CalendarDay.today(at: req.application.clock.now())
        if let problem = SessionRegistrationRule.problem(
            sessionDay: CalendarDay(iso: session.day) ?? today,
            today: today,
            coming: coming
        ) {
            let message = problem.message(in: req.language)
            return try await CoDesignPublicRoutes.renderSeries(
                req,
                series,
                form: FormState(),
                summary: req.errorSummary(message: message),
                status: .unprocessableEntity,
                registration: (session.id!, message)
            )
        }
        let now = req.application.clock.now()
        let sessionID = session.id!
        let participantID = me.id!
        try await req.write { db in
            let row =
                try await Scoped.unscoped(CoDesignRegistration.self, on: db, .reread)
                .filter(\.$sessionID == sessionID).filter(\.$participantID == participantID).first()
                ?? CoDesignRegistration()
            row.sessionID = sessionID
            row.participantID = participantID
            row.oblastCode = session.oblastCode
            row.municipalityCode = session.municipalityCode
            row.coming = coming!
            row.needs = coming! ? Set(needs).map(\.rawValue).sorted().joined(separator: ",") : ""
            row.answeredAt = now
            try await row.save(on: db)
            try await CoDesignStore.audit(
                db,
                req,
                "codesign.registration.answered",
                session.seriesID,
                at: now,
                [FieldChange(field: "coming", old: nil, new: coming! ? "yes" : "no")]
            )
        }
        return req.redirect(to: "/workshops/\(series.id!)#session-forms", flash: .codesignRegistrationSaved)
    }
}
