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

extension Application {
    private struct WriteGateKey: StorageKey { typealias Value = WriteGate }

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
        try await db.write(gate: application.writeGate, work)
    }
}
