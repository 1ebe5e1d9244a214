import Fluent
import Foundation
import OporaCore
import Vapor

extension Permission {
    /// Record one's own visits: check in and out, tasks, a note, a missed visit.
    static let recordVisits = Permission(name: "recordVisits", roles: [.careWorker, .caseWorker])
}

/// What happened to one submission: recorded now, or earlier under the same id (a replay), or
/// refused with the reason; with the visit as it now stands.
struct VisitAnswer: Sendable {
    var outcome: VisitEvent.Outcome
    var replayed: Bool
    var problem: VisitRecordProblem?
    var messageBG: String?
    var messageEN: String?
    var visit: CareVisit

    func message(in language: Language) -> String? { language == .bg ? messageBG : messageEN }
}

/// The worker's visits: their day, one visit, and the one way a record on it changes.
enum VisitStore {
    /// A worker's visits on a day in start order: those in force, and withdrawn ones they had
    /// already recorded.
    static func day(
        worker: UUID,
        on day: CalendarDay,
        _ scope: AccessScope,
        on db: any Database
    ) async throws
        -> [CareVisit]
    {
        try await Scoped.query(CareVisit.self, scope, on: db).filter(\.$workerID == worker)
            .filter(\.$day == day.iso).sort(\.$startMinute).all()
            .filter { $0.visitState == .planned || $0.checkInAt != nil || $0.missedReason != nil }
    }

    /// What the worker may know of the people on these visits, read through Cases per provider;
    /// showing them is an opening of those files, audited here for the page and the API alike.
    static func openCards(of visits: [CareVisit], request req: Request) async throws -> [UUID: VisitingCard] {
        var cards: [UUID: VisitingCard] = [:]
        for provider in Set(visits.map(\.providerID)) {
            let people = Set(visits.filter { $0.providerID == provider }.map(\.personID))
            cards.merge(
                try await PlansInForce.visitingCards(
                    people,
                    provider: provider,
                    key: req.application.dataKey,
                    on: req.db
                ),
                uniquingKeysWith: { a, _ in a }
            )
        }
        try await audit(openingOf: Set(visits.map(\.personID)), request: req)
        return cards
    }

    /// Showing a worker their day, or a manager a person's month, opens those people's files as
    /// far as the page needs; `through` names what opened them (a visit, a monthly hours report).
    static func audit(openingOf people: Set<UUID>, through: String = "visit", request req: Request) async throws {
        guard !people.isEmpty else { return }
        let actor = req.auditActor
        let now = req.application.clock.now()
        try await req.write { db in
            for person in people.sorted(by: { $0.uuidString < $1.uuidString }) {
                try await AuditTrail.append(
                    on: db,
                    actor: actor,
                    action: "person.opened",
                    recordType: "person",
                    recordID: person.uuidString,
                    changes: [FieldChange(field: "through", old: nil, new: through)],
                    sealingWith: req.application.dataKey,
                    at: now
                )
            }
        }
    }

    /// A visit in the scope; outside it, not found.
    static func visit(_ id: UUID, _ scope: AccessScope, on db: any Database) async throws -> CareVisit {
        try await Scoped.find(CareVisit.self, id, scope, on: db)
    }

    /// What the worker's phone sent for the day and was refused, newest first: also for visits no
    /// longer on their day (moved to a colleague, cancelled), so they see what became of it.
    static func refusals(worker: UUID, on day: CalendarDay, on db: any Database) async throws -> [VisitEvent] {
        let start = SofiaTime.instant(on: day, minute: 0)
        let end = SofiaTime.instant(on: day.adding(days: 1), minute: 0)
        return try await VisitEvent.query(on: db).filter(\.$workerID == worker).filter(\.$at >= start)
            .filter(\.$at < end).filter(\.$outcome == VisitEvent.Outcome.refused.rawValue)
            .sort(\.$receivedAt, .descending).limit(50).all()
    }

    /// Applies a submission under the row's lock. The same client id again answers as the first
    /// time did; an id already used on another visit is a bad request, not a replay.
    static func submit(_ submission: VisitSubmission, to id: UUID, request req: Request) async throws -> VisitAnswer {
        let user = try req.currentUser()
        let found = try await visit(id, user.scope(for: .recordVisits), on: req.db)
        let metres = try await distance(submission, to: found, on: req.db)
        let key = req.application.dataKey
        let sealedNote = try submission.note.map { try key.seal($0) }
        let actor = req.auditActor
        let now = req.application.clock.now()
        let worker = user.id
        do {
            return try await req.write { db in
                if let answer = try await replay(submission, visit: id, worker: worker, on: db) { return answer }
                try await db.lockRow(table: CareVisit.schema, id: id)
                guard let visit = try await Scoped.unscopedFind(CareVisit.self, id, on: db, .reread) else {
                    throw Abort(.notFound)
                }
                let result = apply(submission, to: visit, worker: worker, now: now, metres: metres, note: sealedNote)
                let event = VisitEvent()
                event.clientID = submission.clientID
                event.visitID = id
                event.workerID = worker
                event.kind = submission.kind.rawValue
                event.at = submission.at
                event.receivedAt = now
                switch result {
                case .failure(let problem):
                    event.outcome = VisitEvent.Outcome.refused.rawValue
                    event.problemCode = problem.code
                    event.messageBG = problem.message(in: .bg)
                    event.messageEN = problem.message(in: .en)
                    try await event.create(on: db)
                    return VisitAnswer(
                        outcome: .refused,
                        replayed: false,
                        problem: problem,
                        messageBG: event.messageBG,
                        messageEN: event.messageEN,
                        visit: visit
                    )
                case .success(let changes):
                    event.outcome = VisitEvent.Outcome.recorded.rawValue
                    try await event.create(on: db)
                    visit.recordedBy = worker
                    visit.version += 1
                    try await visit.update(on: db)
                    try await AuditTrail.append(
                        on: db,
                        actor: actor,
                        action: "visit.\(submission.kind.rawValue)",
                        recordType: "care_visit",
                        recordID: id.uuidString,
                        changes: changes,
                        at: now
                    )
                    return VisitAnswer(outcome: .recorded, replayed: false, visit: visit)
                }
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two phones sent the same id at once; the unique index let the first through.
            guard let answer = try await replay(submission, visit: id, worker: worker, on: req.db) else {
                throw Abort(.conflict, reason: String(describing: error))
            }
            return answer
        }
    }

    private static func replay(
        _ submission: VisitSubmission,
        visit id: UUID,
        worker: UUID,
        on db: any Database
    ) async throws -> VisitAnswer? {
        guard let prior = try await VisitEvent.query(on: db).filter(\.$clientID == submission.clientID).first() else {
            return nil
        }
        guard prior.visitID == id, prior.workerID == worker, prior.kind == submission.kind.rawValue else {
            throw ValidationFailure(problems: [FieldProblem(field: "clientId", message: "client id already used")])
        }
        guard let visit = try await Scoped.unscopedFind(CareVisit.self, id, on: db, .reread) else {
            throw Abort(.notFound)
        }
        let outcome = VisitEvent.Outcome(rawValue: prior.outcome) ?? .refused
        return VisitAnswer(
            outcome: outcome,
            replayed: true,
            problem: nil,
            messageBG: prior.messageBG,
            messageEN: prior.messageEN,
            visit: visit
        )
    }

    /// The visit's record after the submission, and the audited fields, or why not.
    private static func apply(
        _ submission: VisitSubmission,
        to visit: CareVisit,
        worker: UUID,
        now: Date,
        metres: Int?,
        note: String?
    ) -> Result<[FieldChange], VisitRecordProblem> {
        guard visit.workerID == worker else { return .failure(.anotherWorker) }
        let recorded = visit.checkInAt != nil || visit.missedReason != nil
        guard visit.visitState == .planned || recorded else { return .failure(.withdrawn) }
        guard let day = visit.calendarDay else { return .failure(.withdrawn) }
        let action: VisitRecord.Action
        switch submission.kind {
        case .checkIn: action = .checkIn(at: submission.at)
        case .checkOut: action = .checkOut(at: submission.at)
        case .missed: action = .missed(submission.reason ?? .other, at: submission.at)
        case .progress:
            guard visit.checkInAt != nil, visit.missedReason == nil else { return .failure(.progressBeforeCheckIn) }
            let before = visit.tasks
            visit.tasksDone = VisitTask.allCases.filter(submission.tasks.contains).map(\.rawValue)
                .joined(separator: ",")
            if let note { visit.noteSealed = note }
            return .success([
                FieldChange(
                    field: "tasks",
                    old: before.map(\.rawValue).sorted().joined(separator: ","),
                    new: submission.tasks.map(\.rawValue).sorted().joined(separator: ",")
                ),
                FieldChange(field: "note", old: nil, new: note == nil ? nil : "•"),
            ])
        }
        switch visit.record.applying(action, day: day, now: now) {
        case .failure(let problem): return .failure(problem)
        case .success(let next):
            var changes: [FieldChange] = []
            if next.checkIn != visit.checkInAt {
                visit.checkInAt = next.checkIn
                visit.checkInMetres = metres
                changes.append(FieldChange(field: "checkIn", old: nil, new: next.checkIn.map(Self.stamp)))
                if let metres { changes.append(FieldChange(field: "metresFromAddress", old: nil, new: String(metres))) }
            }
            if next.checkOut != visit.checkOutAt {
                visit.checkOutAt = next.checkOut
                changes.append(FieldChange(field: "checkOut", old: nil, new: next.checkOut.map(Self.stamp)))
            }
            if next.missed != visit.missedReason.flatMap(MissedReason.init) {
                visit.missedReason = next.missed?.rawValue
                if let note { visit.noteSealed = note }
                changes.append(FieldChange(field: "missed", old: nil, new: next.missed?.rawValue))
            }
            return .success(changes)
        }
    }

    private static func stamp(_ instant: Date) -> String { ISO8601DateFormatter().string(from: instant) }

    /// Metres from the visit's settlement to where the phone was, kept instead of the position.
    private static func distance(
        _ submission: VisitSubmission,
        to visit: CareVisit,
        on db: any Database
    ) async throws -> Int? {
        guard submission.kind == .checkIn, let latitude = submission.latitude, let longitude = submission.longitude,
            let place = try await TerritoryQueries.settlements(codes: [visit.settlement], on: db).first,
            let placeLatitude = place.latitude, let placeLongitude = place.longitude
        else { return nil }
        return GreatCircle.metres(
            fromLatitude: latitude,
            longitude: longitude,
            toLatitude: placeLatitude,
            longitude: placeLongitude
        )
    }
}
