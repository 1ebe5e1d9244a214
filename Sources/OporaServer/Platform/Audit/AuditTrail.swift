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
    ///
    /// Values of a record that belongs to a data subject (`AuditSubject.sealedRecordTypes`) are
    /// sealed under that subject's key, so `dataKey` is required for them; the trail keeps which
    /// field changed, when and by whom, and erasure can make the values unreadable.
    static func append(
        on db: any Database,
        actor: AuditActor,
        action: String,
        recordType: String,
        recordID: String,
        changes: [FieldChange] = [],
        sealingWith dataKey: DataKey? = nil,
        at: Date
    ) async throws {
        var changes = changes
        if AuditSubject.sealedRecordTypes.contains(recordType),
            changes.contains(where: { $0.old != nil || $0.new != nil })
        {
            guard let dataKey else { throw AuditValuesUnsealed(recordType: recordType, action: action) }
            let key = try await SubjectKeys.key(
                for: AuditSubject(recordType: recordType, id: recordID, dataKey: dataKey),
                on: db
            )
            changes = try changes.map {
                FieldChange(
                    field: $0.field,
                    old: try $0.old.map { try SubjectKeys.seal($0, with: key) },
                    new: try $0.new.map { try SubjectKeys.seal($0, with: key) }
                )
            }
        }
        if db.isPostgres {
            try await db.sql().raw("SELECT pg_advisory_xact_lock(\(literal: advisoryLock))").run()
        }
        // Only the chain's end: every opening of a file writes here, one writer at a time.
        let last = try await AuditEvent.query(on: db).sort(\.$seq, .descending).field(\.$seq).field(\.$hash).limit(1)
            .rows { raw in
                let row = raw.schema(AuditEvent.schema)
                return (seq: try row.decode("seq", as: Int.self), hash: try row.decode("hash", as: String.self))
            }.first
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

    /// An event's changes by field: the old and the new value, as stored (sealed values sealed).
    static func values(_ changes: String) -> [String: [String?]] {
        (try? JSONDecoder().decode([String: [String?]].self, from: Data(changes.utf8))) ?? [:]
    }

    /// The values shown to someone who reads the trail: a sealed value as a mark, never opened,
    /// since reading the trail is not opening anyone's file.
    static func displayed(_ changes: String) -> String {
        guard changes != "{}" else { return "" }
        guard let object = try? JSONDecoder().decode([String: [String?]].self, from: Data(changes.utf8)) else {
            return changes
        }
        return object.keys.sorted().map { field in
            let values = object[field]!.map { value in
                value.map { $0.hasPrefix(SubjectKeys.sealedPrefix) ? "•••" : $0 } ?? "—"
            }
            return "\(field): \(values.joined(separator: " → "))"
        }.joined(separator: "; ")
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
                    return (
                        checked,
                        Break(seq: event.seq, reason: "entry \(event.seq) does not point at the entry before it")
                    )
                }
                if hash(of: event, previous: previous) != event.hash {
                    return (
                        checked, Break(seq: event.seq, reason: "entry \(event.seq) was changed after it was written")
                    )
                }
                previous = event.hash
                expectedSeq += 1
                checked += 1
            }
        }
    }
}

/// A change of a data subject's record was about to be audited without sealing its values.
struct AuditValuesUnsealed: Error, CustomStringConvertible {
    var recordType: String
    var action: String
    var description: String { "audit values of \(recordType) (\(action)) must be sealed with the data key" }
}

extension Request {
    var auditActor: AuditActor {
        let user = auth.get(CurrentUser.self)
        return AuditActor(id: user?.id, name: user?.username ?? "anonymous", address: clientAddress)
    }

    /// The peer address; behind a trusted proxy the last `X-Forwarded-For` entry, the one that
    /// proxy appended. Entries before it come from the client and can say anything.
    var clientAddress: String {
        if application.opora.trustProxy,
            let forwarded = headers[.xForwardedFor].last?.split(separator: ",").last?.trimmingCharacters(
                in: .whitespaces
            ),
            !forwarded.isEmpty
        {
            return String(forwarded.prefix(64))
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}
