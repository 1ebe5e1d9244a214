import Fluent
import OporaCore
import Vapor

/// The referral from both sides: the sender's form (with the person's consent in it), the inbox
/// of incoming and outgoing referrals, one referral with everything that was shared, the
/// receiver's decision, and the providers' notifications.
struct ReferralRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("cases", ":caseID", "referrals", "new", use: form)
        routes.post("cases", ":caseID", "referrals", use: refer)
        routes.post("cases", ":caseID", "consents", ":consentID", "withdraw", use: withdrawConsent)
        routes.get("referrals", use: inbox)
        routes.get("referrals", ":referralID", use: show)
        routes.post("referrals", ":referralID", "decision", use: decide)
        routes.get("notifications", use: notifications)
    }

    func editor(_ req: Request) throws -> (CurrentUser, AccessScope) {
        let user = try req.require(.editPeople)
        return (user, user.scope(for: .editPeople))
    }

    // MARK: The sender's form

    struct FormContext: Encodable, Sendable {
        struct Consent: Encodable, Sendable {
            var id: String
            var label: String
            var value: String
            var canWithdraw: Bool
        }

        var caseID: String
        var personID: String
        var personName: String
        var formToken: String
        var form: FormState
        var services: [Choice]
        var urgencies: [Choice]
        var consentForms: [Choice]
        var shareCategories: [Choice]
        var consents: [Consent]
        var summary: ErrorSummary?
    }

    struct ReferralForm: Content {
        var toServiceId: String?
        var outsideService: String?
        var share: [String]?
        var reason: String?
        var urgency: String?
        var contactName: String?
        var contactPhone: String?
        var consentForm: String?
        var consentGivenOn: String?
        var consentWitness: String?
    }

    func form(req: Request) async throws -> View {
        let (user, scope) = try editor(req)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        return try await renderForm(req, user: user, supportCase: supportCase, refused: nil)
    }

    private func renderForm(
        _ req: Request,
        user: CurrentUser,
        supportCase: SupportCase,
        refused: RefusedForm?
    ) async throws -> View {
        let language = req.language
        let person = try await PeopleStore.open(supportCase.$person.id, user.scope(for: .viewPeople), request: req)
        let state =
            refused?.state("referral")
            ?? FormState(values: [
                "contactName": user.displayName,
                "consentGivenOn": CalendarDay.today(at: req.application.clock.now()).iso,
            ])
        let register = try await ServiceStore.list(
            AccessScope(municipalities: [person.municipalityCode]),
            providerID: nil,
            on: req.db
        )
        var services: [Choice] = [Choice(value: "", label: "—", selected: (state.values["toServiceId"] ?? "").isEmpty)]
        for service in register where service.$provider.id != supportCase.$provider.id {
            let capacity = try await ReferralStore.capacity(
                of: service,
                on: CalendarDay.today(at: req.application.clock.now()),
                key: req.application.dataKey,
                on: req.db
            )
            var free = capacity.freePlaces.map { " · " + req.text(.freePlaces) + ": " + String($0) } ?? ""
            if capacity.waiting > 0 { free += " · " + req.text(.waitingCount) + ": " + String(capacity.waiting) }
            // The service first: on a phone a select shows only the start of its option.
            services.append(
                Choice(
                    value: service.id!.uuidString,
                    label: "\(service.name) — \(service.provider.name)\(free)",
                    selected: service.id!.uuidString == state.values["toServiceId"]
                )
            )
        }
        let consents = try await SharingConsent.query(on: req.db).filter(\.$person.$id == person.id!)
            .with(\.$recipient).sort(\.$givenOn, .descending).all()
        let context = FormContext(
            caseID: supportCase.id!.uuidString,
            personID: person.id!.uuidString,
            personName: person.name.full,
            formToken: FormOnce.token(),
            form: state,
            services: services,
            urgencies: [Choice(value: "", label: "—", selected: (state.values["urgency"] ?? "").isEmpty)]
                + ReferralUrgency.allCases.map {
                    Choice(
                        value: $0.rawValue,
                        label: $0.label(in: language),
                        selected: $0.rawValue == state.values["urgency"]
                    )
                },
            consentForms: [Choice(value: "", label: "—", selected: (state.values["consentForm"] ?? "").isEmpty)]
                + ConsentForm.allCases.map {
                    Choice(
                        value: $0.rawValue,
                        label: $0.label(in: language),
                        selected: $0.rawValue == state.values["consentForm"]
                    )
                },
            shareCategories: SharedDataCategory.allCases.map {
                Choice(
                    value: $0.rawValue,
                    label: $0.label(in: language),
                    selected: refused?.chosen.contains($0.rawValue) ?? false
                )
            },
            consents: consents.map { consent in
                FormContext.Consent(
                    id: consent.id!.uuidString,
                    label: consent.recipient.name,
                    value: Self.describe(consent, request: req),
                    canWithdraw: consent.withdrawnOn == nil
                )
            },
            summary: refused?.summary
        )
        return try await req.view.render(
            "cases/referral-form",
            req.page(title: req.text(.referralNew) + ": " + person.name.full, context)
        )
    }

    static func describe(_ consent: SharingConsent, request req: Request) -> String {
        let language = req.language
        var parts = [
            consent.categories.split(separator: ",").compactMap {
                SharedDataCategory(rawValue: String($0))?.label(in: language)
            }
            .joined(separator: ", "),
            req.text(.consentGivenOn) + " " + (CalendarDay(iso: consent.givenOn)?.display ?? consent.givenOn),
        ]
        if let form = consent.form.flatMap(ConsentForm.init(rawValue:)) {
            parts.append(form.label(in: language) + (consent.witnessName.map { " (" + $0 + ")" } ?? ""))
        }
        if let withdrawn = consent.withdrawnOn {
            parts.append(req.text(.consentWithdrawn) + " " + (CalendarDay(iso: withdrawn)?.display ?? withdrawn))
        }
        return parts.joined(separator: " · ")
    }

    func refer(req: Request) async throws -> Response {
        let (user, scope) = try editor(req)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        let form = try req.content.decode(ReferralForm.self)
        guard
            try await FormOnce.claim(try? req.content.get(String.self, at: FormOnce.field), user: user.id, request: req)
        else { return req.redirect(to: "/referrals?direction=outgoing") }
        let input = ReferralStore.Input(
            caseId: supportCase.id,
            toServiceId: form.toServiceId.flatMap(UUID.init(uuidString:)),
            outsideService: form.outsideService,
            share: form.share,
            reason: form.reason,
            urgency: form.urgency,
            contactName: form.contactName,
            contactPhone: form.contactPhone,
            consentForm: form.consentForm,
            consentGivenOn: form.consentGivenOn,
            consentWitness: form.consentWitness
        )
        do {
            let referral = try await ReferralStore.send(input, scope: scope, request: req)
            return req.redirect(to: "/referrals/\(referral.id!)", flash: .saved)
        } catch let failure as ValidationFailure {
            let refused = RefusedForm(
                target: "referral",
                state: req.refused(
                    [
                        "toServiceId": form.toServiceId ?? "", "outsideService": form.outsideService ?? "",
                        "reason": form.reason ?? "", "urgency": form.urgency ?? "",
                        "contactName": form.contactName ?? "", "contactPhone": form.contactPhone ?? "",
                        "consentForm": form.consentForm ?? "", "consentGivenOn": form.consentGivenOn ?? "",
                        "consentWitness": form.consentWitness ?? "",
                    ],
                    failure
                ),
                chosen: Set(form.share ?? []),
                summary: req.errorSummary(failure)
            )
            return try await renderForm(req, user: user, supportCase: supportCase, refused: refused)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func withdrawConsent(req: Request) async throws -> Response {
        let (_, scope) = try editor(req)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        let person = try await PeopleStore.open(supportCase.$person.id, scope, request: req)
        _ = try await ConsentStore.withdraw(person: person, consentID: try req.uuidParameter("consentID"), request: req)
        return req.redirect(to: "/cases/\(supportCase.id!)/referrals/new", flash: .saved)
    }

    // MARK: The inbox and one referral

    struct InboxContext: Encodable, Sendable {
        struct Row: Encodable, Sendable {
            var id: String
            var from: String
            var to: String
            var service: String
            var urgency: String
            var urgent: Bool
            var sent: String
            var status: String
            var incoming: Bool
            var open: Bool
            var version: Int
            var shared: String
            var reason = ""
            var reasonError: String?
        }

        var rows: [Row]
        var direction: String
        var summary: ErrorSummary?
    }

    func inbox(req: Request) async throws -> View {
        try await renderInbox(req, refused: nil)
    }

    private func renderInbox(_ req: Request, refused: RefusedForm?) async throws -> View {
        let user = try req.require(.viewPeople)
        let scope = user.scope(for: .viewPeople)
        let language = req.language
        let direction = (try? req.query.get(String.self, at: "direction")).flatMap(
            ReferralStore.Direction.init(rawValue:)
        )
        let query =
            (direction.map { ReferralStore.query(scope, $0, on: req.db) } ?? ReferralStore.query(scope, on: req.db))
            .with(\.$fromProvider).with(\.$toProvider)
        let referrals = try await query.sort(\.$sentAt, .descending).limit(200).all()
        let services = try await Scoped.unscoped(ProvidedService.self, on: req.db, .throughParent).filter(
            \.$id ~~ referrals.compactMap(\.toServiceID)
        ).all()
        let names = Dictionary(uniqueKeysWithValues: services.map { ($0.id!, $0.name) })
        let key = req.application.dataKey
        var rows = try referrals.map { referral -> InboxContext.Row in
            let shared = try key.openJSON(SharedRecord.self, referral.sharedSealed)
            let incoming = referral.$toProvider.id.map { scope.providers.contains($0) } ?? false
            return .init(
                id: referral.id!.uuidString,
                from: referral.fromProvider.name,
                to: referral.toProvider?.name ?? referral.outsideService ?? "",
                service: referral.toServiceID.flatMap { names[$0] } ?? referral.outsideService ?? "",
                urgency: referral.urgency?.label(in: language) ?? "",
                urgent: referral.urgency == .urgent,
                sent: SofiaTime.dateTime(referral.sentAt),
                status: referral.status.label(in: language) + (referral.declineReason.map { ": " + $0 } ?? ""),
                incoming: incoming,
                open: incoming && referral.status == .sent,
                version: referral.version,
                shared: shared.categories.compactMap { SharedDataCategory(rawValue: $0)?.label(in: language) }
                    .joined(separator: ", ")
            )
        }
        for index in rows.indices {
            let state = refused?.state("decision:" + rows[index].id) ?? FormState()
            if let reason = state.values["reason"] { rows[index].reason = reason }
            rows[index].reasonError = state.errors["reason"]
        }
        return try await req.view.render(
            "cases/referrals",
            req.page(
                title: req.text(.referralsTitle),
                InboxContext(rows: rows, direction: direction?.rawValue ?? "", summary: refused?.summary)
            )
        )
    }

    struct ShowContext: Encodable, Sendable {
        struct Section: Encodable, Sendable {
            var title: String
            var facts: [PersonFile.Fact]
            var lines: [String] = []
        }

        var row: InboxContext.Row
        var facts: [PersonFile.Fact]
        var sections: [Section]
        /// The receiver's file of the person, once accepted.
        var acceptedFile: String?
        var summary: ErrorSummary?
    }

    func show(req: Request) async throws -> View {
        let user = try req.require(.viewPeople)
        let scope = user.scope(for: .viewPeople)
        let language = req.language
        let referral = try await Scoped.find(Referral.self, try req.uuidParameter("referralID"), scope, on: req.db)
        try await referral.$fromProvider.load(on: req.db)
        try await referral.$toProvider.load(on: req.db)
        let key = req.application.dataKey
        let shared = try key.openJSON(SharedRecord.self, referral.sharedSealed)
        var service: ProvidedService?
        if let id = referral.toServiceID {
            service = try await Scoped.unscoped(ProvidedService.self, on: req.db, .throughParent).filter(\.$id == id)
                .first()
        }
        let incoming = referral.$toProvider.id.map { scope.providers.contains($0) } ?? false
        let row = InboxContext.Row(
            id: referral.id!.uuidString,
            from: referral.fromProvider.name,
            to: referral.toProvider?.name ?? referral.outsideService ?? "",
            service: service?.name ?? referral.outsideService ?? "",
            urgency: referral.urgency?.label(in: language) ?? "",
            urgent: referral.urgency == .urgent,
            sent: SofiaTime.dateTime(referral.sentAt),
            status: referral.status.label(in: language),
            incoming: incoming,
            open: incoming && referral.status == .sent,
            version: referral.version,
            shared: ""
        )
        var facts = [
            PersonFile.Fact(label: req.text(.referralFrom), value: row.from),
            PersonFile.Fact(
                label: req.text(.referralToService),
                value: [row.service, row.to].filter { !$0.isEmpty }.joined(separator: " — ")
            ),
            PersonFile.Fact(label: req.text(.referralSent), value: row.sent),
            PersonFile.Fact(label: req.text(.referralUrgency), value: row.urgency),
            PersonFile.Fact(
                label: req.text(.referralReason),
                value: try referral.reasonSealed.map { try key.open($0) } ?? ""
            ),
            PersonFile.Fact(
                label: req.text(.referralContact),
                value: [referral.contactName, referral.contactPhone].compactMap { $0 }.joined(separator: ", ")
            ),
            PersonFile.Fact(label: req.text(.fieldStatus), value: row.status),
        ]
        var acceptedFile: String?
        if let caseID = referral.acceptedCaseID,
            let opened = try await CaseStore.query(scope, on: req.db).filter(\.$id == caseID).first()
        {
            acceptedFile = "/people/\(opened.$person.id)"
        }
        if let reason = referral.declineReason {
            facts.append(PersonFile.Fact(label: req.text(.referralDeclineReason), value: reason))
        }
        return try await req.view.render(
            "cases/referral",
            req.page(
                title: req.text(.referralNew) + " · " + row.service,
                ShowContext(
                    row: row,
                    facts: facts,
                    sections: Self.sharedSections(shared, request: req),
                    acceptedFile: acceptedFile,
                    summary: nil
                )
            )
        )
    }

    /// Everything the referral carries, by category, in the reader's language.
    static func sharedSections(_ shared: SharedRecord, request req: Request) -> [ShowContext.Section] {
        let language = req.language
        let categories = Set(shared.categories.compactMap(SharedDataCategory.init(rawValue:)))
        var sections: [ShowContext.Section] = []
        func fact(_ key: CatalogueKey, _ value: String?) -> PersonFile.Fact? {
            guard let value, !value.isEmpty else { return nil }
            return PersonFile.Fact(label: req.text(key), value: value)
        }
        if categories.contains(.identification) {
            sections.append(
                .init(
                    title: SharedDataCategory.identification.label(in: language),
                    facts: [
                        fact(.fieldDisplayName, shared.name),
                        fact(.fieldIdentifier, shared.identifier),
                        fact(.fieldBirthDate, shared.birthDate.flatMap(CalendarDay.init(iso:))?.display),
                    ].compactMap { $0 }
                )
            )
        }
        if categories.contains(.contactDetails) {
            sections.append(
                .init(
                    title: SharedDataCategory.contactDetails.label(in: language),
                    facts: [fact(.fieldPhone, shared.phone), fact(.fieldAddress, shared.address)].compactMap { $0 }
                )
            )
        }
        if categories.contains(.assessment) {
            let totals = shared.latestAssessment
            sections.append(
                .init(
                    title: SharedDataCategory.assessment.label(in: language),
                    facts: [
                        fact(
                            .assessmentSignedOn,
                            shared.assessmentSignedOn.flatMap(CalendarDay.init(iso:))?.display
                        ),
                        fact(.barthelHeading, totals?["barthelTotal"].map(String.init)),
                        fact(.lawtonHeading, totals?["lawtonTotal"].map(String.init)),
                    ].compactMap { $0 },
                    lines: (shared.assessmentDomains ?? []).map {
                        "\($0.domain.label(in: language)): \($0.rating.label(in: language))"
                            + ($0.inOwnWords.isEmpty ? "" : " — „\($0.inOwnWords)“")
                    }
                )
            )
        }
        if categories.contains(.supportPlan) {
            let plan = shared.supportPlan
            sections.append(
                .init(
                    title: SharedDataCategory.supportPlan.label(in: language),
                    facts: [
                        fact(.planStart, plan.flatMap { CalendarDay(iso: $0.startDate)?.display }),
                        fact(.reviewOn, plan.flatMap { CalendarDay(iso: $0.reviewDate)?.display }),
                    ].compactMap { $0 },
                    lines: (shared.supportPlanGoals ?? []).map { req.text(.planGoals) + ": " + $0 }
                        + (plan?.services ?? []).map { service in
                            let days = service.preferredDays.map { $0.label(in: language) }.joined(separator: ", ")
                            return service.type.label(in: language) + ": " + service.frequency.description(in: language)
                                + (days.isEmpty ? "" : " · " + days)
                        }
                )
            )
        }
        if categories.contains(.healthAndDisability) {
            sections.append(
                .init(
                    title: SharedDataCategory.healthAndDisability.label(in: language),
                    facts: [fact(.fieldDisability, shared.disabilityPercent.map { "\($0) %" })].compactMap { $0 }
                )
            )
        }
        if categories.contains(.caseNotes) {
            sections.append(
                .init(
                    title: SharedDataCategory.caseNotes.label(in: language),
                    facts: [fact(.fieldRequest, shared.request)].compactMap { $0 }
                )
            )
        }
        return sections
    }

    func decide(req: Request) async throws -> Response {
        let (_, scope) = try editor(req)
        let decision = try req.content.decode(ReferralStore.Decision.self)
        let referralID = try req.uuidParameter("referralID")
        do {
            let decided = try await ReferralStore.decide(referralID, decision, scope: scope, request: req)
            if let caseID = decided.acceptedCaseID,
                let opened = try await CaseStore.query(scope, on: req.db).filter(\.$id == caseID).first()
            {
                return req.redirect(to: "/people/\(opened.$person.id)", flash: .referralAcceptedFile)
            }
            return req.redirect(to: "/referrals?direction=incoming", flash: .saved)
        } catch let failure as ValidationFailure {
            let refused = RefusedForm(
                target: "decision:\(referralID)",
                state: req.refused(["reason": decision.reason ?? ""], failure),
                summary: req.errorSummary(failure)
            )
            return try await renderInbox(req, refused: refused).encodeResponse(status: .unprocessableEntity, for: req)
        } catch is EditConflict {
            return req.redirect(to: "/referrals", flash: .errorConflict)
        }
    }

    // MARK: Notifications

    struct NotificationsContext: Encodable, Sendable {
        struct Line: Encodable, Sendable {
            var href: String
            var text: String
            var at: String
            var unread: Bool
        }

        var lines: [Line]
    }

    func notifications(req: Request) async throws -> View {
        let user = try req.require(.viewPeople)
        let scope = user.scope(for: .viewPeople)
        let notices = try await Notifications.query(scope, on: req.db).sort(\.$createdAt, .descending).limit(100).all()
        let context = NotificationsContext(
            lines: notices.map {
                .init(
                    href: "/referrals/\($0.referralID)",
                    text: req.text($0.kind.textKey) + ": "
                        + $0.serviceName,
                    at: SofiaTime.dateTime($0.createdAt),
                    unread: $0.readAt == nil
                )
            }
        )
        let unread = notices.filter { $0.readAt == nil }.compactMap(\.id)
        if !unread.isEmpty {
            let now = req.application.clock.now()
            try await req.write { db in
                try await Scoped.unscoped(CaseNotification.self, on: db, .reread).filter(\.$id ~~ unread)
                    .set(\.$readAt, to: now).update()
            }
        }
        return try await req.view.render(
            "cases/notifications",
            req.page(title: req.text(.notificationsTitle), context)
        )
    }

    /// How many notices the user's providers have not seen; for the home page.
    static func unreadCount(for user: CurrentUser, on db: any Database) async throws -> Int {
        try await Notifications.query(user.scope(for: .viewPeople), on: db).filter(\.$readAt == nil).count()
    }
}
