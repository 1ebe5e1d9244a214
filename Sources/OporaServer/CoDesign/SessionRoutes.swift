import Fluent
import OporaCore
import Vapor

/// One session: its details and the attendance taken on the day, counted by kind for the minutes.
struct SessionRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("codesign", "sessions", ":sessionID", use: page)
        routes.post("codesign", "sessions", ":sessionID", "attendance", use: attendance)
        routes.get("codesign", "sessions", ":sessionID", "invitation", use: invitation)
    }

    /// A participant's answer to the invitation, as the facilitator reads it.
    struct Answer: Encodable, Sendable {
        var name: String
        var kind: String
        var coming: Bool
        var needs: String
    }

    struct Attendee: Encodable, Sendable {
        var id: String
        var name: String
        var kind: String
        var attended: Bool
    }

    struct KindCount: Encodable, Sendable {
        var kind: String
        var count: Int
    }

    struct Context: Encodable, Sendable {
        var seriesID: String
        var seriesTitle: String
        var session: SeriesPage.SessionLine
        var agenda: String
        var materials: String
        var attendees: [Attendee]
        var byKind: [KindCount]
        var answers: [Answer]
        var coming: Int
        var notComing: Int
        /// What those coming need, counted, so the facilitator arranges it before the day.
        var needs: [KindCount]
        var mayRun: Bool
    }

    func page(req: Request) async throws -> View {
        let user = try req.require(.followWorkshops)
        let scope = user.scope(for: .followWorkshops)
        let session = try await Scoped.find(CoDesignSession.self, try req.uuidParameter("sessionID"), scope, on: req.db)
        let series = try await CoDesignStore.series(session.seriesID, scope, on: req.db)
        let participants = try await Scoped.query(CoDesignParticipant.self, scope, on: req.db)
            .filter(\.$seriesID == session.seriesID).all()
        let present = Set(
            try await Scoped.query(CoDesignAttendance.self, scope, on: req.db)
                .filter(\.$sessionID == session.requireID()).filter(\.$attended == true).all().map(\.participantID)
        )
        let key = req.application.dataKey
        let attendees = try participants.map {
            Attendee(
                id: $0.id!.uuidString,
                name: try key.open($0.nameSealed),
                kind: $0.kind.label(in: req.language),
                attended: present.contains($0.id!)
            )
        }.sorted { BulgarianCollation.sortKey($0.name) < BulgarianCollation.sortKey($1.name) }
        let byKind = CoDesignParticipantKind.allCases.map { kind in
            KindCount(
                kind: kind.label(in: req.language),
                count: participants.filter { $0.kind == kind && present.contains($0.id!) }.count
            )
        }.filter { $0.count > 0 }
        let sessions = try await CoDesignSessions.ordered(of: session.seriesID, scope, on: req.db)
        let number = (sessions.firstIndex { $0.id == session.id } ?? 0) + 1
        let registrations = try await Scoped.query(CoDesignRegistration.self, scope, on: req.db)
            .filter(\.$sessionID == session.requireID()).all()
        let byID = Dictionary(uniqueKeysWithValues: participants.map { ($0.id!, $0) })
        let answers = try registrations.compactMap { row -> Answer? in
            guard let participant = byID[row.participantID] else { return nil }
            return Answer(
                name: try key.open(participant.nameSealed),
                kind: participant.kind.label(in: req.language),
                coming: row.coming,
                needs: row.sessionNeeds.map { $0.label(in: req.language) }.joined(separator: ", ")
            )
        }.sorted { BulgarianCollation.sortKey($0.name) < BulgarianCollation.sortKey($1.name) }
        let coming = registrations.filter(\.coming)
        let needs = SessionNeed.allCases.map { need in
            KindCount(kind: need.label(in: req.language), count: coming.filter { $0.sessionNeeds.contains(need) }.count)
        }.filter { $0.count > 0 }
        let context = Context(
            seriesID: series.id!.uuidString,
            seriesTitle: series.title,
            session: CoDesignSessions.line(session, req, number: number),
            agenda: session.agenda,
            materials: session.materials,
            attendees: attendees,
            byKind: byKind,
            answers: answers,
            coming: coming.count,
            notComing: registrations.count - coming.count,
            needs: needs,
            mayRun: user.can(.runWorkshops)
        )
        let title = req.text(.codesignSessionNumber).replacingOccurrences(of: "{n}", with: String(number))
        return try await req.view.render("codesign/session", req.page(title: title, context))
    }

    func attendance(req: Request) async throws -> Response {
        let user = try req.require(.runWorkshops)
        let scope = user.scope(for: .runWorkshops)
        let session = try await Scoped.find(CoDesignSession.self, try req.uuidParameter("sessionID"), scope, on: req.db)
        let sessionID = try session.requireID()
        let fields = try req.content.decode([String: String].self)
        let participants = try await Scoped.query(CoDesignParticipant.self, scope, on: req.db)
            .filter(\.$seriesID == session.seriesID).all()
        let present = Set(participants.compactMap(\.id).filter { fields["present-\($0)"] == "on" })
        let now = req.application.clock.now()
        try await req.write { db in
            try await Scoped.unscoped(CoDesignAttendance.self, on: db, .throughParent)
                .filter(\.$sessionID == sessionID).delete()
            for participant in participants {
                let row = CoDesignAttendance()
                row.sessionID = sessionID
                row.participantID = participant.id!
                row.oblastCode = session.oblastCode
                row.municipalityCode = session.municipalityCode
                row.attended = present.contains(participant.id!)
                try await row.create(on: db)
            }
            try await CoDesignStore.audit(
                db,
                req,
                "codesign.attendance.taken",
                session.seriesID,
                at: now,
                [
                    FieldChange(field: "present", old: nil, new: String(present.count))
                ]
            )
        }
        return req.redirect(to: "/codesign/sessions/\(sessionID)", flash: .codesignSaved)
    }

    struct InvitationContext: Encodable, Sendable {
        var seriesTitle: String
        var easyRead: String
        var session: SeriesPage.SessionLine
        var agenda: String
        var publicAddress: String
    }

    /// The invitation to print and hand out or post: when, where, how to get in, what will be
    /// done, in short sentences, and where to say whether one comes.
    func invitation(req: Request) async throws -> View {
        let user = try req.require(.runWorkshops)
        let scope = user.scope(for: .runWorkshops)
        let session = try await Scoped.find(CoDesignSession.self, try req.uuidParameter("sessionID"), scope, on: req.db)
        let series = try await CoDesignStore.series(session.seriesID, scope, on: req.db)
        let sessions = try await CoDesignSessions.ordered(of: session.seriesID, scope, on: req.db)
        let number = (sessions.firstIndex { $0.id == session.id } ?? 0) + 1
        let context = InvitationContext(
            seriesTitle: series.title,
            easyRead: series.easyRead,
            session: CoDesignSessions.line(session, req, number: number),
            agenda: session.agenda,
            publicAddress: "/workshops/\(series.id!)"
        )
        return try await req.view.render(
            "codesign/invitation",
            req.page(title: req.text(.codesignInvitation), context)
        )
    }
}
