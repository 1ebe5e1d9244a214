/// Which identifier a person's record holds. Stored explicitly because a ten-digit number can
/// be valid as both ЕГН and ЛНЧ (DOMAIN §4.2); people without either are allowed with a flag
/// (issue 3).
public enum IdentifierType: String, CaseIterable, Codable, Sendable {
    case egn, lnch, foreign, none

    /// Checks `raw` as this type; a foreign document number or no identifier is not checked.
    public func validate(_ raw: String) throws(IdentifierProblem) {
        switch self {
        case .egn: _ = try EGN.parse(raw)
        case .lnch: _ = try LNCh.parse(raw)
        case .foreign: if raw.trimmingWhitespace().isEmpty { throw .empty }
        case .none: return
        }
    }

    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.egn, .bg): "ЕГН"
        case (.egn, .en): "personal number (EGN)"
        case (.lnch, .bg): "ЛНЧ"
        case (.lnch, .en): "foreigner's number (LNCh)"
        case (.foreign, .bg): "чуждестранен документ"
        case (.foreign, .en): "foreign document"
        case (.none, .bg): "без идентификатор"
        case (.none, .en): "not identified"
        }
    }
}
