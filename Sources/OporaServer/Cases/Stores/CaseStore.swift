import Fluent
import OporaCore
import Vapor

/// Cases, their life cycle and notes, within the caller's scope.
enum CaseStore {
    static func query(_ scope: AccessScope, on db: any Database) -> QueryBuilder<SupportCase> {
        Scoped.query(SupportCase.self, scope, on: db)
    }

    static func find(_ id: UUID, _ scope: AccessScope, on db: any Database) async throws -> SupportCase {
        try await Scoped.find(SupportCase.self, id, scope, on: db)
    }

    struct Intake: Content, Sendable {
        var referralSource: String?
        var legalBasis: String?
        var request: String?
    }

    /// Opens a case at the person's provider with the signed-in user as case worker.
    static func open(
        person: Person,
        intake: Intake,
        user: CurrentUser,
        request req: Request
    ) async throws -> SupportCase {
        var checks = req.fieldChecks()
        let source = ReferralSource(rawValue: intake.referralSource ?? "")
        if source == nil { checks.add("referralSource", key: .errorChooseFromList) }
        let basis = LegalBasis(rawValue: intake.legalBasis ?? "")
        if basis == nil { checks.add("legalBasis", key: .errorChooseFromList) }
        let text = checks.text("request", intake.request, maximum: 4000)
        try checks.finish()
        let key = req.application.dataKey
        let actor = req.auditActor
        let now = req.application.clock.now()
        let sealed = try key.seal(text)
        return try await req.write { db in
            let supportCase = SupportCase()
            supportCase.version = 1
            supportCase.$person.id = person.id!
            supportCase.$provider.id = person.$provider.id
            supportCase.municipalityCode = person.municipalityCode
            supportCase.oblastCode = person.oblastCode
            supportCase.$caseWorker.id = user.id
            supportCase.state = CaseLifeCycle.initialState
            supportCase.referralSource = source!
            supportCase.legalBasis = basis!
            supportCase.requestSealed = sealed
            supportCase.openedOn = CalendarDay.today(at: now).iso
            supportCase.planNumber = 0
            try await numberCase(supportCase, on: db)
            try await supportCase.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "case.opened",
                recordType: "case",
                recordID: supportCase.id!.uuidString,
                changes: [
                    FieldChange(field: "state", old: nil, new: supportCase.state.rawValue),
                    FieldChange(field: "number", old: nil, new: supportCase.number),
                ],
                at: now
            )
            return supportCase
        }
    }

    /// Gives a new case the next number of its provider in the year it opens. Inside the write
    /// transaction: the provider's row is locked first (PostgreSQL), and SQLite has one writer, so
    /// two intakes at once cannot take the same number; the unique index would refuse it anyway.
    static func numberCase(_ supportCase: SupportCase, on db: any Database) async throws {
        let providerID = supportCase.$provider.id
        try await db.lockRow(table: Provider.schema, id: providerID)
        guard let provider = try await Scoped.unscopedFind(Provider.self, providerID, on: db, .throughParent) else {
            throw Abort(.notFound)
        }
        let year = CalendarDay(iso: supportCase.openedOn)?.year ?? 0
        let last: Int? =
            try await Scoped.unscoped(SupportCase.self, on: db, .uniqueness).filter(\.$provider.$id == providerID)
            .filter(\.$numberYear == year).max(\.$numberSequence).flatMap { $0 }
        let number = CaseNumber(
            prefix: CaseNumber.prefix(forProviderNamed: provider.name),
            year: year,
            sequence: (last ?? 0) + 1
        )
        supportCase.numberYear = year
        supportCase.numberSequence = number.sequence
        supportCase.number = number.display
    }

    /// Moves a case along its life cycle; an illegal move, one without a reason, or closing
    /// without `confirmClose` is refused.
    static func transition(
        _ id: UUID,
        to raw: String?,
        reason: String?,
        confirmClose: Bool = false,
        version: Int?,
        scope: AccessScope,
        request req: Request
    ) async throws -> SupportCase {
        _ = try await find(id, scope, on: req.db)
        var checks = req.fieldChecks()
        let target = CaseState(rawValue: raw ?? "")
        if target == nil { checks.add("to", key: .errorChooseFromList) }
        if version == nil { checks.add("version", key: .errorRequired) }
        try checks.finish()
        let key = req.application.dataKey
        let actor = req.auditActor
        let now = req.application.clock.now()
        let language = req.language
        return try await req.updateVersioned(SupportCase.self, id: id, expected: version, recordType: "case") {
            supportCase,
            db in
            let move: CaseTransition
            do {
                move = try CaseLifeCycle.transition(
                    from: supportCase.state,
                    to: target!,
                    reason: reason ?? "",
                    confirmedClosing: confirmClose
                )
            } catch let problem as CaseTransitionProblem {
                let field = problem == .closingNotConfirmed ? "confirmClose" : "to"
                throw ValidationFailure(problems: [FieldProblem(field: field, message: problem.message(in: language))])
            }
            let record = CaseTransitionRecord()
            record.$supportCase.id = id
            record.fromState = move.from.rawValue
            record.toState = move.to.rawValue
            record.reasonSealed = try key.seal(move.reason)
            record.byName = actor.name
            record.at = now
            try await record.create(on: db)
            supportCase.state = move.to
            return AuditedChange(
                action: "case.transition",
                changes: [FieldChange(field: "state", old: move.from.rawValue, new: move.to.rawValue)]
            )
        }
    }

    /// Who may reopen a closed case: its own worker, or a manager of the provider or the
    /// municipality (who answer for every case there).
    static func mayReopen(_ supportCase: SupportCase, user: CurrentUser) -> Bool {
        supportCase.$caseWorker.id == user.id || user.has(.providerManager) || user.has(.municipalDirector)
    }

    /// When and from which stage the case was last closed, from its history.
    static func lastClosing(of id: UUID, on db: any Database) async throws -> CaseTransitionRecord? {
        try await CaseTransitionRecord.query(on: db).filter(\.$supportCase.$id == id)
            .filter(\.$toState == CaseState.closed.rawValue).sort(\.$at, .descending).first()
    }

    /// Reopens a case closed by mistake, in the stage it was closed from, within
    /// `CaseLifeCycle.reopenWindowDays` and with a reason; recorded in the history and the audit trail.
    static func reopen(
        _ id: UUID,
        reason: String?,
        version: Int?,
        user: CurrentUser,
        scope: AccessScope,
        request req: Request
    ) async throws -> SupportCase {
        let found = try await find(id, scope, on: req.db)
        guard mayReopen(found, user: user) else { throw Abort(.forbidden) }
        let key = req.application.dataKey
        let actor = req.auditActor
        let now = req.application.clock.now()
        let language = req.language
        return try await req.updateVersioned(SupportCase.self, id: id, expected: version, recordType: "case") {
            supportCase,
            db in
            let closing = try await lastClosing(of: id, on: db)
            let move: CaseTransition
            do {
                move = try CaseLifeCycle.reopen(
                    state: supportCase.state,
                    closedFrom: closing.flatMap { CaseState(rawValue: $0.fromState) } ?? .closed,
                    closedOn: closing.map { CalendarDay.today(at: $0.at) } ?? CalendarDay.today(at: now),
                    today: CalendarDay.today(at: now),
                    reason: reason ?? ""
                )
            } catch let problem as CaseTransitionProblem {
                // Too late or not closed concerns the case, not a field of the form.
                let field: String =
                    switch problem {
                    case .missingReason: "reason"
                    default: ""
                    }
                throw ValidationFailure(problems: [FieldProblem(field: field, message: problem.message(in: language))])
            }
            let record = CaseTransitionRecord()
            record.$supportCase.id = id
            record.fromState = move.from.rawValue
            record.toState = move.to.rawValue
            record.reasonSealed = try key.seal(move.reason)
            record.byName = actor.name
            record.at = now
            try await record.create(on: db)
            supportCase.state = move.to
            return AuditedChange(
                action: "case.reopened",
                changes: [FieldChange(field: "state", old: move.from.rawValue, new: move.to.rawValue)]
            )
        }
    }

    static func addNote(
        _ id: UUID,
        text raw: String?,
        kind rawKind: String? = nil,
        contactOn rawDay: String? = nil,
        forVisitingWorkers: Bool = false,
        scope: AccessScope,
        request req: Request
    ) async throws -> CaseNote {
        let supportCase = try await find(id, scope, on: req.db)
        var checks = req.fieldChecks()
        let text = checks.text("text", raw, maximum: 8000)
        // The API may leave kind and day out (a note of kind "other" on the day it is written); the
        // page asks for both.
        var kind = CaseNoteKind.other
        if let rawKind {
            if let chosen = CaseNoteKind(rawValue: rawKind) {
                kind = chosen
            } else {
                checks.add("kind", key: .errorChooseFromList)
            }
        }
        let today = CalendarDay.today(at: req.application.clock.now())
        var contactOn = today
        if let rawDay {
            let trimmed = rawDay.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                checks.add("contactOn", key: .errorRequired)
            } else if let day = CalendarDay(iso: trimmed) {
                // No contact before the person was born (or 1900, when that is unknown): 0001-01-01 was kept.
                let born = try await supportCase.$person.get(on: req.db).birthDate.flatMap(CalendarDay.init(iso:))
                if today < day {
                    checks.add("contactOn", key: .noteContactInFuture)
                } else if day < (born ?? CalendarDay.earliestOnRecord) {
                    checks.add("contactOn", key: .noteContactTooEarly)
                } else {
                    contactOn = day
                }
            } else {
                checks.add("contactOn", key: .dateInvalid)
            }
        }
        try checks.finish()
        let sealed = try req.application.dataKey.seal(text)
        let actor = req.auditActor
        let now = req.application.clock.now()
        let noteKind = kind.rawValue
        let contactDay = contactOn.iso
        return try await req.write { db in
            let note = CaseNote()
            note.$supportCase.id = id
            note.authorID = actor.id
            note.authorName = actor.name
            note.at = now
            note.textSealed = sealed
            note.kind = noteKind
            note.contactOn = contactDay
            note.forVisitingWorkers = forVisitingWorkers
            try await note.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "case.note",
                recordType: "case",
                recordID: id.uuidString,
                changes: forVisitingWorkers
                    ? [FieldChange(field: "forVisitingWorkers", old: nil, new: "true")] : [],
                sealingWith: req.application.dataKey,
                at: now
            )
            return note
        }
    }
}
