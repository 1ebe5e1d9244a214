import Fluent
import OporaCore
import Vapor

/// The requests the person sent, with their state and answer, and the form to send another.
enum MyRequestsPage {
    struct RequestView: Encodable, Sendable {
        var id: UUID
        var kind: String
        var visit: String
        var text: String
        var sent: String
        var sentAt: Date
        var due: String
        /// ISO.
        var dueOn: String
        var state: String
        var stateClass: String
        var answer: String?
        var answeredBy: String?
    }

    struct Context: Encodable, Sendable {
        var header: MyHeader
        var requests: [RequestView]
        var kinds: [Choice]
        var visits: [Choice]
        var form: FormState
        var summary: ErrorSummary?
        var dueDays: Int
    }

    static func build(
        _ files: MyFiles,
        form: FormState = FormState(),
        summary: ErrorSummary? = nil,
        request req: Request
    ) async throws -> Context {
        let language = req.language
        let key = req.application.dataKey
        let now = req.application.clock.now()
        let records = try await Scoped.query(ChangeRequestRecord.self, files.scope, on: req.db)
            .filter(\.$personID == files.chosen.id).sort(\.$submittedAt, .descending).limit(50).all()
        let (monday, sunday) = MyWeekPage.span(today: CalendarDay.today(at: now))
        let coming = try await PersonVisits.visits(
            person: files.chosen.id,
            from: monday,
            to: sunday,
            files.scope,
            on: req.db
        ).filter { !$0.withdrawn && $0.plannedStart > now }
        let chosenKind = form.values["kind"] ?? ""
        let chosenVisit = form.values["visit"] ?? ""
        return Context(
            header: MyHeader(files, active: "requests", request: req),
            requests: try records.map { record in
                RequestView(
                    id: try record.requireID(),
                    kind: record.requestKind?.label(in: language) ?? record.kind,
                    visit: record.visitLabel,
                    text: try key.open(record.textSealed),
                    sent: SofiaTime.dateTime(record.submittedAt),
                    sentAt: record.submittedAt,
                    due: CalendarDay(iso: record.dueOn)?.display ?? record.dueOn,
                    dueOn: record.dueOn,
                    state: record.requestState.label(in: language),
                    stateClass: record.requestState.rawValue,
                    answer: try record.answerSealed.map { try key.open($0) },
                    answeredBy: record.answeredBy
                )
            },
            kinds: ChangeRequestKind.allCases.map {
                Choice(value: $0.rawValue, label: $0.label(in: language), selected: $0.rawValue == chosenKind)
            },
            visits: [Choice(value: "", label: req.text(.myRequestNoVisit), selected: chosenVisit.isEmpty)]
                + coming.map { visit in
                    Choice(
                        value: visit.id.uuidString,
                        label: visit.day.weekday.label(in: language) + ", " + visit.day.display + ", "
                            + TimeWindow.clock(visit.startMinute) + " – " + visit.workerName,
                        selected: visit.id.uuidString == chosenVisit
                    )
                },
            form: form,
            summary: summary,
            dueDays: ChangeRequestRule.responseWorkingDays
        )
    }
}

/// Every opening of the person's file and of their cases, from the audit trail.
enum MyDataPage {
    struct OpeningView: Encodable, Sendable {
        var when: String
        var what: String
        var organisation: String
        var role: String
        var name: String
    }

    struct Context: Encodable, Sendable {
        var header: MyHeader
        var openings: [OpeningView]
        var documentHref: String
    }

    static let shown = 200

    static func build(_ files: MyFiles, request req: Request) async throws -> Context {
        let language = req.language
        let person = files.chosen
        let caseIDs = try await OwnFile.caseIDs(of: person.id, files.scope, on: req.db)
        let events = try await AuditEvent.query(on: req.db).group(.or) { group in
            group.group(.and) {
                $0.filter(\.$recordType == "person").filter(\.$recordID == person.id.uuidString)
                    .filter(\.$action == "person.opened")
            }
            if !caseIDs.isEmpty {
                group.group(.and) {
                    $0.filter(\.$recordType == "case").filter(\.$recordID ~~ caseIDs.map(\.uuidString))
                        .filter(\.$action == "case.opened")
                }
            }
        }.sort(\.$seq, .descending).limit(shown).all()
        // The person's own openings (the subject-access document) are theirs, not someone else's look.
        let others = events.filter { $0.actorID != files.user.id }
        let actorIDs = Set(others.compactMap(\.actorID))
        let actors =
            actorIDs.isEmpty
            ? []
            : try await Scoped.unscoped(User.self, on: req.db, .throughParent).filter(\.$id ~~ Array(actorIDs))
                .with(\.$grants).all()
        let byID = Dictionary(actors.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let reasons = try await Self.reasons(others, person: person.id, request: req)
        let providers = try await req.application.scopeDirectory.providerNames(
            Set(actors.compactMap(\.providerID)),
            on: req.db
        )
        return Context(
            header: MyHeader(files, active: "data", request: req),
            openings: others.map { event in
                let actor = event.actorID.flatMap { byID[$0] }
                let roles = Set(actor?.grants.map(\.role) ?? [])
                let named = FileOpeningDisclosure.showsName(
                    roles: roles,
                    atPersonsProvider: actor?.providerID == person.providerID
                )
                return OpeningView(
                    when: SofiaTime.dateTime(event.at),
                    what: req.text(event.recordType == "case" ? .myDataCaseOpened : .myDataFileOpened)
                        + (event.id.flatMap { reasons[$0] }.map { " — " + req.text($0) } ?? ""),
                    organisation: actor?.providerID.flatMap { providers[$0] } ?? req.text(.myDataNoOrganisation),
                    role: roles.map { $0.label(in: language) }.sorted().joined(separator: ", "),
                    name: named ? (actor?.displayName ?? "") : req.text(.myDataNameWithheld)
                )
            },
            documentHref: "/my/data/document" + files.query
        )
    }

    /// Why the file was opened, where the opening recorded it: for a visit on a worker's day or
    /// for a monthly hours report. The reason is sealed under the person's audit key.
    private static func reasons(
        _ events: [AuditEvent],
        person: UUID,
        request req: Request
    ) async throws -> [UUID: CatalogueKey] {
        let through = events.compactMap { event in
            event.id.flatMap { id in AuditTrail.values(event.changes)["through"]?.last?.map { (id, $0) } }
        }
        guard !through.isEmpty,
            let key = try await SubjectKeys.existingKey(
                for: AuditSubject(recordType: "person", id: person.uuidString, dataKey: req.application.dataKey),
                on: req.db
            )
        else { return [:] }
        var result: [UUID: CatalogueKey] = [:]
        for (id, sealed) in through {
            switch SubjectKeys.open(sealed, with: key) {
            case "visit": result[id] = .myDataThroughVisit
            case "hours-report": result[id] = .myDataThroughHoursReport
            default: continue
            }
        }
        return result
    }
}
