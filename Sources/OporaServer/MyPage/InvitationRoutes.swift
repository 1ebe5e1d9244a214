import Fluent
import OporaCore
import Vapor

/// The case worker's side: invite a person or their representative from the person's file, and
/// print the letter with the code (or hand it to the notice sender).
struct InvitationRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("people", ":personID", "my-page", use: page)
        routes.post("people", ":personID", "my-page", use: invite)
    }

    struct Form: Content {
        var who: String?
        var delivery: String?
        var appointmentEnds: String?
    }

    struct AccountLine: Encodable, Sendable {
        var who: String
        var username: String
        var since: String
        var ends: String?
    }

    struct CodeLine: Encodable, Sendable {
        var who: String
        var issued: String
        var state: String
    }

    struct Context: Encodable, Sendable {
        var personID: String
        var personName: String
        var who: [Choice]
        var deliveries: [Choice]
        var accounts: [AccountLine]
        var codes: [CodeLine]
        var form: FormState
        var summary: ErrorSummary?
    }

    struct LetterContext: Encodable, Sendable {
        var personID: String
        var recipientName: String
        var personName: String
        var forRepresentative: Bool
        var username: String
        var code: String
        var expires: String
        var address: String
        var sent: Bool
    }

    private func person(_ req: Request) async throws -> (OwnFile.Summary, AccessScope) {
        let user = try req.require(.inviteServiceUsers)
        let scope = user.scope(for: .inviteServiceUsers)
        let id = try req.uuidParameter("personID")
        guard let person = try await OwnFile.people([id], scope, on: req.db).first else { throw Abort(.notFound) }
        return (person, scope)
    }

    func page(req: Request) async throws -> Response {
        let (person, scope) = try await person(req)
        return try await render(req, person, scope, form: Form(), failure: nil)
    }

    func invite(req: Request) async throws -> Response {
        let (person, scope) = try await person(req)
        let input = try req.content.decode(Form.self)
        let key = req.application.dataKey
        let representatives = try await OwnFile.representatives(of: person.id, scope, key: key, on: req.db)
        var checks = req.fieldChecks()
        let who = input.who ?? ""
        let representative = representatives.first { $0.memberID.uuidString == who }
        if who != "person", representative == nil { checks.add("who", key: .errorChooseFromList) }
        let delivery = input.delivery ?? ""
        if !["letter", "notice"].contains(delivery) { checks.add("delivery", key: .errorChooseFromList) }
        let endsText = (input.appointmentEnds ?? "").trimmingCharacters(in: .whitespaces)
        let ends = endsText.isEmpty ? nil : CalendarDay(iso: endsText)
        let today = CalendarDay.today(at: req.application.clock.now())
        if !endsText.isEmpty {
            if let ends {
                if ends < today || today.days(until: ends) > 366 * 30 {
                    checks.add("appointmentEnds", key: .myInviteEndsRange)
                }
            } else {
                checks.add("appointmentEnds", key: .dateInvalid)
            }
        }
        if representative == nil, !endsText.isEmpty {
            checks.add("appointmentEnds", key: .myInviteEndsOnlyRepresentative)
        }
        if !checks.problems.isEmpty {
            return try await render(
                req,
                person,
                scope,
                form: input,
                failure: ValidationFailure(problems: checks.problems)
            )
        }
        let issued = try await InvitationStore.issue(
            person: person,
            representative: representative,
            appointmentEnds: ends,
            request: req
        )
        let letter = LetterContext(
            personID: person.id.uuidString,
            recipientName: issued.recipientName,
            personName: issued.personName,
            forRepresentative: issued.forRepresentative,
            username: issued.username,
            code: issued.code,
            expires: SofiaTime.date(issued.expiresAt),
            address: "/my/code",
            sent: delivery == "notice"
        )
        if delivery == "notice" {
            let text = req.text(.myLetterNotice).replacingOccurrences(of: "{code}", with: issued.code)
                .replacingOccurrences(of: "{username}", with: issued.username)
                .replacingOccurrences(of: "{expires}", with: letter.expires)
            try await req.application.noticeSender.send(
                OutgoingNotice(id: UUID(), recipient: .person(person.id), text: text),
                logger: req.logger
            )
        }
        return try await req.view.render("mypage/letter", req.page(title: req.text(.myLetterTitle), letter))
            .encodeResponse(for: req)
    }

    private func render(
        _ req: Request,
        _ person: OwnFile.Summary,
        _ scope: AccessScope,
        form: Form,
        failure: ValidationFailure?
    ) async throws -> Response {
        let language = req.language
        let key = req.application.dataKey
        let representatives = try await OwnFile.representatives(of: person.id, scope, key: key, on: req.db)
        let names = Dictionary(
            representatives.map { ($0.memberID, $0.name + " (" + $0.legalRole.label(in: language) + ")") },
            uniquingKeysWith: { a, _ in a }
        )
        func who(_ member: UUID?) -> String {
            member.map { names[$0] ?? req.text(.myInviteFormerRepresentative) } ?? person.name
        }
        let fileScope = AccessScope(people: [person.id])
        let links = try await Scoped.query(MyPageLink.self, fileScope, on: req.db).sort(\.$createdAt).all()
        let usernames = try await Scoped.unscoped(User.self, on: req.db, .throughParent)
            .filter(\.$id ~~ links.map(\.userID)).all()
        let byID = Dictionary(usernames.map { ($0.id!, $0.username) }, uniquingKeysWith: { a, _ in a })
        let now = req.application.clock.now()
        let codes = try await Scoped.query(MyPageInvitation.self, fileScope, on: req.db)
            .sort(\.$createdAt, .descending).limit(10).all()
        let chosen = form.who ?? "person"
        let context = Context(
            personID: person.id.uuidString,
            personName: person.name,
            who: [
                Choice(
                    value: "person",
                    label: person.name + " " + req.text(.myInviteThePerson),
                    selected: chosen == "person"
                )
            ]
                + representatives.map {
                    Choice(
                        value: $0.memberID.uuidString,
                        label: names[$0.memberID]!,
                        selected: chosen == $0.memberID.uuidString
                    )
                },
            deliveries: [
                Choice(
                    value: "letter",
                    label: req.text(.myInviteLetter),
                    selected: (form.delivery ?? "letter") == "letter"
                ),
                Choice(value: "notice", label: req.text(.myInviteNotice), selected: form.delivery == "notice"),
            ],
            accounts: links.map {
                AccountLine(
                    who: who($0.memberID),
                    username: byID[$0.userID] ?? "",
                    since: SofiaTime.date($0.createdAt),
                    ends: $0.appointmentEnds.flatMap(CalendarDay.init(iso:))?.display
                )
            },
            codes: codes.map { code in
                let state: CatalogueKey =
                    code.usedAt != nil
                    ? .myInviteCodeUsed
                    : code.revoked
                        ? .myInviteCodeReplaced : code.expiresAt <= now ? .myInviteCodeExpired : .myInviteCodeWaiting
                return CodeLine(
                    who: who(code.memberID),
                    issued: SofiaTime.dateTime(code.createdAt),
                    state: req.text(state)
                )
            },
            form: FormState(
                values: [
                    "who": chosen, "delivery": form.delivery ?? "letter", "appointmentEnds": form.appointmentEnds ?? "",
                ],
                errors: failure?.byField ?? [:]
            ),
            summary: failure.map { req.errorSummary($0) }
        )
        return try await req.view.render("mypage/invite", req.page(title: req.text(.myInviteTitle), context))
            .encodeResponse(status: failure == nil ? .ok : .unprocessableEntity, for: req)
    }
}
