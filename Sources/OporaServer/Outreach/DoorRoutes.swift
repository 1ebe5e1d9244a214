import Fluent
import OporaCore
import Vapor

/// The outreach worker's phone page: the entrances assigned to them, the contact form, and what
/// they logged lately. The form works offline through the shared outbox (`Public/js/outbox.js`),
/// which posts each entry to `/outreach/contacts/events`, the API's twin under the session.
struct DoorRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("outreach", "door", use: page)
        routes.post("outreach", "door", use: post)
        routes.post("outreach", "contacts", "events", use: ContactEndpoint.submit)
    }

    struct RecentRow: Encodable, Sendable {
        var day: String
        var place: String
        var outcome: String
        var minutes: String
        var met: String
    }

    struct DoorContext: Encodable, Sendable {
        var entranceChoices: [Choice]
        var purposeChoices: [Choice]
        var outcomeChoices: [Choice]
        var form: FormState
        var summary: ErrorSummary?
        var clientId: String
        var today: String
        var oldest: String
        var recent: [RecentRow]
    }

    func page(req: Request) async throws -> View {
        try await render(req, form: FormState())
    }

    private func render(_ req: Request, form: FormState, summary: ErrorSummary? = nil) async throws -> View {
        let user = try req.require(.recordOutreachContacts)
        let reach = OutreachReach(user, .recordOutreachContacts)
        let language = req.language
        let today = CalendarDay.today(at: req.application.clock.now())
        let entrances = try await TerritoryOfWork.entrances(of: user.id, reach, on: req.db)
        let blockShort = req.text(.outreachBlockShort)
        var values = form.values
        if values["day"] == nil { values["day"] = today.iso }
        if values["minutes"] == nil { values["minutes"] = "30" }
        let chosen = values["entrance"] ?? ""
        let names = Dictionary(
            uniqueKeysWithValues: entrances.map {
                ($0.2.id!, "\($0.0.name), \(blockShort) \($0.1.number), \($0.2.label)")
            }
        )
        let month = CalendarMonth(containing: today)!
        let key = req.application.dataKey
        let recent = try await ContactStore.month(of: user.id, month, reach.scope, on: req.db).suffix(10).reversed()
            .map { contact in
                RecentRow(
                    day: contact.calendarDay?.display ?? contact.day,
                    place: "\(names[contact.entranceID] ?? "—"), \(req.text(.outreachFlatShort)) \(contact.flat)",
                    outcome: contact.contactOutcome?.label(in: language) ?? contact.outcome,
                    minutes: ContactTime.format(contact.minutes, in: language),
                    met: try key.open(contact.metSealed)
                )
            }
        let context = DoorContext(
            entranceChoices: [Choice(value: "", label: "—", selected: chosen.isEmpty)]
                + entrances.map {
                    Choice(
                        value: $0.2.id!.uuidString,
                        label:
                            "\(names[$0.2.id!]!) (\(req.text(.outreachFlats)) \($0.2.firstFlat)–\($0.2.layout?.lastFlat ?? $0.2.firstFlat))",
                        selected: $0.2.id!.uuidString == chosen
                    )
                },
            purposeChoices: [Choice(value: "", label: "—", selected: (values["purpose"] ?? "").isEmpty)]
                + ContactPurpose.allCases.map {
                    Choice(
                        value: $0.rawValue,
                        label: $0.label(in: language),
                        selected: $0.rawValue == values["purpose"]
                    )
                },
            outcomeChoices: ContactOutcome.allCases.map {
                Choice(
                    value: $0.rawValue,
                    label: $0.label(in: language),
                    selected: $0.rawValue == (values["outcome"] ?? ContactOutcome.met.rawValue)
                )
            },
            form: FormState(values: values, errors: form.errors),
            summary: summary,
            clientId: UUID().uuidString,
            today: today.iso,
            oldest: today.adding(days: -ContactRule.oldestDays).iso,
            recent: Array(recent)
        )
        return try await req.view.render("outreach/door", req.page(title: req.text(.outreachDoorTitle), context))
    }

    /// The form without the script: the same checks, a page again when refused.
    func post(req: Request) async throws -> Response {
        let input = try req.content.decode(ContactInput.self)
        do {
            _ = try await ContactEndpoint.record(input, request: req)
            return req.redirect(to: "/outreach/door", flash: .saved)
        } catch let failure as ValidationFailure {
            return try await render(
                req,
                form: FormState(values: input.values, errors: failure.byField),
                summary: req.errorSummary(failure)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }
}

/// A contact as the API answers it.
struct ContactDTO: Content, Sendable {
    var id: UUID
    var clientId: String
    var neighbourhoodId: UUID
    var entranceId: UUID
    var flat: Int
    var floor: Int
    var day: String
    var minutes: Int
    var purpose: String
    var outcome: String
    var workerName: String
    var met: String
    var talked: String
    var wants: String
    var promised: String

    init(_ contact: OutreachContact, key: DataKey) throws {
        id = contact.id!
        clientId = contact.clientID
        neighbourhoodId = contact.neighbourhoodID
        entranceId = contact.entranceID
        flat = contact.flat
        floor = contact.floor
        day = contact.day
        minutes = contact.minutes
        purpose = contact.purpose
        outcome = contact.outcome
        workerName = contact.workerName
        met = try key.open(contact.metSealed)
        talked = try key.open(contact.talkedSealed)
        wants = try key.open(contact.wantsSealed)
        promised = try key.open(contact.promisedSealed)
    }
}

struct ContactResultDTO: Content, Sendable {
    var replayed: Bool
    var contact: ContactDTO
}

/// One handler for a contact from the page, the phone's outbox and the API.
enum ContactEndpoint {
    /// Checks the entry against an entrance in the worker's reach (404 outside it) and records it.
    static func record(_ input: ContactInput, request req: Request) async throws -> (OutreachContact, Bool) {
        let user = try req.require(.recordOutreachContacts)
        let reach = OutreachReach(user, .recordOutreachContacts)
        var checks = req.fieldChecks()
        // Only an entrance assigned to the worker: another's, or one outside reach, is not on their list.
        var found = await UUID(uuidString: input.entrance ?? "").asyncFlatMap { id in
            try? await TerritoryOfWork.entrance(id, reach, on: req.db)
        }
        if let entrance = found?.1, let worker = reach.worker,
            !(try await TerritoryOfWork.isAssigned(worker, to: entrance, on: req.db))
        {
            found = nil
        }
        if found == nil { checks.add("entrance", key: .errorChooseFromList) }
        let draft = ContactDraft.validate(
            input,
            layout: found?.1.layout,
            today: CalendarDay.today(at: req.application.clock.now()),
            checks: &checks
        )
        try checks.finish()
        return try await ContactStore.record(draft!, in: found!.1, of: found!.0, worker: user, request: req)
    }

    static func submit(req: Request) async throws -> Response {
        let input = try req.decodeJSON(ContactInput.self)
        let (contact, replayed) = try await record(input, request: req)
        return try req.json(
            ContactResultDTO(replayed: replayed, contact: try ContactDTO(contact, key: req.application.dataKey)),
            status: replayed ? .ok : .created
        )
    }
}
