import Foundation
import Vapor

/// How often one address may write to the public workshop pages: enough for a family at one
/// computer to register and vote, too few for a script to flood the proposals.
actor PublicWriteLimit {
    static let writes = 20
    static let window: TimeInterval = 10 * 60

    private var seen: [String: [Date]] = [:]

    /// Whether `address` may write now; counts the write when it may.
    func allow(_ address: String, at now: Date) -> Bool {
        let recent = (seen[address] ?? []).filter { now.timeIntervalSince($0) < Self.window }
        guard recent.count < Self.writes else {
            seen[address] = recent
            return false
        }
        seen[address] = recent + [now]
        if seen.count > 10_000 {
            seen = seen.filter { !$0.value.isEmpty && now.timeIntervalSince($0.value.last!) < Self.window }
        }
        return true
    }
}

extension Application {
    private struct PublicWriteLimitKey: StorageKey { typealias Value = PublicWriteLimit }

    /// Set once when the capability starts, before any request, so requests only read it.
    var codesignWriteLimit: PublicWriteLimit? {
        get { storage[PublicWriteLimitKey.self] }
        set { storage[PublicWriteLimitKey.self] = newValue }
    }
}

extension Request {
    /// 429 once this address has written too often to the public pages.
    func checkPublicWriteLimit() async throws {
        guard let limit = application.codesignWriteLimit else { throw Abort(.internalServerError) }
        guard await limit.allow(clientAddress, at: application.clock.now()) else {
            throw Abort(.tooManyRequests, reason: text(.codesignTooMany))
        }
    }
}
