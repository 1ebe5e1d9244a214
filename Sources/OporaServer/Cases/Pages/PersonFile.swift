import Fluent
import OporaCore
import Vapor

/// The view of a person's file: details, cases with their history, assessments over time,
/// the current plan and its changes, consents and referrals.
struct PersonFile: Encodable, Sendable {
    struct Fact: Encodable, Sendable {
        var label: String
        var value: String
    }

    struct NoteView: Encodable, Sendable {
        var kind: String
        var contactOn: String
        var author: String
        var written: String
        var text: String
        var forVisits: Bool
    }

    struct CaseView: Encodable, Sendable {
        var id: String
        var number: String
        var worker: String
        var state: String
        var stateLabel: String
        var openedOn: String
        var source: String
        var basis: String
        var request: String
        var version: Int
        var nextStates: [Choice]
        var transitions: [String]
        var notes: [NoteView]
        var noteKinds: [Choice]
        var plan: PlanView?
        /// The latest plan's review date; overdue once it has passed while the case is open.
        var reviewDate: String?
        var reviewOverdue: Bool
        /// Closing is among the next stages: the form then asks to confirm it.
        var canClose: Bool
        var closedOn: String?
        var canReopen: Bool
        var reopenUntil: String?
        var reopenForm: FormState
        var planChanges: [String]
        var team: [String]
        var canAssess: Bool
        var canPlan: Bool
        var transitionForm: FormState
        var noteForm: FormState
    }

    struct PlanView: Encodable, Sendable {
        var number: Int
        var goals: [String]
        var services: [String]
        var weeklyHours: String
        var reviewDate: String
        var agreedBy: String
        var assistants: String
        var personalAssistance: String
    }

    struct AssessmentView: Encodable, Sendable {
        var signedOn: String
        var signedBy: String
        var barthel: String
        var lawton: String
        var degree: String
        var recommendations: [String]
        var domains: [Fact]
    }

    struct Chart: Encodable, Sendable {
        var points: String
        var dots: [Dot]
        var description: String
    }

    struct Dot: Encodable, Sendable {
        var x: Int
        var y: Int
        var label: String
        /// The date under the axis; only some dots carry one, so that the dates never overlap.
        var tick: String?
    }

    /// A case as the file lists it; the case's own page shows the rest (`CaseView`).
    struct CaseRow: Encodable, Sendable {
        var id: String
        var number: String
        var stateLabel: String
        var worker: String
        var openedOn: String
    }

    var id: String
    var facts: [Fact]
    var cases: [CaseRow]
    var assessments: [AssessmentView]
    var chart: Chart?
    var household: [Fact]
    var consents: [Fact]
    var referrals: [Fact]
    var canEdit: Bool
    var referralSources: [Choice]
    var legalBases: [Choice]
    var relations: [Choice]
    var legalRoles: [Choice]
    var householdForm: FormState
    var householdLivesWith: Bool
    var intakeForm: FormState
    /// One-time token of the intake form (`FormOnce`).
    var intakeToken: String
    /// A refused form's summary, at the top of the page.
    var summary: ErrorSummary?

    static func build(
        person: Person,
        user: CurrentUser,
        refused: RefusedForm? = nil,
        request req: Request
    ) async throws -> PersonFile {
        let key = req.application.dataKey
        let language = req.language
        let db = req.db
        let dto = try person.dto(key: key)
        let settlement = try await TerritoryNames.shared.settlementNames([person.settlementEkatte], on: db)[
            person.settlementEkatte
        ]
        var facts = [
            Fact(
                label: req.text(.fieldIdentifier),
                value: (IdentifierType(rawValue: dto.identifierType)?.label(in: language) ?? "") + " "
                    + (dto.identifier ?? "")
            ),
            Fact(
                label: req.text(.fieldBirthDate),
                value: dto.birthDate.flatMap(CalendarDay.init(iso:))?.display ?? "—"
            ),
            Fact(label: req.text(.fieldSex), value: dto.sex.flatMap(Sex.init(rawValue:))?.label(in: language) ?? "—"),
            Fact(label: req.text(.territoryLatin), value: dto.nameLatin),
            Fact(label: req.text(.fieldSettlement), value: settlement ?? dto.settlementEkatte),
            Fact(label: req.text(.fieldAddress), value: dto.address ?? ""),
            Fact(label: req.text(.fieldPhone), value: dto.phone ?? ""),
            Fact(
                label: req.text(.fieldTargetGroups),
                value: dto.targetGroups.compactMap { raw -> String? in
                    guard let group = TargetGroup(rawValue: raw) else { return nil }
                    guard let proof = dto.targetGroupEvidence?.first(where: { $0.group == raw }) else {
                        return group.label(in: language)
                    }
                    let since = CalendarDay(iso: proof.since).map { req.text(.since) + " " + $0.display }
                    return group.label(in: language) + " ("
                        + [since, proof.evidence.isEmpty ? nil : proof.evidence].compactMap { $0 }.joined(
                            separator: ", "
                        ) + ")"
                }.joined(separator: "; ")
            ),
        ]
        if let percent = dto.disabilityPercent {
            facts.append(
                Fact(
                    label: req.text(.fieldDisability),
                    value: "\(percent)% · " + (dto.decisionExpiry.flatMap(CalendarDay.init(iso:))?.display ?? "")
                )
            )
        }
        let scope = user.scope(for: .viewPeople)
        let canEdit = user.can(.editPeople)
        let cases = try await CaseStore.query(scope, on: db).filter(\.$person.$id == person.id!)
            .join(User.self, on: \SupportCase.$caseWorker.$id == \User.$id, method: .left)
            .sort(\.$createdAt).rows { output -> CaseRow in
                let row = output.schema(SupportCase.schema)
                let state = try row.decode("state", as: CaseState.self)
                let openedOn = try row.decode("opened_on", as: String.self)
                return CaseRow(
                    id: try row.decode("id", as: UUID.self).uuidString,
                    number: try row.decode("number", as: String?.self) ?? "—",
                    stateLabel: state.label(in: language),
                    worker: try output.schema(User.schema).decode("display_name", as: String?.self) ?? "—",
                    openedOn: CalendarDay(iso: openedOn)?.display ?? ""
                )
            }
        let assessments = try await Assessment.query(on: db).filter(\.$person.$id == person.id!).sort(\.$signedOn).all()
        let assessmentViews = try assessmentViews(assessments, key: key, request: req)
        // Recorded in a referral form, where the witness rule applies; the file only lists them.
        let consents = try await SharingConsent.query(on: db).filter(\.$person.$id == person.id!).with(\.$recipient)
            .all().map { Fact(label: $0.recipient.name, value: ReferralRoutes.describe($0, request: req)) }
        let caseIDs = cases.compactMap { UUID(uuidString: $0.id) }
        let referrals =
            caseIDs.isEmpty
            ? []
            : try await Scoped.unscoped(Referral.self, on: db, .throughParent).filter(\.$supportCase.$id ~~ caseIDs)
                .join(Provider.self, on: \Referral.$toProvider.$id == \Provider.$id, method: .left)
                .sort(\.$sentAt).rows { output -> Fact in
                    let referral = output.schema(Referral.schema)
                    let status = try referral.decode("status", as: ReferralStatus.self)
                    let provider = try output.schema(Provider.schema).decode("name", as: String?.self)
                    let outside = try referral.decode("outside_service", as: String?.self)
                    let sentAt = try referral.decode("sent_at", as: Date.self)
                    let declineReason = try referral.decode("decline_reason", as: String?.self)
                    return Fact(
                        label: (provider ?? outside ?? "") + " · " + SofiaTime.date(sentAt),
                        value: status.label(in: language) + (declineReason.map { ": " + $0 } ?? "")
                    )
                }
        let intake = refused?.state("intake") ?? FormState()
        let household = refused?.state("household") ?? FormState()
        return PersonFile(
            id: person.id!.uuidString,
            facts: facts,
            cases: cases,
            assessments: assessmentViews,
            chart: try chart(assessments, key: key, language: language),
            household: try await HouseholdStore.members(of: person, key: key, on: db).map { member in
                Fact(
                    label: member.name,
                    value: (HouseholdRelation(rawValue: member.relation)?.label(in: language) ?? "")
                        + (member.legalRole.flatMap(LegalRole.init(rawValue:)).map { " · " + $0.label(in: language) }
                            ?? "")
                        + (member.phone.map { " · " + $0 } ?? "")
                )
            },
            consents: consents,
            referrals: referrals,
            canEdit: canEdit,
            referralSources: ReferralSource.allCases.map {
                Choice(
                    value: $0.rawValue,
                    label: $0.label(in: language),
                    selected: $0.rawValue == intake.values["referralSource"]
                )
            },
            legalBases: LegalBasis.allCases.map {
                Choice(
                    value: $0.rawValue,
                    label: $0.label(in: language),
                    selected: $0.rawValue == intake.values["legalBasis"]
                )
            },
            relations: HouseholdRelation.allCases.map {
                Choice(
                    value: $0.rawValue,
                    label: $0.label(in: language),
                    selected: $0.rawValue == household.values["relation"]
                )
            },
            legalRoles: [Choice(value: "", label: "—", selected: (household.values["legalRole"] ?? "").isEmpty)]
                + LegalRole.allCases.map {
                    Choice(
                        value: $0.rawValue,
                        label: $0.label(in: language),
                        selected: $0.rawValue == household.values["legalRole"]
                    )
                },
            householdForm: household,
            householdLivesWith: refused?.target != "household" || household.values["livesWith"] == "true",
            intakeForm: intake,
            intakeToken: FormOnce.token(),
            summary: refused?.summary
        )
    }

    /// Staff names by account id, for notes and history written under an account name.
    static func displayNames(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(
            try await Scoped.unscoped(User.self, on: db, .throughParent).filter(\.$id ~~ Array(ids)).all().map {
                ($0.id!, $0.displayName)
            },
            uniquingKeysWith: { first, _ in first }
        )
    }

    /// Signed assessments as the file and the case page show them.
    static func assessmentViews(
        _ assessments: [Assessment],
        key: DataKey,
        request req: Request
    ) throws
        -> [AssessmentView]
    {
        let language = req.language
        return try assessments.map { row -> AssessmentView in
            let content = try key.openJSON(AssessmentContent.self, row.contentSealed)
            let degree = row.dependenceDegree.flatMap(DependenceDegree.init(rawValue:))
            return AssessmentView(
                signedOn: CalendarDay(iso: row.signedOn)?.display ?? row.signedOn,
                signedBy: row.signedBy,
                barthel: "\(content.barthel.total) / 100 · \(content.barthel.band.label(in: language))",
                lawton: "\(content.lawton.total()) / 8 · \(content.lawton.band().label(in: language))",
                degree: degree.map {
                    "\($0.label(in: language)) · \(req.text(.monthlyCap)) \($0.monthlyHoursCap) \(req.text(.hoursShort))"
                } ?? "—",
                recommendations: WeeklyHoursRecommendation.recommend(
                    barthel: content.barthel,
                    lawton: content.lawton,
                    lifeDomains: content.domains
                )
                .map {
                    "\($0.type.label(in: language)): \(decimalHours($0.weeklyMinutes, in: language)) \(req.text(.hoursPerWeek))"
                },
                domains: content.domains.map {
                    Fact(
                        label: $0.domain.label(in: language) + " · " + $0.rating.label(in: language),
                        value: "„\($0.inOwnWords)“ — \($0.goal)"
                    )
                }
            )
        }
    }

    static func caseView(
        _ supportCase: SupportCase,
        user: CurrentUser,
        canEdit: Bool,
        refused: RefusedForm?,
        key: DataKey,
        request req: Request
    ) async throws -> CaseView {
        let language = req.language
        let db = req.db
        let transitions = try await CaseTransitionRecord.query(on: db).filter(\.$supportCase.$id == supportCase.id!)
            .sort(\.$at).all()
        let notes = try await CaseNote.query(on: db).filter(\.$supportCase.$id == supportCase.id!).sort(\.$at).all()
        let plans = try await SupportPlanVersion.query(on: db).filter(\.$supportCase.$id == supportCase.id!).sort(
            \.$number
        ).all()
        var planView: PlanView?
        var changes: [String] = []
        var reviewDay: CalendarDay?
        if let latest = plans.last {
            let plan = try latest.plan(key: key)
            reviewDay = plan.reviewDate
            let previous = plans.count > 1 ? try plans[plans.count - 2].plan(key: key) : nil
            let both = [plan] + (previous.map { [$0] } ?? [])
            let named = Set(
                both.flatMap { version in
                    version.services.flatMap { [$0.chosenWorkerID, $0.substituteWorkerID] }
                        + [version.personalAssistance?.assistantID, version.personalAssistance?.substituteAssistantID]
                }.compactMap { $0 }
            )
            let names =
                named.isEmpty
                ? [:]
                : Dictionary(
                    uniqueKeysWithValues: try await Scoped.unscoped(User.self, on: db, .throughParent).filter(
                        \.$id ~~ Array(named)
                    ).all()
                        .map { ($0.id!, $0.displayName) }
                )
            let assistants = plan.services.compactMap { service -> String? in
                guard let chosen = service.chosenWorkerID.flatMap({ names[$0] }) else { return nil }
                return chosen
                    + (service.substituteWorkerID.flatMap { names[$0] }.map {
                        " · " + req.text(.planSubstitute) + ": " + $0
                    } ?? "")
            }.joined(separator: "; ")
            let serviceNames = Dictionary(
                uniqueKeysWithValues: try await Scoped.unscoped(ProvidedService.self, on: db, .throughParent).filter(
                    \.$id ~~ both.flatMap { $0.services.map(\.serviceID) }
                )
                .with(\.$provider).all().map { ($0.id!, "\($0.name) (\($0.provider.name))") }
            )
            let grant =
                plan.personalAssistance.map { grant in
                    "\(grant.degree.label(in: language)) · \(grant.monthlyHours) \(req.text(.hoursShort)) · "
                        + (grant.agreementSignedOn.map { req.text(.planAgreementSigned) + " " + $0.display } ?? "")
                } ?? ""
            planView = PlanView(
                number: latest.number,
                goals: plan.goals,
                services: plan.services.map { service in
                    var parts = [
                        "\(service.frequency.visits) × \(service.frequency.minutesPerVisit) \(req.text(.minutesShort)) \(service.frequency.period.label(in: language))"
                    ]
                    let days = Weekday.allCases.filter(service.preferredDays.contains).map { $0.label(in: language) }
                    if !days.isEmpty { parts.append(days.joined(separator: ", ")) }
                    if let time = service.preferredTime { parts.append(time.display) }
                    return (serviceNames[service.serviceID] ?? service.type.label(in: language)) + ": "
                        + parts.joined(separator: " · ")
                },
                weeklyHours: decimalHours(plan.totalWeeklyMinutes, in: language),
                reviewDate: plan.reviewDate.display,
                agreedBy: plan.agreement?.agreedBy ?? "",
                assistants: assistants,
                personalAssistance: grant
            )
            if let previous {
                let planNames = PlanNames(services: serviceNames, people: names)
                changes = SupportPlanDiff.changes(from: previous, to: plan).map {
                    $0.message(in: language, names: planNames)
                }
            }
        }
        let today = CalendarDay.today(at: req.application.clock.now())
        let closing = supportCase.state == .closed ? try await CaseStore.lastClosing(of: supportCase.id!, on: db) : nil
        let closedDay = closing.map { CalendarDay.today(at: $0.at) }
        let reopenUntil = closedDay.map { CaseLifeCycle.lastDayToReopen(closedOn: $0) }
        let worker: String
        if let workerID = supportCase.$caseWorker.id {
            worker = try await Scoped.unscopedFind(User.self, workerID, on: db, .throughParent)?.displayName ?? "—"
        } else {
            worker = "—"
        }
        let next = (CaseLifeCycle.allowedTransitions[supportCase.state] ?? []).sorted { $0.rawValue < $1.rawValue }
        let id = supportCase.id!
        let transitionForm = refused?.state("transition:\(id)") ?? FormState()
        let noteForm = refused?.state("note:\(id)") ?? FormState()
        // Notes keep the author's account name; the page shows the person's name.
        let authors = try await displayNames(Set(notes.compactMap(\.authorID)), on: db)
        return CaseView(
            id: supportCase.id!.uuidString,
            number: supportCase.number ?? "—",
            worker: worker,
            state: supportCase.state.rawValue,
            stateLabel: supportCase.state.label(in: language),
            openedOn: CalendarDay(iso: supportCase.openedOn)?.display ?? "",
            source: supportCase.referralSource.label(in: language),
            basis: supportCase.legalBasis.label(in: language),
            request: try key.open(supportCase.requestSealed),
            version: supportCase.version,
            // No stage is chosen in advance: the first in the list was „закрит“, one click from closing the case.
            nextStates: [Choice(value: "", label: "—", selected: (transitionForm.values["to"] ?? "").isEmpty)]
                + next.map {
                    Choice(
                        value: $0.rawValue,
                        label: $0.label(in: language),
                        selected: $0.rawValue == transitionForm.values["to"]
                    )
                },
            transitions: try transitions.map {
                "\(SofiaTime.dateTime($0.at)) · \(CaseState(rawValue: $0.fromState)?.label(in: language) ?? "") → \(CaseState(rawValue: $0.toState)?.label(in: language) ?? ""): \(try key.open($0.reasonSealed)) (\($0.byName))"
            },
            notes: try notes.map { note in
                NoteView(
                    kind: (note.kind.flatMap(CaseNoteKind.init(rawValue:)) ?? .other).label(in: language),
                    contactOn: (note.contactOn.flatMap(CalendarDay.init(iso:)) ?? CalendarDay.today(at: note.at))
                        .display,
                    author: note.authorID.flatMap { authors[$0] } ?? note.authorName,
                    written: SofiaTime.dateTime(note.at),
                    text: try key.open(note.textSealed),
                    forVisits: note.forVisitingWorkers ?? false
                )
            },
            noteKinds: [Choice(value: "", label: "—", selected: (noteForm.values["kind"] ?? "").isEmpty)]
                + CaseNoteKind.allCases.map {
                    Choice(
                        value: $0.rawValue,
                        label: $0.label(in: language),
                        selected: $0.rawValue == noteForm.values["kind"]
                    )
                },
            plan: planView,
            reviewDate: supportCase.state == .closed ? nil : reviewDay?.display,
            reviewOverdue: supportCase.state != .closed && reviewDay.map { $0 < today } == true,
            canClose: next.contains(.closed),
            closedOn: closedDay?.display,
            canReopen: canEdit && supportCase.state == .closed && CaseStore.mayReopen(supportCase, user: user)
                && reopenUntil.map { today <= $0 } == true,
            reopenUntil: reopenUntil?.display,
            reopenForm: refused?.state("reopen:\(id)") ?? FormState(),
            planChanges: changes,
            team: try await TeamStore.members(of: supportCase.id!, on: db).map { member in
                member.displayName
                    + (member.jobTitle.flatMap(JobTitle.init(rawValue:)).map { " (" + $0.label(in: language) + ")" }
                        ?? "")
            },
            canAssess: canEdit && [.assessment, .review].contains(supportCase.state),
            canPlan: canEdit && [.plan, .review, .active].contains(supportCase.state),
            transitionForm: transitionForm,
            noteForm: noteForm
        )
    }

    /// Barthel totals over time as an SVG polyline (0–100 upwards), drawn on the server.
    static func chart(_ assessments: [Assessment], key: DataKey, language: Language) throws -> Chart? {
        guard !assessments.isEmpty else { return nil }
        let step = assessments.count > 1 ? 520 / (assessments.count - 1) : 0
        // A date is about 80 units wide at the chart's font size: at most one every 80 units.
        let every = step == 0 ? 1 : max(1, (80 + step - 1) / step)
        let dots = try assessments.enumerated().map { index, row in
            let total = try row.totals(key: key).barthel
            let date = CalendarDay(iso: row.signedOn)?.display ?? ""
            return Dot(
                x: 40 + index * step,
                y: 170 - total * 150 / 100,
                label: "\(date): \(total)",
                tick: index % every == 0 ? date : nil
            )
        }
        let description =
            (language == .bg ? "Индекс на Бартел във времето: " : "Barthel index over time: ")
            + dots.map(\.label).joined(separator: "; ")
        return Chart(
            points: dots.map { "\($0.x),\($0.y)" }.joined(separator: " "),
            dots: dots,
            description: description
        )
    }
}
