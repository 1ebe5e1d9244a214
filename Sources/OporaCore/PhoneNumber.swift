/// What a phone number typed into a form may hold: digits (0–9), spaces, +, - and brackets,
/// with at least one digit. "0878 111 222", "+359 (78) 55-12-34"; not "обадете се", not "½".
public enum PhoneNumber {
    public static func isPlausible(_ text: String) -> Bool {
        text.contains(where: \.isASCIIDigit) && text.allSatisfy { $0.isASCIIDigit || " +-()".contains($0) }
    }
}
