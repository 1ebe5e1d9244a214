import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

/// Who did something, for the audit trail.
struct AuditActor: Sendable {
    var id: UUID?
    var name: String
    var address: String

    static func system(_ name: String) -> AuditActor { AuditActor(id: nil, name: name, address: "") }
}

/// A field's value before and after a change.
struct FieldChange: Sendable, Equatable {
    var field: String
    var old: String?
    var new: String?
}

enum AuditTrail {
    static let genesis = String(repeating: "0", count: 64)
    /// Any fixed number shared by all processes; it names the lock that orders appends on PostgreSQL.
    private static let advisoryLock = 7_209_031

    /// Appends an event. Call it inside the transaction that makes the change, so the change and
    /// its record commit together or not at all.
    static func append(
        on db: any Database, actor: AuditActor, action: String, recordType: String, recordID: String,
        changes: [FieldChange] = [], at: Date
    ) async throws {
        if db.isPostgres {
            try await db.sql().raw("SELECT pg_advisory_xact_lock(\(literal: advisoryLock))").run()
        }
        let last = try await AuditEvent.query(on: db).sort(\.$seq, .descending).first()
        let event = AuditEvent()
        event.seq = (last?.seq ?? 0) + 1
        // Whole milliseconds survive both databases' timestamp types, so the hash verifies later.
        event.at = Date(timeIntervalSince1970: (at.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
        event.actorID = actor.id
        event.actorName = actor.name
        event.action = action
        event.recordType = recordType
        event.recordID = recordID
        event.changes = encode(changes)
        event.address = actor.address
        event.prevHash = last?.hash ?? genesis
        event.hash = hash(of: event, previous: event.prevHash)
        try await event.create(on: db)
    }

    static func hash(of event: AuditEvent, previous: String) -> String {
        let millis = Int64((event.at.timeIntervalSince1970 * 1000).rounded())
        let content = [
            previous, String(event.seq), String(millis), event.actorID?.uuidString ?? "", event.actorName,
            event.action, event.recordType, event.recordID, event.changes, event.address,
        ].map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
        return SHA256.hash(data: Data(content.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func encode(_ changes: [FieldChange]) -> String {
        var object: [String: [String?]] = [:]
        for change in changes { object[change.field] = [change.old, change.new] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(object)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    struct Break: Sendable, Equatable {
        var seq: Int
        var reason: String
    }

    /// Walks the chain in order and reports the first entry whose link does not hold.
    static func verify(on db: any Database, batch: Int = 1000) async throws -> (checked: Int, firstBreak: Break?) {
        var previous = genesis
        var expectedSeq = 1
        var checked = 0
        while true {
            let events = try await AuditEvent.query(on: db)
                .filter(\.$seq >= expectedSeq)
                .sort(\.$seq)
                .limit(batch)
                .all()
            if events.isEmpty { return (checked, nil) }
            for event in events {
                if event.seq != expectedSeq {
                    return (checked, Break(seq: expectedSeq, reason: "entry \(expectedSeq) is missing"))
                }
                if event.prevHash != previous {
                    return (checked, Break(seq: event.seq, reason: "entry \(event.seq) does not point at the entry before it"))
                }
                if hash(of: event, previous: previous) != event.hash {
                    return (checked, Break(seq: event.seq, reason: "entry \(event.seq) was changed after it was written"))
                }
                previous = event.hash
                expectedSeq += 1
                checked += 1
            }
        }
    }
}

extension Request {
    var auditActor: AuditActor {
        let user = auth.get(CurrentUser.self)
        return AuditActor(id: user?.id, name: user?.username ?? "anonymous", address: clientAddress)
    }

    /// The peer address; behind a trusted proxy the first `X-Forwarded-For` hop, which nginx sets.
    var clientAddress: String {
        if application.opora.trustProxy, let forwarded = headers.first(name: "X-Forwarded-For")?.split(separator: ",").first {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}
