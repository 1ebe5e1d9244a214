import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Co-design: comments, amendments and answers to invitations")
struct CoDesignDiscussionTests {
    /// A browser registered on the public page as a participant of the kind.
    static func participant(
        _ workshop: CoDesignTests.Workshop,
        _ name: String,
        _ kind: CoDesignParticipantKind
    )
        async throws -> Browser
    {
        let code = try await CoDesignTests.code(workshop, name: name, kind: kind)
        let browser = Browser(workshop.facilitator.app)
        let registered = try await browser.post("/workshops/code", [("code", code)], from: "/workshops/code")
        #expect(registered.status == .seeOther)
        return browser
    }

    @Test("A participant's proposal is amended by another; only its author decides, and accepting lets the other lapse")
    func authorDecides() async throws {
        try await withOpora { app, _ async throws in
            let workshop = try await CoDesignTests.workshop(app)
            let author = try await Self.participant(workshop, "Мария Стоянова", .serviceUser)
            let page = "/workshops/\(workshop.series)"
            #expect(
                try await author.post(
                    page + "/proposals",
                    [("title", "Транспорт"), ("text", "Транспорт до центъра")],
                    from: page
                ).status == .seeOther
            )
            let proposal = try #require(
                try await CoDesignProposal.query(on: app.db).filter(\.$title == "Транспорт").first()
            )
            let pid = proposal.id!
            let other = try await Self.participant(workshop, "Петър Илиев", .familyCarer)
            let same = try await other.post(
                "/workshops/proposals/\(pid)/amendments",
                [("text", "Транспорт до центъра ")],
                from: page
            )
            #expect(same.status == .unprocessableEntity)
            #expect(same.body.string.contains("Текстът е същият като сегашния"))
            #expect(same.body.string.contains(##"href="#amendmentText-\##(pid)""##))
            for wording in ["Транспорт до центъра и обратно", "Безплатен транспорт до центъра"] {
                let sent = try await other.post(
                    "/workshops/proposals/\(pid)/amendments",
                    [("text", wording)],
                    from: page
                )
                #expect(sent.status == .seeOther)
            }
            let comment = try await other.post(
                "/workshops/proposals/\(pid)/comments",
                [("text", "И в събота, моля.")],
                from: page
            )
            #expect(comment.status == .seeOther)
            #expect(
                try await other.post("/workshops/proposals/\(pid)/comments", [("text", " ")], from: page).status
                    == .unprocessableEntity
            )

            let amendments = try await CoDesignAmendment.query(on: app.db).sort(\.$createdAt).all()
            #expect(amendments.map(\.state) == [.open, .open])
            // Someone who is not the author cannot decide, on the page or by posting anyway.
            #expect(!(try await other.get(page)).body.string.contains("/decision"))
            let notAuthor = try await other.post(
                "/workshops/amendments/\(amendments[0].id!)/decision",
                [("decision", "accept")],
                from: page
            )
            #expect(notAuthor.status == .unprocessableEntity)
            #expect(notAuthor.body.string.contains("Само авторът на предложението решава"))
            #expect(
                try await workshop.facilitator.post(
                    "/codesign/amendments/\(amendments[0].id!)/decision",
                    [("decision", "accept")],
                    from: "/codesign/series/\(workshop.series)"
                ).status == .unprocessableEntity
            )

            #expect(
                try await author.get(page).body.string.contains("/workshops/amendments/\(amendments[0].id!)/decision")
            )
            let accepted = try await author.post(
                "/workshops/amendments/\(amendments[0].id!)/decision",
                [("decision", "accept")],
                from: page
            )
            #expect(accepted.status == .seeOther)
            let now = try await CoDesignAmendment.query(on: app.db).sort(\.$createdAt).all()
            #expect(now.map(\.state) == [.accepted, .superseded])
            #expect(try await CoDesignProposal.find(pid, on: app.db)?.text == "Транспорт до центъра и обратно")
            let lapsed = try await author.post(
                "/workshops/amendments/\(amendments[1].id!)/decision",
                [("decision", "accept")],
                from: page
            )
            #expect(lapsed.status == .unprocessableEntity)
            #expect(lapsed.body.string.contains("вече е решено"))
            let shown = try await Browser(app).get(page).body.string
            #expect(shown.contains("И в събота, моля.") && shown.contains("отпада: текстът вече е променен"))
            #expect(try await CoDesignComment.query(on: app.db).count() == 1)

            let api = try await APIClient.signIn(app, "facilitator").call(.GET, "/codesign/series/\(workshop.series)")
                .json(CoDesignAPI.SeriesDetailDTO.self)
            #expect(api.amendments.map(\.state) == ["accepted", "superseded"])
            #expect(api.amendments.allSatisfy { $0.proposalId == pid && $0.fromParticipant })
            #expect(api.comments.map(\.text) == ["И в събота, моля."])
            #expect(api.proposals.first { $0.id == pid }?.text == "Транспорт до центъра и обратно")
        }
    }

    @Test("The facilitator decides for a proposal from the room and hides a comment with a reason; observers only read")
    func facilitatorAndObserver() async throws {
        try await withOpora { app, _ async throws in
            let workshop = try await CoDesignTests.workshop(app)
            let page = "/workshops/\(workshop.series)"
            let room = workshop.proposals[0]
            let carer = try await Self.participant(workshop, "Петър Илиев", .familyCarer)
            _ = try await carer.post(
                "/workshops/proposals/\(room)/amendments",
                [("text", "Транспорт с рампа всеки ден")],
                from: page
            )
            _ = try await carer.post("/workshops/proposals/\(room)/comments", [("text", "Глупости!")], from: page)
            let amendment = try #require(try await CoDesignAmendment.query(on: app.db).first())
            let comment = try #require(try await CoDesignComment.query(on: app.db).first())
            let series = "/codesign/series/\(workshop.series)"
            let rejected = try await workshop.facilitator.post(
                "/codesign/amendments/\(amendment.id!)/decision",
                [("decision", "reject")],
                from: series
            )
            #expect(rejected.status == .seeOther)
            #expect(try await CoDesignAmendment.find(amendment.id!, on: app.db)?.state == .rejected)
            #expect(try await CoDesignProposal.find(room, on: app.db)?.text == "Защото е нужно.")
            let noReason = try await workshop.facilitator.post(
                "/codesign/comments/\(comment.id!)/hide",
                [("reason", "")],
                from: series
            )
            #expect(noReason.status == .unprocessableEntity)
            let hidden = try await workshop.facilitator.post(
                "/codesign/comments/\(comment.id!)/hide",
                [("reason", "Обидни думи")],
                from: series
            )
            #expect(hidden.status == .seeOther)
            let shown = try await Browser(app).get(page).body.string
            #expect(shown.contains("Обидни думи") && !shown.contains("Глупости!"))
            #expect(try await CoDesignModeration.query(on: app.db).filter(\.$action == "comment-hidden").count() == 1)

            let observer = try await Self.participant(workshop, "Виктор Динев", .observer)
            let tried = try await observer.post(
                "/workshops/proposals/\(room)/comments",
                [("text", "Аз също")],
                from: page
            )
            #expect(tried.status == .seeOther && tried.headers.first(name: .location) == "/workshops/code")
            #expect(try await CoDesignComment.query(on: app.db).count() == 1)
            #expect(
                try await Browser(app).post("/workshops/proposals/\(UUID())/comments", [("text", "x")], from: page)
                    .status == .notFound
            )
        }
    }

    @Test("A participant answers a session's invitation with what they need; the facilitator counts the answers")
    func answersToInvitations() async throws {
        try await withOpora { app, _ async throws in
            let workshop = try await CoDesignTests.workshop(app)
            let page = "/workshops/\(workshop.series)"
            let session = try #require(try await CoDesignSession.query(on: app.db).first()).id!
            let maria = try await Self.participant(workshop, "Мария Стоянова", .serviceUser)
            let form = try await maria.get(page).body.string
            #expect(form.contains("/workshops/sessions/\(session)/registration"))
            #expect(!form.contains(#"value="yes" checked"#) && !form.contains(#"value="no" checked"#))
            let undecided = try await maria.post(
                "/workshops/sessions/\(session)/registration",
                [("needs[]", "transport")],
                from: page
            )
            #expect(undecided.status == .unprocessableEntity)
            #expect(undecided.body.string.contains("Изберете дали ще дойдете"))
            #expect(try await CoDesignRegistration.query(on: app.db).count() == 0)
            let coming = try await maria.post(
                "/workshops/sessions/\(session)/registration",
                [("coming", "yes"), ("needs[]", "transport"), ("needs[]", "signLanguage"), ("needs[]", "flying")],
                from: page
            )
            #expect(coming.status == .seeOther)
            let petar = try await Self.participant(workshop, "Петър Илиев", .familyCarer)
            _ = try await petar.post("/workshops/sessions/\(session)/registration", [("coming", "no")], from: page)
            let facilitator = try await workshop.facilitator.get("/codesign/sessions/\(session)").body.string
            #expect(facilitator.contains("Ще дойда: 1 · Няма да дойда: 1"))
            #expect(facilitator.contains("превоз до мястото: 1") && facilitator.contains("превод на жестов език: 1"))
            // A second answer replaces the first.
            _ = try await maria.post("/workshops/sessions/\(session)/registration", [("coming", "no")], from: page)
            let rows = try await CoDesignRegistration.query(on: app.db).all()
            #expect(rows.count == 2 && rows.allSatisfy { !$0.coming && $0.needs.isEmpty })
            let letter = try await workshop.facilitator.get("/codesign/sessions/\(session)/invitation")
            #expect(letter.status == .ok && letter.body.string.contains("Общината, зала 1"))
            let visitor = Browser(app)
            let anonymous = try await visitor.post(
                "/workshops/sessions/\(session)/registration",
                [("coming", "yes")],
                from: page
            )
            #expect(anonymous.headers.first(name: .location) == "/workshops/code")
        }
    }
}
