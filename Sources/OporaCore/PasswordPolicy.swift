/// What a new password must satisfy (issue 2: "minimum length 12 and rejection of common
/// passwords"). Length beats complexity rules, so there are none of those; instead the
/// guessable cases are refused outright.
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 12

    /// Usernames shorter than this are not looked for inside the password: a two-letter
    /// username would forbid half the words of the language.
    public static let minimumUsernameLengthToCheck = 3

    /// Every problem at once, so the form can list them all; empty means acceptable.
    ///
    /// - Length counts characters as a person sees them (Cyrillic and emoji count as one).
    /// - Common: the lowercase password is in `CommonPasswords`, or it is such a password
    ///   followed only by digits ("password2026").
    /// - Username: the lowercase username appears anywhere in the lowercase password.
    public static func problems(password: String, username: String) -> [PasswordProblem] {
        var problems: [PasswordProblem] = []
        if password.count < minimumLength { problems.append(.tooShort(minimum: minimumLength)) }
        if isCommon(password) { problems.append(.common) }
        let name = String(username.trimmingWhitespace()).lowercased()
        if name.count >= minimumUsernameLengthToCheck, password.lowercased().contains(name) {
            problems.append(.containsUsername)
        }
        return problems
    }

    static func isCommon(_ password: String) -> Bool {
        let lower = password.lowercased()
        if CommonPasswords.all.contains(lower) { return true }
        let word = String(lower.reversed().drop(while: \.isASCIIDigit).reversed())
        return word.count < lower.count && CommonPasswords.all.contains(word)
    }
}

public enum PasswordProblem: LocalizedProblem, Equatable {
    case tooShort(minimum: Int)
    case common
    case containsUsername

    public var code: String {
        switch self {
        case .tooShort: "password.tooShort"
        case .common: "password.common"
        case .containsUsername: "password.containsUsername"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.tooShort(let minimum), .bg): "Паролата трябва да има поне \(minimum) знака."
        case (.tooShort(let minimum), .en): "The password must have at least \(minimum) characters."
        case (.common, .bg): "Тази парола е сред най-често използваните; изберете друга."
        case (.common, .en): "This password is among the most used ones; choose another."
        case (.containsUsername, .bg): "Паролата не може да съдържа потребителското име."
        case (.containsUsername, .en): "The password must not contain the username."
        }
    }
}
