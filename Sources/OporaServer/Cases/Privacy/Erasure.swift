import Fluent
import OporaCore
import Vapor

/// Erasure on request (GDPR Art. 17) as anonymisation, by `ErasureRule` in OporaCore: an open
/// case or an unexpired retention period keeps the file; otherwise everything that identifies
/// the person is removed or generalised and the records stay for statistics and the audit chain.
///
/// The retention schedule is the municipality's own (its nomenclature of files); Opora reads the
/// years a personal file is kept after its last case closed from `OPORA_RETENTION_YEARS`, and
/// keeps none when it is unset, since the Acts set no period of their own (DOMAIN §6.2).
enum Erasure {
    struct Outcome: Content, Sendable {
        var anonymised: Bool
        var message: String
    }

    static func schedule(_ env: [String: String] = ProcessInfo.processInfo.environment) -> RetentionSchedule {
        guard let years = env["OPORA_RETENTION_YEARS"].flatMap(Int.init), years > 0 else { return .noRetention }
        return RetentionSchedule(
            years: Dictionary(uniqueKeysWithValues: RetainedRecordKind.allCases.map { ($0, years) })
        )
    }

    /// On SQLite, which Opora builds with secure delete (freed cells are zeroed), the old values
    /// still sit in the write-ahead log and in the trigram index's segments until they are merged:
    /// merge the index, then checkpoint and truncate the log. PostgreSQL's dead tuples are
    /// reclaimed by its own vacuum.
    static func mergeSearchIndex(on db: any Database) async throws {
        guard !db.isPostgres else { return }
        try await db.sql().raw("INSERT INTO people_fts(people_fts) VALUES('optimize')").run()
    }

    static func truncateLog(on db: any Database) async throws {
        guard !db.isPostgres else { return }
        _ = try await db.sql().raw("PRAGMA wal_checkpoint(TRUNCATE)").all()
    }

    static func erase(_ person: Person, request req: Request) async throws -> Outcome {
        let db = req.db
        let personID = person.id!
        let today = CalendarDay.today(at: req.application.clock.now())
        let cases = try await Scoped.unscoped(SupportCase.self, on: db, .throughParent).filter(
            \.$person.$id == personID
        ).all()
        var closedOn: CalendarDay? = today
        for supportCase in cases where supportCase.state != .closed { closedOn = nil }
        if closedOn != nil, !cases.isEmpty {
            let closings = try await CaseTransitionRecord.query(on: db).filter(
                \.$supportCase.$id ~~ cases.compactMap(\.id)
            )
            .filter(\.$toState == CaseState.closed.rawValue).all()
            closedOn = closings.map { CalendarDay.today(at: $0.at) }.max() ?? today
        }
        let outcome = ErasureRule.outcome(
            for: RecordForErasure(kind: .personalFile, caseClosedOn: closedOn),
            schedule: schedule(),
            today: today
        )
        guard outcome == .anonymiseNow else {
            return Outcome(anonymised: false, message: outcome.message(in: req.language))
        }
        let key = req.application.dataKey
        let holders = req.application.capabilities.personalDataHolders
        let actor = req.auditActor
        let now = req.application.clock.now()
        try await req.write { db in
            guard let record = try await Scoped.unscopedFind(Person.self, personID, on: db, .reread) else {
                throw Abort(.notFound)
            }
            try await PersonalDataHolders.erase(person: personID, from: holders, key: key, on: db)
            // Fluent writes only the fields changed here, after what the holders wrote.
            record.anonymised = true
            record.version += 1
            try await record.update(on: db)
            // The values the trail sealed for this person become unreadable; the chain still verifies.
            try await SubjectKeys.destroy(
                AuditSubject(recordType: "person", id: personID.uuidString, dataKey: key),
                on: db
            )
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "person.anonymised",
                recordType: "person",
                recordID: personID.uuidString,
                at: now
            )
            try await mergeSearchIndex(on: db)
        }
        try await truncateLog(on: req.db)
        return Outcome(anonymised: true, message: outcome.message(in: req.language))
    }
}
