import Foundation

/// Where an amendment to a proposal stands. The proposal's author decides: an accepted one
/// becomes the proposal's text; the other open ones were written against the old text and are
/// superseded, so nobody accepts a change to words that are no longer there.
public enum AmendmentState: String, CaseIterable, Codable, Sendable {
    case open, accepted, rejected, superseded

    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.open, .bg): "чака решение на автора"
        case (.open, .en): "awaiting the author's decision"
        case (.accepted, .bg): "прието от автора"
        case (.accepted, .en): "accepted by the author"
        case (.rejected, .bg): "отхвърлено от автора"
        case (.rejected, .en): "rejected by the author"
        case (.superseded, .bg): "отпада: текстът вече е променен"
        case (.superseded, .en): "lapsed: the text has changed since"
        }
    }
}

/// A proposal's text and its amendments, as the rules see them: every path that amends or
/// decides goes through this, so the invariants hold wherever the change comes from.
///
/// - an amendment is written against the text as it stands, and differs from it;
/// - it is decided once, only while open and only if the text is still the one it amends;
/// - accepting makes it the text and supersedes every other open amendment.
public struct AmendmentLedger: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var id: UUID
        public var text: String
        /// The proposal's text the amendment was written against.
        public var basedOn: String
        public var state: AmendmentState

        public init(id: UUID, text: String, basedOn: String, state: AmendmentState) {
            self.id = id
            self.text = text
            self.basedOn = basedOn
            self.state = state
        }
    }

    public static let textMaximum = 4000

    public private(set) var text: String
    public private(set) var entries: [Entry]

    public init(text: String, entries: [Entry]) {
        self.text = text
        self.entries = entries
    }

    /// Adds an open amendment with the new wording; the wording is trimmed.
    @discardableResult
    public mutating func propose(id: UUID, text amended: String) throws(AmendmentProblem) -> Entry {
        let wording = String(amended.trimmingWhitespace())
        guard !wording.isEmpty else { throw .empty }
        guard wording.count <= Self.textMaximum else { throw .tooLong }
        guard wording != text else { throw .unchanged }
        let entry = Entry(id: id, text: wording, basedOn: text, state: .open)
        entries.append(entry)
        return entry
    }

    /// The author's decision; the ids of every entry whose state changed, the decided one first.
    @discardableResult
    public mutating func decide(_ id: UUID, accept: Bool) throws(AmendmentProblem) -> [UUID] {
        guard let index = entries.firstIndex(where: { $0.id == id }) else { throw .unknown }
        guard entries[index].state == .open else { throw .alreadyDecided }
        guard entries[index].basedOn == text else { throw .superseded }
        guard accept else {
            entries[index].state = .rejected
            return [id]
        }
        entries[index].state = .accepted
        text = entries[index].text
        var changed = [id]
        for other in entries.indices where entries[other].state == .open {
            entries[other].state = .superseded
            changed.append(entries[other].id)
        }
        return changed
    }
}

public enum AmendmentProblem: LocalizedProblem, Equatable {
    case empty, tooLong, unchanged, unknown, alreadyDecided, superseded, notTheAuthor, proposalClosed

    public var code: String {
        switch self {
        case .empty: "amendment.empty"
        case .tooLong: "amendment.tooLong"
        case .unchanged: "amendment.unchanged"
        case .unknown: "amendment.unknown"
        case .alreadyDecided: "amendment.alreadyDecided"
        case .superseded: "amendment.superseded"
        case .notTheAuthor: "amendment.notTheAuthor"
        case .proposalClosed: "amendment.proposalClosed"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.empty, .bg): "Напишете как да гласи предложението."
        case (.empty, .en): "Write how the proposal should read."
        case (.tooLong, .bg): "Текстът е твърде дълъг: най-много \(AmendmentLedger.textMaximum) знака."
        case (.tooLong, .en): "The text is too long: at most \(AmendmentLedger.textMaximum) characters."
        case (.unchanged, .bg): "Текстът е същият като сегашния. Променете нещо, което искате да се промени."
        case (.unchanged, .en): "The text is the same as now. Change what you would like changed."
        case (.unknown, .bg): "Няма такова предложение за промяна."
        case (.unknown, .en): "There is no such amendment."
        case (.alreadyDecided, .bg): "По това предложение за промяна вече е решено."
        case (.alreadyDecided, .en): "This amendment has been decided already."
        case (.superseded, .bg): "Текстът на предложението вече е променен, затова тази промяна отпада."
        case (.superseded, .en): "The proposal's text has changed since, so this amendment lapses."
        case (.notTheAuthor, .bg): "Само авторът на предложението решава за промените в него."
        case (.notTheAuthor, .en): "Only the proposal's author decides on changes to it."
        case (.proposalClosed, .bg): "Предложението е скрито или слято с друго и не може да се променя."
        case (.proposalClosed, .en): "The proposal is hidden or merged into another and cannot be changed."
        }
    }
}
