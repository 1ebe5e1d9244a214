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
        if source == nil { checks.add("referralSource", key: "error_choose_from_list") }
        let basis = LegalBasis(rawValue: intake.legalBasis ?? "")
        if basis == nil { checks.add("legalBasis", key: "error_choose_from_list") }
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
            try await supportCase.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "case.opened",
                recordType: "case",
                recordID: supportCase.id!.uuidString,
                changes: [FieldChange(field: "state", old: nil, new: supportCase.state.rawValue)],
                at: now
            )
            return supportCase
        }
    }

    /// Moves a case along its life cycle; an illegal move or one without a reason is refused.
    static func transition(
        _ id: UUID,
        to raw: String?,
        reason: String?,
        version: Int?,
        scope: AccessScope,
        request req: Request
    ) async throws -> SupportCase {
        _ = try await find(id, scope, on: req.db)
        var checks = req.fieldChecks()
        let target = CaseState(rawValue: raw ?? "")
        if target == nil { checks.add("to", key: "error_choose_from_list") }
        if version == nil { checks.add("version", key: "error_required") }
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
                move = try CaseLifeCycle.transition(from: supportCase.state, to: target!, reason: reason ?? "")
            } catch let problem as CaseTransitionProblem {
                throw ValidationFailure(problems: [FieldProblem(field: "to", message: problem.message(in: language))])
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

    static func addNote(
        _ id: UUID,
        text raw: String?,
        scope: AccessScope,
        request req: Request
    ) async throws -> CaseNote {
        _ = try await find(id, scope, on: req.db)
        var checks = req.fieldChecks()
        let text = checks.text("text", raw, maximum: 8000)
        try checks.finish()
        let sealed = try req.application.dataKey.seal(text)
        let actor = req.auditActor
        let now = req.application.clock.now()
        return try await req.write { db in
            let note = CaseNote()
            note.$supportCase.id = id
            note.authorID = actor.id
            note.authorName = actor.name
            note.at = now
            note.textSealed = sealed
            try await note.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "case.note",
                recordType: "case",
                recordID: id.uuidString,
                at: now
            )
            return note
        }
    }
}
