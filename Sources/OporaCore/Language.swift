/// The two interface languages: Bulgarian is the default, English one switch away (DESIGN, "User interface").
public enum Language: String, Sendable, Codable, CaseIterable {
    case bg, en

    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.bg, .bg): "български"
        case (.bg, .en): "Bulgarian"
        case (.en, .bg): "английски"
        case (.en, .en): "English"
        }
    }
}

/// A bilingual message; every domain error and validation problem conforms.
///
/// `code` is stable and language-neutral, so the server can put it in problem details and
/// tests can match on it while the wording changes.
public protocol LocalizedProblem: Error, Sendable {
    var code: String { get }
    func message(in language: Language) -> String
}
