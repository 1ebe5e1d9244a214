/// Why a typed ЕГН, ЛНЧ or ЕИК was refused; shown beside the field (issue 3: "refused with the
/// reason").
public enum IdentifierProblem: LocalizedProblem, Equatable {
    case empty
    case wrongLength(expected: [Int], actual: Int)
    case notDigits
    /// The ЕГН's first six digits name no real day.
    case impossibleDate
    case wrongCheckDigit

    public var code: String {
        switch self {
        case .empty: "identifier.empty"
        case .wrongLength: "identifier.wrongLength"
        case .notDigits: "identifier.notDigits"
        case .impossibleDate: "identifier.impossibleDate"
        case .wrongCheckDigit: "identifier.wrongCheckDigit"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.empty, .bg): "Въведете номер."
        case (.empty, .en): "Enter a number."
        case (.wrongLength(let expected, let actual), .bg):
            "Номерът трябва да има \(IdentifierProblem.list(expected, or: "или")) цифри, а има \(actual)."
        case (.wrongLength(let expected, let actual), .en):
            "The number must have \(IdentifierProblem.list(expected, or: "or")) digits; it has \(actual)."
        case (.notDigits, .bg): "Номерът може да съдържа само цифри."
        case (.notDigits, .en): "The number may contain digits only."
        case (.impossibleDate, .bg): "Първите шест цифри не са истинска дата на раждане."
        case (.impossibleDate, .en): "The first six digits are not a real date of birth."
        case (.wrongCheckDigit, .bg): "Контролната цифра не съвпада; проверете номера за грешка при въвеждане."
        case (.wrongCheckDigit, .en): "The check digit does not match; check the number for a typing mistake."
        }
    }

    private static func list(_ numbers: [Int], or word: String) -> String {
        numbers.map(String.init).joined(separator: " \(word) ")
    }
}

/// The digits of a typed identifier: surrounding whitespace is forgiven, anything else inside
/// is refused rather than silently dropped, so a mistyped number is never "corrected".
func identifierDigits(_ raw: String, lengths: [Int]) throws(IdentifierProblem) -> [Int] {
    let trimmed = raw.trimmingWhitespace()
    guard !trimmed.isEmpty else { throw .empty }
    guard trimmed.allSatisfy(\.isASCIIDigit) else { throw .notDigits }
    guard lengths.contains(trimmed.count) else {
        throw .wrongLength(expected: lengths, actual: trimmed.count)
    }
    return trimmed.map { $0.wholeNumberValue! }
}

/// Σ digit × weight over the shorter of the two.
func weightedSum(_ digits: some Sequence<Int>, _ weights: [Int]) -> Int {
    zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
}

extension String {
    func trimmingWhitespace() -> Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
