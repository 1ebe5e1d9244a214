import Foundation
import Vapor

/// The time source; tests replace it to move past idle limits and lockouts without waiting.
struct Clock: Sendable {
    var now: @Sendable () -> Date

    static let system = Clock(now: { Date() })
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = Clock }

    var clock: Clock {
        get { storage[ClockKey.self] ?? .system }
        set { storage[ClockKey.self] = newValue }
    }
}
