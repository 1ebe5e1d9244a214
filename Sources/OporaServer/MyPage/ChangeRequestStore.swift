import Fluent
import OporaCore
import Vapor

/// Requests sent from the own page, and the centre's answers.
enum ChangeRequestStore {
    struct Input: Content, Sendable {
        var kind: String?
        var visit: String?
        var text: String?
    }

    /// Checks the request against `ChangeRequestRule` and records it with its due date; the named
    /// visit must be one of the person's own, found in their scope.
    static func submit(_ input: Input, files: MyFiles, request req: Request) async throws -> ChangeRequestRecord {
        let now = req.application.clock.now()
        let kind = ChangeRequestKind(rawValue: input.kind ?? "")
        let text = (input.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let visitText = (input.visit ?? "").trimmingCharacters(in: .whitespaces)
        let visitID = UUID(uuidString: visitText)
        let visit = try await visitID.asyncFlatMap {
            try await PersonVisits.visit($0, person: files.chosen.id, files.scope, on: req.db)
        }
        var checks = req.fieldChecks()
        for problem in ChangeRequestRule.problems(
            kind: kind,
            text: text,
            visitNamed: !visitText.isEmpty,
            visitStart: visit?.plannedStart,
            visitCancelled: visit?.withdrawn ?? false,
            now: now
        ) {
            checks.add(problem.field, problem)
        }
        try checks.finish()
        let key = req.application.dataKey
        let sealed = try key.seal(text)
        let language = req.language
        var label = ""
        if kind?.needsVisit == true, let visit {
            let weekday: String = visit.day.weekday.label(in: language)
            let time: String = TimeWindow.clock(visit.startMinute)
            label = weekday + ", " + visit.day.display + ", " + time
        }
        let visitLabel = label
        let due = ChangeRequestRule.dueDate(submittedOn: CalendarDay.today(at: now))
        let actor = req.auditActor
        let person = files.chosen
        let askedBy = files.user.id
        return try await req.write { db in
            let record = ChangeRequestRecord()
            record.version = 1
            record.personID = person.id
            record.providerID = visit?.providerID ?? person.providerID
            record.municipalityCode = visit?.municipalityCode ?? person.municipalityCode
            record.oblastCode = visit?.oblastCode ?? person.oblastCode
            record.askedBy = askedBy
            record.kind = kind!.rawValue
            record.visitID = (kind!.needsVisit) ? visit?.id : nil
            record.visitLabel = visitLabel
            record.textSealed = sealed
            record.submittedAt = now
            record.dueOn = due.iso
            record.state = ChangeRequestState.open.rawValue
            try await record.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "my-page.request",
                recordType: "person",
                recordID: person.id.uuidString,
                changes: [FieldChange(field: "kind", old: nil, new: kind!.rawValue)],
                sealingWith: key,
                at: now
            )
            return record
        }
    }

    struct Answer: Content, Sendable {
        var version: Int?
        var decision: String?
        var answer: String?
    }

    /// The centre's answer: once, from open to accepted or declined, with words for the person.
    static func answer(
        _ id: UUID,
        _ input: Answer,
        scope: AccessScope,
        request req: Request
    ) async throws
        -> ChangeRequestRecord
    {
        let record = try await Scoped.find(ChangeRequestRecord.self, id, scope, on: req.db)
        var checks = req.fieldChecks()
        let decision = ChangeRequestState(rawValue: input.decision ?? "")
        if decision == nil || decision == .open { checks.add("decision", key: .errorChooseFromList) }
        let text = checks.text("answer", input.answer, maximum: ChangeRequestRule.textMaximum)
        if record.requestState != .open { checks.add("decision", key: .myRequestAlreadyAnswered) }
        try checks.finish()
        let key = req.application.dataKey
        let sealed = try key.seal(text)
        let actor = req.auditActor
        let name = try req.currentUser().displayName
        let now = req.application.clock.now()
        let version = input.version
        return try await req.write { db in
            try await db.lockRow(table: ChangeRequestRecord.schema, id: id)
            guard let fresh = try await Scoped.unscopedFind(ChangeRequestRecord.self, id, on: db, .reread) else {
                throw Abort(.notFound)
            }
            guard fresh.requestState == .open, version == nil || version == fresh.version else {
                throw EditConflict(recordType: "request")
            }
            fresh.state = decision!.rawValue
            fresh.answerSealed = sealed
            fresh.answeredAt = now
            fresh.answeredBy = name
            fresh.version += 1
            try await fresh.update(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "my-page.request-answered",
                recordType: "person",
                recordID: fresh.personID.uuidString,
                changes: [FieldChange(field: "state", old: "open", new: decision!.rawValue)],
                sealingWith: key,
                at: now
            )
            return fresh
        }
    }
}

/// Ratings of visits that happened, one per visit.
enum VisitRatingStore {
    struct Input: Content, Sendable {
        var face: String?
        var word: String?
    }

    static func rate(_ visitID: UUID, _ input: Input, files: MyFiles, request req: Request) async throws {
        guard let visit = try await PersonVisits.visit(visitID, person: files.chosen.id, files.scope, on: req.db)
        else { throw Abort(.notFound) }
        let now = req.application.clock.now()
        var checks = req.fieldChecks()
        let face = VisitFace(rawValue: input.face ?? "")
        if face == nil { checks.add("face", VisitRatingProblem.faceMissing) }
        let word = (input.word ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if word.count > VisitRatingRule.wordMaximum { checks.add("word", VisitRatingProblem.wordTooLong) }
        let already =
            try await Scoped.query(VisitRatingRecord.self, files.scope, on: req.db)
            .filter(\.$visitID == visitID).count() > 0
        if let problem = VisitRatingRule.problem(
            checkedOutAt: visit.checkedOutAt,
            withdrawn: visit.withdrawn,
            alreadyRated: already,
            now: now
        ) {
            checks.add("face", problem)
        }
        try checks.finish()
        let key = req.application.dataKey
        let sealed = try word.isEmpty ? nil : key.seal(word)
        let actor = req.auditActor
        let person = files.chosen.id
        let ratedBy = files.user.id
        try await req.write { db in
            // The unique visit id makes a second press, or a second phone, rate nothing twice.
            let record = VisitRatingRecord()
            record.visitID = visitID
            record.personID = person
            record.providerID = visit.providerID
            record.municipalityCode = visit.municipalityCode
            record.oblastCode = visit.oblastCode
            record.workerID = visit.workerID
            record.face = face!.rawValue
            record.wordSealed = sealed
            record.ratedAt = now
            record.ratedBy = ratedBy
            try await record.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "my-page.rated",
                recordType: "person",
                recordID: person.uuidString,
                changes: [FieldChange(field: "face", old: nil, new: face!.rawValue)],
                sealingWith: key,
                at: now
            )
        }
    }
}
