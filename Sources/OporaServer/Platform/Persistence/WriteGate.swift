import Fluent
import SQLKit
import Vapor

/// Serialises this process's write transactions on SQLite, which has one writer at a time;
/// without it two event loops would meet "database is locked" instead of waiting their turn.
/// PostgreSQL needs no gate: its row locks and the audit trail's advisory lock order writers.
actor WriteGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}

extension DatabaseID {
    /// The same SQLite file as `.sqlite`, with connections of its own for the gated writes: the
    /// driver keeps one connection per event loop, so a write transaction on the shared pool held
    /// its loop's only connection and every read on that loop waited for the commit. WAL lets the
    /// readers go on meanwhile.
    static let sqliteWrites = DatabaseID(string: "sqlite-writes")
}

extension Application {
    private struct WriteGateKey: StorageKey { typealias Value = WriteGate }
    private struct WritesDatabaseKey: StorageKey { typealias Value = DatabaseID }

    /// Where `Request.write` writes when not in the default database (`DatabaseID.sqliteWrites`).
    var writesDatabase: DatabaseID? {
        get { storage[WritesDatabaseKey.self] }
        set { storage[WritesDatabaseKey.self] = newValue }
    }

    var writeGate: WriteGate {
        if let gate = storage[WriteGateKey.self] { return gate }
        let gate = WriteGate()
        storage[WriteGateKey.self] = gate
        return gate
    }
}

extension Database {
    /// Runs `work` in one transaction, so a failure leaves nothing half-written.
    func write<T: Sendable>(
        gate: WriteGate,
        _ work: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        if isPostgres {
            return try await transaction(work)
        }
        await gate.acquire()
        do {
            let result = try await transaction(work)
            await gate.release()
            return result
        } catch {
            await gate.release()
            throw error
        }
    }

    /// Locks a row until the transaction ends (PostgreSQL); SQLite's write gate already serialises.
    func lockRow(table: String, id: UUID) async throws {
        guard isPostgres else { return }
        try await sql().raw("SELECT 1 FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").run()
    }
}

extension Request {
    func write<T: Sendable>(_ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let db = application.writesDatabase.map { self.db($0) } ?? self.db
        return try await db.write(gate: application.writeGate, work)
    }
}
