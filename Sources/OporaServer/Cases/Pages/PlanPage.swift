import Fluent
import OporaCore
import Vapor

/// The support-plan page: goals, every service the person chose with its frequency, preferred days
/// and time, chosen assistant and substitute, and the personal-assistance grant.
///
/// Works without script: "add a service" posts the form back with one more empty row, and choosing
/// "—" as a row's service leaves it out of the plan.
extension CaseRoutes {
    struct PlanForm: Content {
        struct ServiceRow: Content {
            var service: String?
            var visits: String?
            var period: String?
            var minutes: String?
            var days: [String]?
            var from: String?
            var until: String?
            var worker: String?
            var substitute: String?

            var isEmpty: Bool { (service ?? "").isEmpty }
        }

        var basedOn: Int?
        var goals: String?
        var services: [ServiceRow]?
        var addService: String?
        var start: String?
        var review: String?
        var agreedBy: String?
        var degree: String?
        var monthlyHours: String?
        var agreementSignedOn: String?
    }

    struct PlanFormContext: Encodable, Sendable {
        struct ServiceRowContext: Encodable, Sendable {
            var index: Int
            var number: Int
            var services: [Choice]
            var periods: [Choice]
            var days: [Choice]
            var workers: [Choice]
            var substitutes: [Choice]
            var values: [String: String]
            var errors: [String: String]
        }

        var action: String
        var personHref: String
        var basedOn: Int
        var rows: [ServiceRowContext]
        var degrees: [Choice]
        var values: [String: String]
        var errors: [String: String]
        var summary: ErrorSummary?
    }

    func planForm(req: Request) async throws -> View {
        let (_, scope) = try editor(req)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        let latest = try await SupportPlanVersion.query(on: req.db).filter(\.$supportCase.$id == supportCase.id!)
            .filter(\.$number == supportCase.planNumber).first()
        let form = try latest.map { Self.form(from: try $0.plan(key: req.application.dataKey)) } ?? PlanForm()
        return try await renderPlan(req, supportCase, form: form)
    }

    /// The saved plan as the page shows it, so that a change starts from what was agreed.
    static func form(from plan: SupportPlan) -> PlanForm {
        PlanForm(
            goals: plan.goals.joined(separator: "\n"),
            services: plan.services.map { service in
                PlanForm.ServiceRow(
                    service: service.serviceID.uuidString,
                    visits: String(service.frequency.visits),
                    period: service.frequency.period.rawValue,
                    minutes: String(service.frequency.minutesPerVisit),
                    days: service.preferredDays.map(\.rawValue),
                    from: service.preferredTime.map { TimeWindow.clock($0.startMinute) },
                    until: service.preferredTime.map { TimeWindow.clock($0.endMinute) },
                    worker: service.chosenWorkerID?.uuidString,
                    substitute: service.substituteWorkerID?.uuidString
                )
            },
            start: plan.startDate.iso,
            review: plan.reviewDate.iso,
            agreedBy: plan.agreement?.agreedBy,
            degree: plan.personalAssistance.map { String($0.degree.rawValue) },
            monthlyHours: plan.personalAssistance.map { String($0.monthlyHours) },
            agreementSignedOn: plan.personalAssistance?.agreementSignedOn?.iso
        )
    }

    /// `errors` are keyed by field ("services.1.frequency", "start", ...).
    func renderPlan(
        _ req: Request,
        _ supportCase: SupportCase,
        form: PlanForm,
        errors: [String: String] = [:],
        summary: ErrorSummary? = nil
    )
        async throws -> View
    {
        let language = req.language
        let register = try await ServiceStore.list(
            PlanStore.register(of: supportCase),
            providerID: nil,
            on: req.db
        )
        let staff = try await Scoped.query(
            User.self,
            AccessScope(providers: Set(register.map { $0.$provider.id })),
            on: req.db
        )
        .filter(\.$disabled == false).sort(\.$sortKey).all()
        func people(_ selected: String?) -> [Choice] {
            [Choice(value: "", label: "—", selected: (selected ?? "").isEmpty)]
                + staff.map {
                    Choice(
                        value: $0.id!.uuidString,
                        label: $0.displayName + ($0.jobTitle.map { " (" + $0.label(in: language) + ")" } ?? ""),
                        selected: $0.id!.uuidString == selected
                    )
                }
        }
        var rows = form.services ?? []
        if rows.isEmpty || form.addService != nil { rows.append(PlanForm.ServiceRow()) }
        let rowContexts = rows.enumerated().map { index, row in
            let days = Set(row.days ?? [])
            let period = row.period ?? "week"
            return PlanFormContext.ServiceRowContext(
                index: index,
                number: index + 1,
                services: [Choice(value: "", label: "—", selected: row.isEmpty)]
                    + register.map {
                        Choice(
                            value: $0.id!.uuidString,
                            label: "\($0.provider.name): \($0.name)",
                            selected: $0.id!.uuidString == row.service
                        )
                    },
                periods: ServiceFrequency.Period.allCases.map {
                    Choice(value: $0.rawValue, label: $0.label(in: language), selected: $0.rawValue == period)
                },
                days: Weekday.allCases.map {
                    Choice(value: $0.rawValue, label: $0.label(in: language), selected: days.contains($0.rawValue))
                },
                workers: people(row.worker),
                substitutes: people(row.substitute),
                values: [
                    "visits": row.visits ?? "2", "minutes": row.minutes ?? "60", "from": row.from ?? "",
                    "until": row.until ?? "",
                ],
                errors: errors.reduce(into: [:]) { result, entry in
                    let prefix = "services.\(index)."
                    if entry.key.hasPrefix(prefix) { result[String(entry.key.dropFirst(prefix.count))] = entry.value }
                }
            )
        }
        let degree = form.degree ?? ""
        let context = PlanFormContext(
            action: "/cases/\(supportCase.id!)/plan",
            personHref: personOf(supportCase),
            basedOn: form.basedOn ?? supportCase.planNumber,
            rows: rowContexts,
            degrees: [Choice(value: "", label: "—", selected: degree.isEmpty)]
                + DependenceDegree.allCases.map {
                    Choice(
                        value: String($0.rawValue),
                        label:
                            "\($0.label(in: language)) (\(req.text(.monthlyCap)) \($0.monthlyHoursCap) \(req.text(.hoursShort)))",
                        selected: String($0.rawValue) == degree
                    )
                },
            values: [
                "goals": form.goals ?? "", "start": form.start ?? "", "review": form.review ?? "",
                "agreedBy": form.agreedBy ?? "",
                "monthlyHours": form.monthlyHours ?? "", "agreementSignedOn": form.agreementSignedOn ?? "",
            ],
            errors: errors,
            summary: summary
        )
        return try await req.view.render("cases/plan-form", req.page(title: req.text(.planTitle), context))
    }

    func savePlan(req: Request) async throws -> Response {
        let (_, scope) = try editor(req)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        var form = try req.content.decode(PlanForm.self)
        if form.addService != nil {
            return try await renderPlan(req, supportCase, form: form).encodeResponse(for: req)
        }
        form.services = (form.services ?? []).filter { !$0.isEmpty }
        let (plan, problems) = try await readPlan(form, register: PlanStore.register(of: supportCase), request: req)
        guard let plan, problems.problems.isEmpty else {
            return try await renderPlan(
                req,
                supportCase,
                form: form,
                errors: problems.byField,
                summary: req.errorSummary(problems)
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        do {
            _ = try await PlanStore.save(
                caseID: supportCase.id!,
                input: .init(basedOn: form.basedOn, plan: plan),
                scope: scope,
                request: req
            )
            return req.redirect(to: "/cases/\(supportCase.id!)", flash: .planSaved)
        } catch let failure as ValidationFailure {
            return try await renderPlan(
                req,
                supportCase,
                form: form,
                errors: failure.byField,
                summary: req.errorSummary(failure)
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        } catch is EditConflict {
            return try await renderPlan(
                req,
                supportCase,
                form: form,
                summary: req.errorSummary(message: req.text(.errorConflict))
            )
            .encodeResponse(status: .conflict, for: req)
        }
    }

    /// Every field checked at once; the plan only when nothing is wrong.
    private func readPlan(
        _ form: PlanForm,
        register: AccessScope,
        request req: Request
    ) async throws -> (SupportPlan?, ValidationFailure) {
        var byField: [String: String] = [:]
        var services: [PlannedService] = []
        let rows = form.services ?? []
        for (index, row) in rows.enumerated() {
            func problem(_ field: String, _ key: CatalogueKey) { byField["services.\(index).\(field)"] = req.text(key) }
            let service = try await row.service.flatMap(UUID.init(uuidString:)).asyncFlatMap {
                try await ServiceStore.query(register, on: req.db).filter(\.$id == $0).first()
            }
            if service == nil { problem("service", .serviceUnknown) }
            let frequency = ServiceFrequency(
                visits: Int(row.visits ?? "") ?? 0,
                per: ServiceFrequency.Period(rawValue: row.period ?? "") ?? .week,
                minutesPerVisit: Int(row.minutes ?? "") ?? 0
            )
            if frequency == nil { problem("frequency", .frequencyInvalid) }
            var window: TimeWindow?
            if !(row.from ?? "").isEmpty || !(row.until ?? "").isEmpty {
                window = TimeWindow.minute(ofClock: row.from ?? "").flatMap { from in
                    TimeWindow.minute(ofClock: row.until ?? "").flatMap { TimeWindow(startMinute: from, endMinute: $0) }
                }
                if window == nil { problem("time", .timeWindowInvalid) }
            }
            let worker = row.worker.flatMap(UUID.init(uuidString:))
            let substitute = row.substitute.flatMap(UUID.init(uuidString:))
            if let service, let frequency {
                services.append(
                    PlannedService(
                        serviceID: service.id!,
                        type: service.serviceType,
                        frequency: frequency,
                        preferredDays: Set((row.days ?? []).compactMap(Weekday.init(rawValue:))),
                        preferredTime: window,
                        chosenWorkerID: worker,
                        substituteWorkerID: substitute
                    )
                )
            }
        }
        let start = form.start.flatMap(CalendarDay.init(iso:))
        let review = form.review.flatMap(CalendarDay.init(iso:))
        if start == nil { byField["start"] = req.text(.dateInvalid) }
        if review == nil { byField["review"] = req.text(.dateInvalid) }
        let agreedBy = (form.agreedBy ?? "").trimmingCharacters(in: .whitespaces)
        if agreedBy.isEmpty { byField["agreedBy"] = req.text(.planAgreementRequired) }
        var grant: PersonalAssistanceGrant?
        if let raw = form.degree, !raw.isEmpty {
            let assisted = PersonalAssistanceGrant.assistedService(in: services)
            let signed = form.agreementSignedOn.flatMap { $0.isEmpty ? nil : $0 }
            if let signed, CalendarDay(iso: signed) == nil { byField["agreementSignedOn"] = req.text(.dateInvalid) }
            if let degree = Int(raw).flatMap(DependenceDegree.init(rawValue:)),
                let hours = form.monthlyHours.flatMap({ Int($0) })
            {
                grant = PersonalAssistanceGrant(
                    degree: degree,
                    monthlyHours: hours,
                    assistantID: assisted?.chosenWorkerID,
                    substituteAssistantID: assisted?.substituteWorkerID,
                    frequency: assisted?.frequency,
                    agreementSignedOn: signed.flatMap(CalendarDay.init(iso:))
                )
            } else {
                byField["monthlyHours"] = req.text(.personalAssistanceIncomplete)
            }
        }
        let goals = (form.goals ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        let today = CalendarDay.today(at: req.application.clock.now())
        let plan = SupportPlan(
            goals: goals,
            services: services,
            startDate: start ?? today,
            reviewDate: review ?? today.adding(days: 1),
            personalAssistance: grant,
            agreement: PlanAgreement(agreedBy: agreedBy, agreedOn: today)
        )
        // The plan's own rules come from the core, beside the form's messages, so that every
        // message shows at once; the dates are compared only when both were readable.
        for problem in plan.problems() where start != nil && review != nil || problem != .reviewNotAfterStart {
            let field = PlanStore.field(of: problem)
            if byField[field] == nil { byField[field] = problem.message(in: req.language) }
        }
        let problems = ValidationFailure(byField)
        guard problems.problems.isEmpty, start != nil, review != nil else { return (nil, problems) }
        return (plan, problems)
    }
}
