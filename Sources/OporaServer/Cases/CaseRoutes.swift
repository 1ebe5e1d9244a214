import Fluent
import OporaCore
import Vapor

/// Page actions on a person's cases: intake, moves, notes, assessment, plan, consent, referral;
/// and the referral inbox where a receiving provider accepts or declines.
struct CaseRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("people", ":personID", "cases", use: openCase)
        routes.post("people", ":personID", "consents", use: giveConsent)
        routes.post("people", ":personID", "household", use: addHouseholdMember)
        routes.post("cases", ":caseID", "transitions", use: transition)
        routes.post("cases", ":caseID", "notes", use: addNote)
        routes.post("cases", ":caseID", "referrals", use: refer)
        routes.get("cases", ":caseID", "assessment", use: assessmentForm)
        routes.post("cases", ":caseID", "assessment", use: assess)
        routes.get("cases", ":caseID", "plan", use: planForm)
        routes.post("cases", ":caseID", "plan", use: savePlan)
        routes.get("referrals", use: inbox)
        routes.post("referrals", ":referralID", "decision", use: decide)
    }

    private func editor(_ req: Request) throws -> (CurrentUser, AccessScope) {
        let user = try req.require(.editPeople)
        return (user, user.scope(for: .editPeople))
    }

    private func personOf(_ supportCase: SupportCase) -> String { "/people/\(supportCase.$person.id)" }

    /// On a validation failure the person's file is shown again with the message on top.
    private func back(_ req: Request, to path: String, _ work: () async throws -> Void) async throws -> Response {
        do {
            try await work()
            return req.redirect(to: path, flash: "saved")
        } catch let failure as ValidationFailure {
            return req.redirect(to: path, message: failure.problems.map(\.message).joined(separator: " "))
        } catch is EditConflict {
            return req.redirect(to: path, flash: "error_conflict")
        }
    }

    func openCase(req: Request) async throws -> Response {
        let (user, scope) = try editor(req)
        let person = try await PeopleStore.open(try req.uuidParameter("personID"), scope, request: req)
        let intake = try req.content.decode(CaseStore.Intake.self)
        return try await back(req, to: "/people/\(person.id!)") { _ = try await CaseStore.open(person: person, intake: intake, user: user, request: req) }
    }

    func giveConsent(req: Request) async throws -> Response {
        let (_, scope) = try editor(req)
        let person = try await PeopleStore.open(try req.uuidParameter("personID"), scope, request: req)
        let input = try req.content.decode(ConsentStore.Input.self)
        return try await back(req, to: "/people/\(person.id!)") { _ = try await ConsentStore.give(person: person, input, request: req) }
    }

    struct HouseholdForm: Content {
        var name: String?
        var relation: String?
        var phone: String?
        var livesWith: String?
        var legalRole: String?
    }

    func addHouseholdMember(req: Request) async throws -> Response {
        let (_, scope) = try editor(req)
        let person = try await PeopleStore.open(try req.uuidParameter("personID"), scope, request: req)
        let form = try req.content.decode(HouseholdForm.self)
        let input = HouseholdStore.Input(name: form.name, relation: form.relation, phone: form.phone, livesWith: form.livesWith == "true",
                                         legalRole: form.legalRole)
        return try await back(req, to: "/people/\(person.id!)") { _ = try await HouseholdStore.add(to: person, input, request: req) }
    }

    struct TransitionForm: Content {
        var to: String?
        var reason: String?
        var version: Int?
    }

    func transition(req: Request) async throws -> Response {
        let (_, scope) = try editor(req)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        let form = try req.content.decode(TransitionForm.self)
        return try await back(req, to: personOf(supportCase)) {
            _ = try await CaseStore.transition(supportCase.id!, to: form.to, reason: form.reason, version: form.version, scope: scope, request: req)
        }
    }

    struct NoteForm: Content { var text: String? }

    func addNote(req: Request) async throws -> Response {
        let (_, scope) = try editor(req)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        let form = try req.content.decode(NoteForm.self)
        return try await back(req, to: personOf(supportCase)) { _ = try await CaseStore.addNote(supportCase.id!, text: form.text, scope: scope, request: req) }
    }

    struct ReferralForm: Content {
        var toServiceId: String?
        var outsideService: String?
        var share: [String]?
    }

    func refer(req: Request) async throws -> Response {
        let (_, scope) = try editor(req)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        let form = try req.content.decode(ReferralForm.self)
        let input = ReferralStore.Input(caseId: supportCase.id, toServiceId: form.toServiceId.flatMap(UUID.init(uuidString:)),
                                        outsideService: form.outsideService, share: form.share)
        return try await back(req, to: personOf(supportCase)) { _ = try await ReferralStore.send(input, scope: scope, request: req) }
    }

    struct AssessmentFormContext: Encodable, Sendable {
        struct Question: Encodable, Sendable {
            var name: String
            var label: String
            var options: [Choice]
        }

        var action: String
        var personHref: String
        var barthel: [Question]
        var lawton: [Question]
        var domains: [Question]
        var degrees: [Choice]
        var errors: [String]
    }

    func assessmentForm(req: Request) async throws -> View {
        let (_, scope) = try editor(req)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        return try await renderAssessment(req, supportCase, errors: [])
    }

    private func renderAssessment(_ req: Request, _ supportCase: SupportCase, errors: [String]) async throws -> View {
        let language = req.language
        let context = AssessmentFormContext(
            action: "/cases/\(supportCase.id!)/assessment", personHref: personOf(supportCase),
            barthel: BarthelIndex.Item.allCases.map { item in
                .init(name: "barthel[\(item.rawValue)]", label: item.label(in: language),
                      options: item.allowedScores.map { Choice(value: String($0), label: "\($0) – \(item.meaning(of: $0, in: language) ?? "")", selected: false) })
            },
            lawton: LawtonIADL.Item.allCases.map { item in
                .init(name: "lawton[\(item.rawValue)]", label: item.label(in: language),
                      options: item.levelScores.indices.map { Choice(value: String($0), label: "\(item.levelScores[$0]) – \(item.meaning(ofLevel: $0, in: language) ?? "")", selected: false) })
            },
            domains: LifeDomain.allCases.map { domain in
                .init(name: domain.rawValue, label: domain.label(in: language),
                      options: NeedRating.allCases.map { Choice(value: String($0.rawValue), label: $0.label(in: language), selected: $0 == .none) })
            },
            degrees: [Choice(value: "", label: "—", selected: true)]
                + DependenceDegree.allCases.map { Choice(value: String($0.rawValue), label: "\($0.label(in: language)) (\($0.monthlyHoursCap) \(req.text("hours_short")))", selected: false) },
            errors: errors)
        return try await req.view.render("cases/assessment-form", req.page(title: req.text("assessment_title"), context))
    }

    struct AssessmentForm: Content {
        var barthel: [String: Int]?
        var lawton: [String: Int]?
        var rating: [String: Int]?
        var words: [String: String]?
        var goal: [String: String]?
        var dependenceDegree: String?
    }

    func assess(req: Request) async throws -> Response {
        let (_, scope) = try editor(req)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        let form = try req.content.decode(AssessmentForm.self)
        let domains = LifeDomain.allCases.compactMap { domain -> LifeDomainAssessment? in
            let words = (form.words?[domain.rawValue] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let rating = NeedRating(rawValue: form.rating?[domain.rawValue] ?? 0) ?? .none
            guard rating != .none || !words.isEmpty else { return nil }
            return LifeDomainAssessment(domain: domain, rating: rating, inOwnWords: String(words.prefix(2000)),
                                        goal: String((form.goal?[domain.rawValue] ?? "").prefix(500)))
        }
        let input = AssessmentStore.Input(caseId: supportCase.id, barthel: form.barthel, lawton: form.lawton, domains: domains,
                                          dependenceDegree: form.dependenceDegree.flatMap { Int($0) })
        let person = try await PeopleStore.open(supportCase.$person.id, scope, request: req)
        do {
            _ = try await AssessmentStore.create(person: person, input: input, scope: scope, request: req)
            return req.redirect(to: personOf(supportCase), flash: "assessment_signed")
        } catch let failure as ValidationFailure {
            return try await renderAssessment(req, supportCase, errors: failure.problems.map(\.message)).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    struct PlanFormContext: Encodable, Sendable {
        var action: String
        var personHref: String
        var basedOn: Int
        var goals: String
        var services: [Choice]
        var periods: [Choice]
        var days: [Choice]
        var workers: [Choice]
        var substitutes: [Choice]
        var degrees: [Choice]
        var values: [String: String]
        var errors: [String]
    }

    func planForm(req: Request) async throws -> View {
        let (_, scope) = try editor(req)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        return try await renderPlan(req, supportCase, form: PlanForm(), errors: [])
    }

    private func renderPlan(_ req: Request, _ supportCase: SupportCase, form: PlanForm, errors: [String]) async throws -> View {
        let language = req.language
        var goals = form.goals ?? ""
        var values = ["visits": form.visits.map(String.init) ?? "2", "minutes": form.minutes.map(String.init) ?? "60",
                      "start": form.start ?? "", "review": form.review ?? "", "agreedBy": form.agreedBy ?? "",
                      "from": form.from ?? "", "until": form.until ?? "", "monthlyHours": form.monthlyHours.map(String.init) ?? "",
                      "agreementSignedOn": form.agreementSignedOn ?? ""]
        var selectedService = form.service
        var worker = form.worker ?? ""
        var substitute = form.substitute ?? ""
        var degree = form.degree ?? ""
        var period = form.period ?? "week"
        var days = Set(form.days ?? [])
        if form.goals == nil, let latest = try await SupportPlanVersion.query(on: req.db).filter(\.$supportCase.$id == supportCase.id!)
            .filter(\.$number == supportCase.planNumber).first() {
            let plan = try latest.plan(key: req.application.dataKey)
            goals = plan.goals.joined(separator: "\n")
            if let service = plan.services.first {
                selectedService = service.serviceID.uuidString
                values["visits"] = String(service.frequency.visits)
                values["minutes"] = String(service.frequency.minutesPerVisit)
                period = service.frequency.period.rawValue
                days = Set(service.preferredDays.map(\.rawValue))
                worker = service.chosenWorkerID?.uuidString ?? ""
                substitute = service.substituteWorkerID?.uuidString ?? ""
                values["from"] = service.preferredTime.map { Self.clock($0.startMinute) } ?? ""
                values["until"] = service.preferredTime.map { Self.clock($0.endMinute) } ?? ""
            }
            if let grant = plan.personalAssistance {
                degree = String(grant.degree.rawValue)
                values["monthlyHours"] = String(grant.monthlyHours)
                values["agreementSignedOn"] = grant.agreementSignedOn?.iso ?? ""
            }
            values["start"] = plan.startDate.iso
            values["review"] = plan.reviewDate.iso
            values["agreedBy"] = plan.agreement?.agreedBy ?? ""
        }
        let person = try await Person.find(supportCase.$person.id, on: req.db)
        let register = try await ServiceStore.list(AccessScope(municipalities: [person?.municipalityCode ?? supportCase.municipalityCode]),
                                                   providerID: nil, on: req.db)
        let staff = try await User.query(on: req.db).filter(\.$provider.$id ~~ Array(Set(register.map { $0.$provider.id })))
            .filter(\.$disabled == false).sort(\.$sortKey).all()
        func people(_ selected: String) -> [Choice] {
            [Choice(value: "", label: "—", selected: selected.isEmpty)] + staff.map {
                Choice(value: $0.id!.uuidString, label: $0.displayName + ($0.jobTitle.map { " (" + $0.label(in: language) + ")" } ?? ""),
                       selected: $0.id!.uuidString == selected)
            }
        }
        let context = PlanFormContext(
            action: "/cases/\(supportCase.id!)/plan", personHref: personOf(supportCase), basedOn: supportCase.planNumber, goals: goals,
            services: register.map { Choice(value: $0.id!.uuidString, label: "\($0.provider.name): \($0.name)", selected: $0.id!.uuidString == selectedService) },
            periods: ServiceFrequency.Period.allCases.map { Choice(value: $0.rawValue, label: $0.label(in: language), selected: $0.rawValue == period) },
            days: Weekday.allCases.map { Choice(value: $0.rawValue, label: $0.label(in: language), selected: days.contains($0.rawValue)) },
            workers: people(worker), substitutes: people(substitute),
            degrees: [Choice(value: "", label: "—", selected: degree.isEmpty)] + DependenceDegree.allCases.map {
                Choice(value: String($0.rawValue), label: "\($0.label(in: language)) (\(req.text("monthly_cap")) \($0.monthlyHoursCap) \(req.text("hours_short")))",
                       selected: String($0.rawValue) == degree)
            },
            values: values, errors: errors)
        return try await req.view.render("cases/plan-form", req.page(title: req.text("plan_title"), context))
    }

    struct PlanForm: Content {
        var basedOn: Int?
        var goals: String?
        var service: String?
        var visits: Int?
        var period: String?
        var minutes: Int?
        var days: [String]?
        var start: String?
        var review: String?
        var agreedBy: String?
        var worker: String?
        var substitute: String?
        var from: String?
        var until: String?
        var degree: String?
        var monthlyHours: Int?
        var agreementSignedOn: String?
    }

    static func clock(_ minute: Int) -> String { String(format: "%02d:%02d", minute / 60, minute % 60) }

    /// "08:30" → 510.
    static func minute(_ text: String?) -> Int? {
        let parts = (text ?? "").split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, (0..<24).contains(parts[0]), (0..<60).contains(parts[1]) else { return nil }
        return parts[0] * 60 + parts[1]
    }

    /// The page form covers one chosen service; the API takes any number.
    func savePlan(req: Request) async throws -> Response {
        let (_, scope) = try editor(req)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        let form = try req.content.decode(PlanForm.self)
        var errors: [String] = []
        let goals = (form.goals ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let service = try await form.service.flatMap(UUID.init(uuidString:)).asyncFlatMap { try await ProvidedService.find($0, on: req.db) }
        let frequency = ServiceFrequency(visits: form.visits ?? 0, per: ServiceFrequency.Period(rawValue: form.period ?? "") ?? .week,
                                         minutesPerVisit: form.minutes ?? 0)
        if service == nil { errors.append(req.text("service_unknown")) }
        if frequency == nil { errors.append(req.text("frequency_invalid")) }
        let start = form.start.flatMap(CalendarDay.init(iso:))
        let review = form.review.flatMap(CalendarDay.init(iso:))
        if start == nil || review == nil { errors.append(req.text("date_invalid")) }
        let agreedBy = (form.agreedBy ?? "").trimmingCharacters(in: .whitespaces)
        if agreedBy.isEmpty { errors.append(req.text("plan_agreement_required")) }
        var window: TimeWindow?
        if !(form.from ?? "").isEmpty || !(form.until ?? "").isEmpty {
            window = Self.minute(form.from).flatMap { from in Self.minute(form.until).flatMap { TimeWindow(startMinute: from, endMinute: $0) } }
            if window == nil { errors.append(req.text("time_window_invalid")) }
        }
        let worker = form.worker.flatMap(UUID.init(uuidString:))
        let substitute = form.substitute.flatMap(UUID.init(uuidString:))
        if let worker, worker == substitute { errors.append(req.text("substitute_same")) }
        var grant: PersonalAssistanceGrant?
        if let raw = form.degree, !raw.isEmpty {
            if let degree = Int(raw).flatMap(DependenceDegree.init(rawValue:)), let hours = form.monthlyHours {
                grant = PersonalAssistanceGrant(degree: degree, monthlyHours: hours, assistantID: worker, substituteAssistantID: substitute,
                                                frequency: frequency, agreementSignedOn: form.agreementSignedOn.flatMap(CalendarDay.init(iso:)))
            } else {
                errors.append(req.text("personal_assistance_incomplete"))
            }
        }
        guard errors.isEmpty, let service, let frequency, let start, let review else {
            return try await renderPlan(req, supportCase, form: form, errors: errors).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let plan = SupportPlan(
            goals: goals,
            services: [PlannedService(serviceID: service.id!, type: service.serviceType, frequency: frequency,
                                      preferredDays: Set((form.days ?? []).compactMap(Weekday.init(rawValue:))), preferredTime: window,
                                      chosenWorkerID: worker, substituteWorkerID: substitute)],
            startDate: start, reviewDate: review, personalAssistance: grant,
            agreement: PlanAgreement(agreedBy: agreedBy, agreedOn: CalendarDay.today(at: req.application.clock.now())))
        do {
            _ = try await PlanStore.save(caseID: supportCase.id!, input: .init(basedOn: form.basedOn, plan: plan), scope: scope, request: req)
            return req.redirect(to: personOf(supportCase), flash: "plan_saved")
        } catch let failure as ValidationFailure {
            return try await renderPlan(req, supportCase, form: form, errors: failure.problems.map(\.message)).encodeResponse(status: .unprocessableEntity, for: req)
        } catch is EditConflict {
            return try await renderPlan(req, supportCase, form: form, errors: [req.text("error_conflict")]).encodeResponse(status: .conflict, for: req)
        }
    }

    struct InboxContext: Encodable, Sendable {
        struct Row: Encodable, Sendable {
            var id: String
            var from: String
            var service: String
            var sent: String
            var status: String
            var incoming: Bool
            var open: Bool
            var version: Int
            var shared: [String]
        }

        var rows: [Row]
    }

    func inbox(req: Request) async throws -> View {
        let user = try req.require(.viewPeople)
        let language = req.language
        let referrals = try await ReferralStore.query(user.scope(for: .viewPeople), on: req.db).with(\.$fromProvider)
            .sort(\.$sentAt, .descending).limit(200).all()
        let services = try await ProvidedService.query(on: req.db).filter(\.$id ~~ referrals.compactMap(\.toServiceID)).all()
        let names = Dictionary(uniqueKeysWithValues: services.map { ($0.id!, $0.name) })
        let key = req.application.dataKey
        let rows = try referrals.map { referral -> InboxContext.Row in
            let shared = try key.openJSON(SharedRecord.self, referral.sharedSealed)
            let incoming = referral.$toProvider.id.map { user.providerID == $0 } ?? false
            return .init(
                id: referral.id!.uuidString, from: referral.fromProvider.name,
                service: referral.toServiceID.flatMap { names[$0] } ?? referral.outsideService ?? "", sent: SofiaTime.dateTime(referral.sentAt),
                status: referral.status.label(in: language) + (referral.declineReason.map { ": " + $0 } ?? ""),
                incoming: incoming, open: incoming && referral.status == .sent, version: referral.version,
                shared: [shared.name, shared.birthDate.flatMap(CalendarDay.init(iso:))?.display, shared.phone, shared.address].compactMap { $0 })
        }
        return try await req.view.render("cases/referrals", req.page(title: req.text("referrals_title"), InboxContext(rows: rows)))
    }

    func decide(req: Request) async throws -> Response {
        let (_, scope) = try editor(req)
        let decision = try req.content.decode(ReferralStore.Decision.self)
        return try await back(req, to: "/referrals") {
            _ = try await ReferralStore.decide(try req.uuidParameter("referralID"), decision, scope: scope, request: req)
        }
    }
}
