import Foundation
import Vapor

/// A notice to one person or member of staff, such as a change to their visits.
struct OutgoingNotice: Sendable {
    enum Recipient: Sendable, Hashable {
        /// A user of Opora; the notice also appears in their in-app list.
        case user(UUID)
        /// A person served, who may have no account; delivered to their contact by the sender.
        case person(UUID)
    }

    var id: UUID
    var recipient: Recipient
    var text: String
}

/// Delivers notices beyond the in-app list, which every capability keeps itself: an e-mail or
/// SMS gateway in production. One protocol, so a municipality plugs in the gateway it has.
protocol NoticeSender: Sendable {
    /// The name recorded with each notice sent, e.g. "log", "sms".
    var channel: String { get }
    func send(_ notice: OutgoingNotice, logger: Logger) async throws
}

/// The default: records that a notice went out, by id only, never its text or recipient's data.
struct LogOnlyNoticeSender: NoticeSender {
    var channel: String { "log" }

    func send(_ notice: OutgoingNotice, logger: Logger) async throws {
        logger.info("notice \(notice.id) handed to the log-only sender (\(notice.text.count) characters)")
    }
}

extension Application {
    private struct NoticeSenderKey: StorageKey { typealias Value = any NoticeSender }

    var noticeSender: any NoticeSender {
        get { storage[NoticeSenderKey.self] ?? LogOnlyNoticeSender() }
        set { storage[NoticeSenderKey.self] = newValue }
    }
}
