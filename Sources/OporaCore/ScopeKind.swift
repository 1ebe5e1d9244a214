/// How far a role reaches in the territory (DESIGN, "Roles and scope"), from widest to narrowest.
public enum ScopeKind: String, CaseIterable, Codable, Sendable {
    case country, oblast, municipality, provider

    /// Whether a grant of this kind can cover a record placed at `other`: a wider scope
    /// contains narrower ones, never the reverse.
    public func isAtLeastAsWide(as other: ScopeKind) -> Bool {
        ScopeKind.allCases.firstIndex(of: self)! <= ScopeKind.allCases.firstIndex(of: other)!
    }

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
        }
    }
}
