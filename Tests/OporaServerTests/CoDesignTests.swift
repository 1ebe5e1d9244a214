import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

/// Workshops: the facilitator's series, sessions, participants and proposals; a round voted on
/// the public page by a participant with a one-time code; the refusals of bad ballots.
@Suite("Co-design workshops")
struct CoDesignTests {
    struct Workshop {
        var series: UUID
        var proposals: [UUID]
        var facilitator: Browser
    }

    /// A series with one session and three proposals, made through the facilitator's pages.
    static func workshop(_ app: Application) async throws -> Workshop {
        let facilitator = Browser(app)
        _ = try await facilitator.signIn("facilitator")
        let created = try await facilitator.post(
            "/codesign/series",
            [
                ("title", "Услуги за хора с увреждания"), ("goal", "Заедно да изберем услугите за 2027 г."),
                ("easyRead", "Срещаме се. Всеки има един глас."), ("schedule", "Веднъж месечно"),
            ],
            from: "/codesign"
        )
        #expect(created.status == .seeOther)
        let series = try #require(try await CoDesignSeries.query(on: app.db).first()).id!
        let session = try await facilitator.post(
            "/codesign/series/\(series)/sessions",
            [
                ("day", "2027-02-03"), ("starts", "14:00"), ("place", "Общината, зала 1"), ("stepFree", "on"),
                ("agenda", "Предложения и гласуване"), ("materials", ""),
            ],
            from: "/codesign/series/\(series)"
        )
        #expect(session.status == .seeOther)
        for title in ["Транспорт с рампа", "Асистенти в неделя", "Лесен за четене език"] {
            let made = try await facilitator.post(
                "/codesign/series/\(series)/proposals",
                [("title", title), ("text", "Защото е нужно."), ("participant", "")],
                from: "/codesign/series/\(series)"
            )
            #expect(made.status == .seeOther)
        }
        let proposals = try await CoDesignProposal.query(on: app.db).sort(\.$createdAt).all().map { $0.id! }
        return Workshop(series: series, proposals: proposals, facilitator: facilitator)
    }

    /// Adds a participant and reads the code off the page, as the facilitator hands it out.
    static func code(_ workshop: Workshop, name: String, kind: CoDesignParticipantKind) async throws -> String {
        let page = try await workshop.facilitator.post(
            "/codesign/series/\(workshop.series)/participants",
            [("name", name), ("kind", kind.rawValue)],
            from: "/codesign/series/\(workshop.series)"
        )
        #expect(page.status == .ok)
        let body = page.body.string
        let range = try #require(body.range(of: #"class="letter-code">"#))
        return String(body[range.upperBound...].prefix(14))
    }

    static func openRound(_ workshop: Workshop, method: CoDesignMethod, dots: String = "") async throws -> UUID {
        let opened = try await workshop.facilitator.post(
            "/codesign/series/\(workshop.series)/rounds",
            [("roundTitle", "Кое е най-важно?"), ("method", method.rawValue), ("dots", dots)],
            from: "/codesign/series/\(workshop.series)"
        )
        #expect(opened.status == .seeOther)
        return try #require(try await CoDesignRound.query(on: workshop.facilitator.app.db).sort(\.$openedAt).all().last)
            .id!
    }

    static func results(_ app: Application, _ round: UUID) async throws -> CoDesignAPI.ResultsDTO {
        try await APIClient.signIn(app, "facilitator").call(.GET, "/codesign/rounds/\(round)/results")
            .json(CoDesignAPI.ResultsDTO.self)
    }

    @Test(
        "A public page is read without an account, and a participant votes there once, changing the ballot until it closes"
    )
    func publicVote() async throws {
        try await withOpora { app, _ async throws in
            let workshop = try await Self.workshop(app)
            let round = try await Self.openRound(workshop, method: .dots, dots: "3")
            let code = try await Self.code(workshop, name: "Мария Стоянова", kind: .serviceUser)

            let visitor = Browser(app)
            let page = try await visitor.get("/workshops/\(workshop.series)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Срещаме се. Всеки има един глас."))
            #expect(!page.body.string.contains("Мария Стоянова"), "a participant's name never reaches a public page")

            let registered = try await visitor.post(
                "/workshops/code",
                [("code", code.lowercased())],
                from: "/workshops/code"
            )
            #expect(registered.status == .seeOther)
            let again = try await Browser(app).post("/workshops/code", [("code", code)], from: "/workshops/code")
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("вече е използван"))

            let p = workshop.proposals
            let tooMany = try await visitor.post(
                "/workshops/rounds/\(round)",
                [("mark-\(p[0])", "3"), ("mark-\(p[1])", "1")],
                from: "/workshops/rounds/\(round)"
            )
            #expect(tooMany.status == .unprocessableEntity)
            #expect(tooMany.body.string.contains("повече точки от позволеното"))
            #expect(try await Self.results(app, round).ballots == 0, "a refused ballot counts nothing")

            let cast = try await visitor.post(
                "/workshops/rounds/\(round)",
                [("mark-\(p[0])", "2"), ("mark-\(p[1])", "1")],
                from: "/workshops/rounds/\(round)"
            )
            #expect(cast.status == .seeOther)
            let changed = try await visitor.post(
                "/workshops/rounds/\(round)",
                [("mark-\(p[2])", "3")],
                from: "/workshops/rounds/\(round)"
            )
            #expect(changed.status == .seeOther)
            let counted = try await Self.results(app, round)
            #expect(counted.ballots == 1)
            #expect(
                counted.rows.map(\.proposalTitle) == [
                    "Лесен за четене език", "Асистенти в неделя", "Транспорт с рампа",
                ]
            )
            #expect(counted.rows.map(\.points) == [3, 0, 0])

            let closed = try await workshop.facilitator.post(
                "/codesign/rounds/\(round)/close",
                [],
                from: "/codesign/rounds/\(round)"
            )
            #expect(closed.status == .seeOther)
            let late = try await visitor.post(
                "/workshops/rounds/\(round)",
                [("mark-\(p[0])", "3")],
                from: "/workshops/rounds/\(round)"
            )
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.string.contains("приключило"))
            #expect(try await Self.results(app, round).rows.map(\.points) == [3, 0, 0])
        }
    }

    @Test("An observer does not vote; a score outside 0–5 and an empty proposal are refused with a message")
    func refusals() async throws {
        try await withOpora { app, _ async throws in
            let workshop = try await Self.workshop(app)
            let round = try await Self.openRound(workshop, method: .scores)
            let observer = Browser(app)
            let code = try await Self.code(workshop, name: "Виктор Динев", kind: .observer)
            _ = try await observer.post("/workshops/code", [("code", code)], from: "/workshops/code")
            let p = workshop.proposals
            let refused = try await observer.post(
                "/workshops/rounds/\(round)",
                [("mark-\(p[0])", "4")],
                from: "/workshops/rounds/\(round)"
            )
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("не гласуват"))

            _ = try await Self.code(workshop, name: "Георги Петков", kind: .serviceUser)
            let participant = try #require(
                try await CoDesignParticipant.query(on: app.db).filter(\.$kind == .serviceUser).first()
            )
            let outOfRange = try await workshop.facilitator.post(
                "/codesign/rounds/\(round)/ballots",
                [("participant", participant.id!.uuidString), ("mark-\(p[0])", "6")],
                from: "/codesign/rounds/\(round)"
            )
            #expect(outOfRange.status == .unprocessableEntity)
            #expect(outOfRange.body.string.contains("от 0 до 5"))
            let withoutConsent = try await workshop.facilitator.post(
                "/codesign/rounds/\(round)/ballots",
                [("participant", participant.id!.uuidString), ("mark-\(p[0])", "5"), ("assisted", "on")],
                from: "/codesign/rounds/\(round)"
            )
            #expect(withoutConsent.status == .unprocessableEntity)
            let assisted = try await workshop.facilitator.post(
                "/codesign/rounds/\(round)/ballots",
                [
                    ("participant", participant.id!.uuidString), ("mark-\(p[0])", "5"), ("assisted", "on"),
                    ("consent", "on"),
                ],
                from: "/codesign/rounds/\(round)"
            )
            #expect(assisted.status == .seeOther)
            #expect(try await CoDesignBallotRecord.query(on: app.db).all().map(\.assisted) == [true])

            let empty = try await workshop.facilitator.post(
                "/codesign/series/\(workshop.series)/proposals",
                [("title", "Нещо"), ("text", "   ")],
                from: "/codesign/series/\(workshop.series)"
            )
            #expect(empty.status == .unprocessableEntity)
            #expect(try await CoDesignProposal.query(on: app.db).count() == 3)
        }
    }

    @Test("A hidden proposal shows its reason on the public page and leaves the ballot; the log names who hid it")
    func moderation() async throws {
        try await withOpora { app, _ async throws in
            let workshop = try await Self.workshop(app)
            let p = workshop.proposals
            let noReason = try await workshop.facilitator.post(
                "/codesign/proposals/\(p[1])/moderate",
                [("reason", " "), ("mergeInto", "")],
                from: "/codesign/series/\(workshop.series)"
            )
            #expect(noReason.status == .unprocessableEntity)
            #expect(
                noReason.body.string.contains(##"href="#reason-\##(p[1])""##),
                "the summary links to this proposal's field"
            )
            let hidden = try await workshop.facilitator.post(
                "/codesign/proposals/\(p[1])/moderate",
                [("reason", "Обидни думи"), ("mergeInto", "")],
                from: "/codesign/series/\(workshop.series)"
            )
            #expect(hidden.status == .seeOther)
            let merged = try await workshop.facilitator.post(
                "/codesign/proposals/\(p[2])/moderate",
                [("reason", ""), ("mergeInto", p[0].uuidString)],
                from: "/codesign/series/\(workshop.series)"
            )
            #expect(merged.status == .seeOther)
            let page = try await Browser(app).get("/workshops/\(workshop.series)").body.string
            #expect(page.contains("Обидни думи"))
            #expect(!page.contains("Асистенти в неделя"))
            let round = try await Self.openRound(workshop, method: .ranking)
            #expect(try await Self.results(app, round).rows.map(\.proposalTitle) == ["Транспорт с рампа"])
            let log = try await workshop.facilitator.get("/codesign/series/\(workshop.series)").body.string
            #expect(log.contains("Асен Тодоров"))
        }
    }

    @Test("Workshops are seen in their municipality only; others get 404, those without the permission 403")
    func scope() async throws {
        try await withOpora { app, _ async throws in
            let workshop = try await Self.workshop(app)
            let director = try await APIClient.signIn(app, "director")
            #expect(try await director.call(.GET, "/codesign/series/\(workshop.series)").status == .ok)
            let created = try await director.call(
                .POST,
                "/codesign/series/\(workshop.series)/proposals",
                json: #"{"title":"x","text":"y"}"#
            )
            #expect(created.status == .forbidden, "the director follows the workshops but does not run them")
            let caseworker = try await APIClient.signIn(app, "caseworker")
            #expect(try await caseworker.call(.GET, "/codesign/series").status == .forbidden)
            let facilitator = try await APIClient.signIn(app, "facilitator")
            #expect(try await facilitator.call(.GET, "/codesign/series/\(UUID())").status == .notFound)
            let empty = try await facilitator.call(
                .POST,
                "/codesign/series/\(workshop.series)/proposals",
                json: #"{"title":"Заглавие","text":""}"#
            )
            #expect(empty.status == .unprocessableEntity)
        }
    }
}

@Suite("Co-design decisions followed to the end")
struct CoDesignDecisionTests {
    @Test(
        "A decision becomes an action whose progress the public page shows; a stale update is a conflict, 101 % refused"
    )
    func followUp() async throws {
        try await withOpora { app, _ async throws in
            let workshop = try await CoDesignTests.workshop(app)
            let made = try await workshop.facilitator.post(
                "/codesign/series/\(workshop.series)/decisions",
                [
                    ("decision", "Транспорт от 2027 г."), ("rationale", "Първо място"),
                    ("proposal", workshop.proposals[0].uuidString),
                ],
                from: "/codesign/series/\(workshop.series)"
            )
            #expect(made.status == .seeOther)
            let decision = try #require(try await CoDesignDecision.query(on: app.db).first()).id!
            let added = try await workshop.facilitator.post(
                "/codesign/decisions/\(decision)/actions",
                [
                    ("title", "Микробус с рампа"), ("owner", "Дирекция „Социални дейности“"), ("due", "2027-06-30"),
                    ("service", ""),
                ],
                from: "/codesign/series/\(workshop.series)"
            )
            #expect(added.status == .seeOther)
            let action = try #require(try await CoDesignAction.query(on: app.db).first()).id!
            let tooMuch = try await workshop.facilitator.post(
                "/codesign/actions/\(action)/progress",
                [("percent", "101"), ("note", ""), ("version", "1")],
                from: "/codesign/series/\(workshop.series)"
            )
            #expect(tooMuch.status == .unprocessableEntity)
            let updated = try await workshop.facilitator.post(
                "/codesign/actions/\(action)/progress",
                [("percent", "40"), ("note", "Поръчката е обявена"), ("version", "1")],
                from: "/codesign/series/\(workshop.series)"
            )
            #expect(updated.status == .seeOther)
            let stale = try await workshop.facilitator.post(
                "/codesign/actions/\(action)/progress",
                [("percent", "60"), ("note", ""), ("version", "1")],
                from: "/codesign/series/\(workshop.series)"
            )
            #expect(stale.status == .conflict)
            let row = try #require(try await CoDesignAction.query(on: app.db).first())
            #expect(row.percent == 40)
            #expect(row.state == .underWay)
            let page = try await Browser(app).get("/workshops/\(workshop.series)").body.string
            #expect(page.contains("Микробус с рампа"))
            #expect(page.contains("в изпълнение"))
            #expect(page.contains("Поръчката е обявена"))
            #expect(page.contains("Транспорт с рампа"), "the decision names the proposal it took up")
        }
    }
}

@Suite("Co-design public writes")
struct CoDesignPublicWriteTests {
    @Test("A public write without the form's token is refused, and one address writing too often gets 429")
    func csrfAndLimit() async throws {
        try await withOpora { app, _ async throws in
            let visitor = Browser(app)
            let forged = try await visitor.post(
                "/workshops/code",
                [("code", "ACDE-FGHJ-KMNP")],
                from: "/workshops/code",
                csrf: false
            )
            #expect(forged.status == .forbidden)
            var statuses: [HTTPStatus] = []
            for _ in 0...PublicWriteLimit.writes {
                statuses.append(
                    try await visitor.post("/workshops/code", [("code", "ACDE-FGHJ-KMNP")], from: "/workshops/code")
                        .status
                )
            }
            #expect(statuses.dropLast().allSatisfy { $0 == .unprocessableEntity })
            #expect(statuses.last == .tooManyRequests)
        }
    }
}

@Suite("Co-design minutes")
struct CoDesignMinutesTests {
    @Test("Minutes are drafted from the session, edited, and public only once published; a stale save is a conflict")
    func minutes() async throws {
        try await withOpora { app, _ async throws in
            let workshop = try await CoDesignTests.workshop(app)
            let session = try #require(try await CoDesignSession.query(on: app.db).first()).id!
            let draft = try await workshop.facilitator.get("/codesign/sessions/\(session)/minutes")
            #expect(draft.status == .ok)
            #expect(draft.body.string.contains("Предложения и гласуване"), "the draft carries the agenda")
            #expect(try await Browser(app).get("/workshops/sessions/\(session)/minutes").status == .notFound)
            let saved = try await workshop.facilitator.post(
                "/codesign/sessions/\(session)/minutes",
                [("minutes", "Протокол: присъстваха 12 души."), ("version", "0"), ("publish", "no")],
                from: "/codesign/sessions/\(session)/minutes"
            )
            #expect(saved.status == .seeOther)
            #expect(try await Browser(app).get("/workshops/sessions/\(session)/minutes").status == .notFound)
            let stale = try await workshop.facilitator.post(
                "/codesign/sessions/\(session)/minutes",
                [("minutes", "Друг текст"), ("version", "0"), ("publish", "yes")],
                from: "/codesign/sessions/\(session)/minutes"
            )
            #expect(stale.status == .conflict)
            let published = try await workshop.facilitator.post(
                "/codesign/sessions/\(session)/minutes",
                [("minutes", "Протокол: присъстваха 12 души."), ("version", "1"), ("publish", "yes")],
                from: "/codesign/sessions/\(session)/minutes"
            )
            #expect(published.status == .seeOther)
            let page = try await Browser(app).get("/workshops/sessions/\(session)/minutes")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("присъстваха 12 души"))
        }
    }
}
