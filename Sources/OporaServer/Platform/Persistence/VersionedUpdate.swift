import Fluent
import Vapor

/// A record edited by people who may each have opened an older copy of it.
protocol Versioned: Model where IDValue == UUID {
    var version: Int { get set }
}

extension Request {
    /// The one way an editable record is changed: in one transaction, lock the row, compare the
    /// version the editor started from (409 when another save came first), apply the change,
    /// bump the version and append the audit event that `change` returns. `change` returns nil
    /// when nothing changed: then nothing is written and the version stays.
    func updateVersioned<M: Versioned>(
        _ type: M.Type,
        id: UUID,
        expected version: Int?,
        recordType: String,
        _ change: @escaping @Sendable (M, any Database) async throws -> AuditedChange?
    ) async throws -> M {
        guard let version else {
            throw ValidationFailure(problems: [FieldProblem(field: "version", message: text(.errorRequired))])
        }
        let actor = auditActor
        let now = application.clock.now()
        let key = application.dataKey
        return try await write { db in
            try await db.lockRow(table: M.schema, id: id)
            guard let record = try await M.find(id, on: db) else { throw Abort(.notFound) }
            guard record.version == version else { throw EditConflict(recordType: recordType) }
            guard let audited = try await change(record, db) else { return record }
            record.version += 1
            try await record.update(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: audited.action,
                recordType: recordType,
                recordID: id.uuidString,
                changes: audited.changes,
                sealingWith: key,
                at: now
            )
            return record
        }
    }
}

/// What an update changed, for the audit trail.
struct AuditedChange: Sendable {
    var action: String
    var changes: [FieldChange]
}
