import Fluent
import OporaCore
import Vapor

/// The facilitator's pages: the series of the scope, one series with its sessions, participants,
/// proposals and rounds, each added by a small form on the series page.
struct SeriesRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("codesign", use: list)
        routes.post("codesign", "series", use: createSeries)
        routes.get("codesign", "series", ":seriesID", use: page)
        routes.post("codesign", "series", ":seriesID", "sessions", use: addSession)
        routes.post("codesign", "series", ":seriesID", "participants", use: addParticipant)
        routes.post("codesign", "series", ":seriesID", "proposals", use: addProposal)
        routes.post("codesign", "series", ":seriesID", "rounds", use: openRound)
        routes.post("codesign", "proposals", ":proposalID", "moderate", use: moderate)
    }

    struct SeriesLine: Encodable, Sendable {
        var id: String
        var title: String
        var sessions: Int
    }

    struct ListContext: Encodable, Sendable {
        var series: [SeriesLine]
        var mayRun: Bool
        var form: FormState
        var summary: ErrorSummary?
    }

    func list(req: Request) async throws -> Response {
        try await renderList(req, form: FormState(), summary: nil, status: .ok)
    }

    private func renderList(
        _ req: Request,
        form: FormState,
        summary: ErrorSummary?,
        status: HTTPStatus
    ) async throws
        -> Response
    {
        let user = try req.require(.followWorkshops)
        let scope = user.scope(for: .followWorkshops)
        let series = try await Scoped.query(CoDesignSeries.self, scope, on: req.db).all()
        let sessions = try await Scoped.query(CoDesignSession.self, scope, on: req.db).all()
        let lines = series.sorted { BulgarianCollation.sortKey($0.title) < BulgarianCollation.sortKey($1.title) }
            .map { one in
                SeriesLine(
                    id: one.id!.uuidString,
                    title: one.title,
                    sessions: sessions.filter { $0.seriesID == one.id }.count
                )
            }
        let context = ListContext(series: lines, mayRun: user.can(.runWorkshops), form: form, summary: summary)
        return try await req.view.render("codesign/list", req.page(title: req.text(.codesignTitle), context))
            .encodeResponse(status: status, for: req)
    }

    struct SeriesForm: Content {
        var title: String?
        var goal: String?
        var easyRead: String?
        var schedule: String?
    }

    func createSeries(req: Request) async throws -> Response {
        let user = try req.require(.runWorkshops)
        let input = try req.content.decode(SeriesForm.self)
        var checks = req.fieldChecks()
        let title = checks.text("title", input.title)
        let goal = checks.text("goal", input.goal, maximum: 4000)
        let easyRead = checks.text("easyRead", input.easyRead, maximum: 1000)
        let schedule = checks.text("schedule", input.schedule, maximum: 1000)
        let municipality = user.scope(for: .runWorkshops).municipalities.sorted().first
        if municipality == nil { checks.add("title", key: .codesignNeedsMunicipality) }
        guard checks.problems.isEmpty, let municipality,
            let place = try await TerritoryQueries.municipality(municipality, on: req.db)
        else {
            let failure = ValidationFailure(problems: checks.problems)
            return try await renderList(
                req,
                form: req.refused(
                    [
                        "title": input.title ?? "", "goal": input.goal ?? "", "easyRead": input.easyRead ?? "",
                        "schedule": input.schedule ?? "",
                    ],
                    failure
                ),
                summary: req.errorSummary(failure),
                status: .unprocessableEntity
            )
        }
        let series = CoDesignSeries()
        series.version = 1
        series.oblastCode = place.oblastCode
        series.municipalityCode = municipality
        series.title = title
        series.goal = goal
        series.easyRead = easyRead
        series.schedule = schedule
        series.createdAt = req.application.clock.now()
        try await req.write { db in
            try await series.create(on: db)
            try await CoDesignStore.audit(db, req, "codesign.series.created", series.id!, at: series.createdAt)
        }
        return req.redirect(to: "/codesign/series/\(series.id!)", flash: .codesignSaved)
    }

    func page(req: Request) async throws -> Response {
        try await SeriesPage.render(req, refused: nil, code: nil, status: .ok)
    }

    struct SessionForm: Content {
        var day: String?
        var starts: String?
        var place: String?
        var stepFree: String?
        var signLanguage: String?
        var easyReadMaterial: String?
        var agenda: String?
        var materials: String?
    }

    func addSession(req: Request) async throws -> Response {
        let user = try req.require(.runWorkshops)
        let series = try await CoDesignStore.series(
            try req.uuidParameter("seriesID"),
            user.scope(for: .runWorkshops),
            on: req.db
        )
        let input = try req.content.decode(SessionForm.self)
        var checks = req.fieldChecks()
        let dayText = checks.text("day", input.day, maximum: 10)
        let day = CalendarDay(iso: dayText)
        if !dayText.isEmpty, day == nil { checks.add("day", key: .dateInvalid) }
        let starts = checks.text("starts", input.starts, maximum: 5)
        if !starts.isEmpty, TimeOfDayText.minutes(starts) == nil { checks.add("starts", key: .codesignTimeInvalid) }
        let place = checks.text("place", input.place, maximum: 300)
        let agenda = checks.text("agenda", input.agenda, maximum: 4000)
        let materials = checks.text("materials", input.materials, maximum: 2000, required: false)
        let values = [
            "day": input.day ?? "", "starts": input.starts ?? "", "place": input.place ?? "",
            "agenda": input.agenda ?? "", "materials": input.materials ?? "",
        ]
        guard checks.problems.isEmpty, let day else {
            return try await SeriesPage.render(
                req,
                refused: RefusedForm(target: "session", values: values)
                    .failed(req, ValidationFailure(problems: checks.problems)),
                code: nil,
                status: .unprocessableEntity
            )
        }
        let session = CoDesignSession()
        session.seriesID = try series.requireID()
        session.oblastCode = series.oblastCode
        session.municipalityCode = series.municipalityCode
        session.day = day.iso
        session.starts = starts
        session.place = place
        session.stepFree = input.stepFree == "on"
        session.signLanguage = input.signLanguage == "on"
        session.easyReadMaterial = input.easyReadMaterial == "on"
        session.agenda = agenda
        session.materials = materials
        let now = req.application.clock.now()
        try await req.write { db in
            try await session.create(on: db)
            try await CoDesignStore.audit(db, req, "codesign.session.added", session.seriesID, at: now)
        }
        return req.redirect(to: "/codesign/series/\(session.seriesID)#sessions", flash: .codesignSaved)
    }

    struct ParticipantForm: Content {
        var name: String?
        var kind: String?
    }

    func addParticipant(req: Request) async throws -> Response {
        let user = try req.require(.runWorkshops)
        let series = try await CoDesignStore.series(
            try req.uuidParameter("seriesID"),
            user.scope(for: .runWorkshops),
            on: req.db
        )
        let input = try req.content.decode(ParticipantForm.self)
        var checks = req.fieldChecks()
        let name = checks.text("name", input.name, maximum: 120)
        let kind = CoDesignParticipantKind(rawValue: input.kind ?? "")
        if kind == nil { checks.add("kind", key: .errorChooseFromList) }
        guard checks.problems.isEmpty, let kind else {
            return try await SeriesPage.render(
                req,
                refused: RefusedForm(
                    target: "participant",
                    values: ["name": input.name ?? ""],
                    chosen: [input.kind ?? ""]
                ).failed(req, ValidationFailure(problems: checks.problems)),
                code: nil,
                status: .unprocessableEntity
            )
        }
        let (_, code) = try await CoDesignStore.addParticipant(to: series, name: name, kind: kind, request: req)
        return try await SeriesPage.render(
            req,
            refused: nil,
            code: SeriesPage.IssuedCode(name: name, kind: kind.label(in: req.language), code: code),
            status: .ok
        )
    }

    struct ProposalForm: Content {
        var title: String?
        var text: String?
        var participant: String?
        var assisted: String?
        var consent: String?
    }

    func addProposal(req: Request) async throws -> Response {
        let user = try req.require(.runWorkshops)
        let scope = user.scope(for: .runWorkshops)
        let series = try await CoDesignStore.series(try req.uuidParameter("seriesID"), scope, on: req.db)
        let input = try req.content.decode(ProposalForm.self)
        var checks = req.fieldChecks()
        let title = checks.text("proposalTitle", input.title, maximum: 200)
        let text = checks.text("proposalText", input.text, maximum: 4000)
        var participant: UUID?
        if let raw = input.participant, !raw.isEmpty {
            participant = try await UUID(uuidString: raw).asyncFlatMap {
                try await Scoped.query(CoDesignParticipant.self, scope, on: req.db)
                    .filter(\.$id == $0).filter(\.$seriesID == series.requireID()).first()?.id
            }
            if participant == nil { checks.add("participant", key: .errorChooseFromList) }
        }
        let assisted = input.assisted == "on"
        if assisted, participant == nil { checks.add("participant", key: .codesignAssistedNeedsParticipant) }
        if assisted, input.consent != "on" { checks.add("consent", key: .codesignAssistedNeedsConsent) }
        guard checks.problems.isEmpty else {
            return try await SeriesPage.render(
                req,
                refused: RefusedForm(
                    target: "proposal",
                    values: ["proposalTitle": input.title ?? "", "proposalText": input.text ?? ""],
                    chosen: [input.participant ?? ""]
                ).failed(req, ValidationFailure(problems: checks.problems)),
                code: nil,
                status: .unprocessableEntity
            )
        }
        _ = try await CoDesignStore.addProposal(
            to: series,
            title: title,
            text: text,
            participant: participant,
            assisted: assisted,
            fromPublicPage: false,
            request: req
        )
        return req.redirect(to: "/codesign/series/\(series.id!)#proposals", flash: .codesignSaved)
    }

    struct RoundForm: Content {
        var roundTitle: String?
        var method: String?
        var dots: String?
    }

    func openRound(req: Request) async throws -> Response {
        let user = try req.require(.runWorkshops)
        let series = try await CoDesignStore.series(
            try req.uuidParameter("seriesID"),
            user.scope(for: .runWorkshops),
            on: req.db
        )
        let input = try req.content.decode(RoundForm.self)
        var checks = req.fieldChecks()
        let title = checks.text("roundTitle", input.roundTitle, maximum: 200)
        let method = CoDesignMethod(rawValue: input.method ?? "")
        if method == nil { checks.add("method", key: .errorChooseFromList) }
        var dots = 0
        if method == .dots {
            let typed = (input.dots ?? "").trimmingCharacters(in: .whitespaces)
            if typed.count <= 3, let n = Int(typed), CoDesignMethod.dotRange.contains(n) {
                dots = n
            } else {
                checks.add("dots", key: .codesignDotsRange)
            }
        }
        guard checks.problems.isEmpty, let method else {
            return try await SeriesPage.render(
                req,
                refused: RefusedForm(
                    target: "round",
                    values: ["roundTitle": input.roundTitle ?? "", "dots": input.dots ?? ""],
                    chosen: [input.method ?? ""]
                ).failed(req, ValidationFailure(problems: checks.problems)),
                code: nil,
                status: .unprocessableEntity
            )
        }
        let round = CoDesignRound()
        round.version = 1
        round.seriesID = try series.requireID()
        round.oblastCode = series.oblastCode
        round.municipalityCode = series.municipalityCode
        round.title = title
        round.method = method
        round.dots = dots
        round.state = .open
        round.openedAt = req.application.clock.now()
        try await req.write { db in
            try await round.create(on: db)
            try await CoDesignStore.audit(db, req, "codesign.round.opened", round.seriesID, at: round.openedAt)
        }
        return req.redirect(to: "/codesign/rounds/\(round.id!)", flash: .codesignRoundOpened)
    }

    struct ModerationForm: Content {
        var reason: String?
        var mergeInto: String?
    }

    func moderate(req: Request) async throws -> Response {
        let user = try req.require(.runWorkshops)
        let scope = user.scope(for: .runWorkshops)
        let proposal = try await Scoped.find(
            CoDesignProposal.self,
            try req.uuidParameter("proposalID"),
            scope,
            on: req.db
        )
        let input = try req.content.decode(ModerationForm.self)
        var checks = req.fieldChecks()
        let reason = checks.text("reason", input.reason, maximum: 300, required: false)
        var target: UUID?
        if let raw = input.mergeInto, !raw.isEmpty {
            target = try await UUID(uuidString: raw).asyncFlatMap {
                try await Scoped.query(CoDesignProposal.self, scope, on: req.db).filter(\.$id == $0)
                    .filter(\.$seriesID == proposal.seriesID).filter(\.$mergedInto == nil).first()?.id
            }
            if target == nil || target == proposal.id {
                checks.add("mergeInto", key: .errorChooseFromList)
            }
        } else if reason.isEmpty {
            checks.add("reason", key: .codesignModerationNeedsReason)
        }
        guard checks.problems.isEmpty else {
            let failure = ValidationFailure(problems: checks.problems)
            var refused = RefusedForm(target: "moderate:\(proposal.id!)", values: ["reason": input.reason ?? ""])
            refused.state.errors = failure.byField
            // Every proposal has its own small form, so the summary links to this one's fields.
            refused.summary = req.errorSummary(failure, idSuffix: "-\(proposal.id!)")
            return try await SeriesPage.render(
                req,
                refused: refused,
                code: nil,
                status: .unprocessableEntity,
                seriesID: proposal.seriesID
            )
        }
        try await CoDesignStore.moderate(
            proposal,
            hideWith: target == nil ? reason : nil,
            mergeInto: target,
            request: req
        )
        return req.redirect(to: "/codesign/series/\(proposal.seriesID)#proposals", flash: .codesignSaved)
    }
}

extension RefusedForm {
    func failed(_ req: Request, _ failure: ValidationFailure) -> RefusedForm {
        var refused = self
        refused.state.errors = failure.byField
        refused.summary = req.errorSummary(failure)
        return refused
    }
}

/// "HH:MM" on a 24-hour clock, as typed in a time field.
enum TimeOfDayText {
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
            (0..<24).contains(h), (0..<60).contains(m)
        else { return nil }
        return h * 60 + m
    }
}
