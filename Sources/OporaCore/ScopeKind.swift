/// How far a role reaches in the territory (DESIGN, "Roles and scope"), from widest to narrowest.
public enum ScopeKind: String, CaseIterable, Codable, Sendable {
    case country, oblast, municipality, provider
    /// One person's file: a service user's own, or that of someone they legally represent.
    case person

    /// Whether a grant of this kind can cover a record placed at `other`: a wider scope
    /// contains narrower ones, never the reverse.
    public func isAtLeastAsWide(as other: ScopeKind) -> Bool {
        ScopeKind.allCases.firstIndex(of: self)! <= ScopeKind.allCases.firstIndex(of: other)!
    }

    /// The reaches an administrator grants; a file comes only with its invitation code.
    public static var grantable: [ScopeKind] { allCases.filter { $0 != .person } }

    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.country, .bg): "цялата страна"
        case (.country, .en): "whole country"
        case (.oblast, .bg): "област"
        case (.oblast, .en): "oblast"
        case (.municipality, .bg): "община"
        case (.municipality, .en): "municipality"
        case (.provider, .bg): "доставчик"
        case (.provider, .en): "provider"
        case (.person, .bg): "собствено досие"
        case (.person, .en): "own file"
        }
    }
}
