/// A case's number as the file shows it, e.g. КСУ-2026-0042: the provider's initials, the year the
/// case was opened and its place among that provider's cases of that year. Assigned at intake
/// and never changed, so a letter or a paper file can name the case.
public struct CaseNumber: Hashable, Codable, Sendable {
    public var prefix: String
    public var year: Int
    public var sequence: Int

    public init(prefix: String, year: Int, sequence: Int) {
        self.prefix = prefix
        self.year = year
        self.sequence = sequence
    }

    /// At least four digits, so numbers sort as text within a year.
    public var display: String {
        let digits = String(sequence)
        return "\(prefix)-\(year)-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The initials of the significant words of a provider's name, at most four: words of one
    /// or two letters (за, на, в, и) are skipped. "Комплекс за социални услуги" → КСУ; a name
    /// without letters gives "СЛ" (случай).
    public static func prefix(forProviderNamed name: String) -> String {
        let words = name.split { !$0.isLetter }.filter { $0.count > 2 }
        let initials = String(words.prefix(4).compactMap(\.first)).uppercased()
        return initials.isEmpty ? "СЛ" : initials
    }
}

/// What kind of contact a case note records.
public enum CaseNoteKind: String, CaseIterable, Codable, Sendable {
    case homeVisit, officeMeeting, phoneCall, meetingWithOthers, other

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .homeVisit: ("посещение в дома", "home visit")
            case .officeMeeting: ("среща в службата", "meeting at the office")
            case .phoneCall: ("телефонен разговор", "phone call")
            case .meetingWithOthers:
                ("среща с близки или други специалисти", "meeting with family or other professionals")
            case .other: ("друго", "other")
            }
        return language == .bg ? bg : en
    }
}
