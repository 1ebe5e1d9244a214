import Foundation

/// The one-time code a case worker gives a person, or their legal representative, to get into
/// their own page (issue 18, "Get in"). Printed on a letter or read out on the phone, so it uses
/// only capital letters and digits that cannot be mistaken for one another, in groups of four.
public enum InvitationCode {
    /// No 0/O, 1/I/L, 2/Z, 5/S, 8/B: each looks like another on paper or sounds like one.
    public static let alphabet = Array("ACDEFGHJKMNPQRTUVWXY34679")
    public static let length = 12
    /// Two weeks: long enough for a letter to arrive and for a relative to help.
    public static let validDays = 14

    /// A code from random bytes (one per character); the caller draws them from a secure source.
    public static func make(from bytes: [UInt8]) -> String? {
        guard bytes.count == length else { return nil }
        // 256 is not a multiple of the alphabet's 25, so the remainder skews a little towards the
        // first six characters; with 12 characters the code still has more than 55 bits.
        let characters = bytes.map { alphabet[Int($0) % alphabet.count] }
        return stride(from: 0, to: length, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }

    /// The code as typed, in the form it was made: spaces and dashes dropped, lowercase raised, and
    /// the Cyrillic letters that look like Latin ones (А, С, Е, Н, К, М, Р, Т, Х) read as those.
    /// `nil` when what remains cannot be a code.
    public static func normalised(_ typed: String) -> String? {
        let lookalikes: [Character: Character] = [
            "А": "A", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M", "Р": "P", "Т": "T", "Х": "X",
        ]
        var characters: [Character] = []
        for character in typed.uppercased() where character != " " && character != "-" {
            let latin = lookalikes[character] ?? character
            guard alphabet.contains(latin) else { return nil }
            characters.append(latin)
            if characters.count > length { return nil }
        }
        guard characters.count == length else { return nil }
        return stride(from: 0, to: length, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }

    /// Why a code found by its digest cannot be used now; `nil` when it can.
    public static func problem(usedAt: Date?, expiresAt: Date, revoked: Bool, now: Date) -> InvitationProblem? {
        if usedAt != nil { return .alreadyUsed }
        if revoked { return .replaced }
        if now >= expiresAt { return .expired }
        return nil
    }

    /// When a code issued at `issuedAt` stops working.
    public static func expiry(issuedAt: Date) -> Date {
        issuedAt.addingTimeInterval(TimeInterval(validDays) * 24 * 3600)
    }
}

/// Why a code is refused, told kindly: the person did nothing wrong, and the way on is to ask
/// their case worker for a new one.
public enum InvitationProblem: LocalizedProblem, Equatable {
    case unknown, alreadyUsed, expired, replaced, appointmentEnded
    /// Too many wrong codes from one address: guessing is slowed as for passwords.
    case tooManyAttempts

    public var code: String {
        switch self {
        case .unknown: "invitation.unknown"
        case .alreadyUsed: "invitation.alreadyUsed"
        case .expired: "invitation.expired"
        case .replaced: "invitation.replaced"
        case .appointmentEnded: "invitation.appointmentEnded"
        case .tooManyAttempts: "invitation.tooManyAttempts"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.unknown, .bg):
            "Не намираме този код. Проверете буквите и цифрите. Ако пак не става, попитайте социалния си работник."
        case (.unknown, .en):
            "We cannot find this code. Check the letters and digits. If it still does not work, ask your case worker."
        case (.alreadyUsed, .bg): "Този код вече е използван. Всеки код важи само веднъж. Поискайте нов код."
        case (.alreadyUsed, .en): "This code has been used already. Each code works only once. Ask for a new code."
        case (.expired, .bg): "Срокът на този код е изтекъл. Социалният ви работник може да ви даде нов код."
        case (.expired, .en): "This code has expired. Your case worker can give you a new code."
        case (.replaced, .bg): "Този код е заменен с по-нов. Използвайте последния код, който получихте."
        case (.replaced, .en): "This code was replaced by a newer one. Use the last code you received."
        case (.appointmentEnded, .bg):
            "Представителството ви е приключило, затова този код не важи. Ако това е грешка, обадете се на социалния работник."
        case (.appointmentEnded, .en):
            "Your appointment as representative has ended, so this code does not work. If this is a mistake, call the case worker."
        case (.tooManyAttempts, .bg):
            "Твърде много опити с грешен код от това място. Изчакайте 15 минути и опитайте пак."
        case (.tooManyAttempts, .en): "Too many tries with a wrong code from here. Wait 15 minutes and try again."
        }
    }
}
