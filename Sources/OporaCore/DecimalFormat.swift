import Foundation

/// A number with `places` decimals, with the decimal comma in Bulgarian: 2,68 / 2.68.
public func decimal(_ value: Double, places: Int, in language: Language) -> String {
    guard value.isFinite else { return "—" }
    let text = String(format: "%.\(max(0, min(places, 6)))f", value)
    return language == .bg ? text.replacingOccurrences(of: ".", with: ",") : text
}

/// A share 0…1 as a percentage with one decimal: 28,6 % / 28.6 %.
public func percent(_ share: Double, in language: Language) -> String {
    decimal(share * 100, places: 1, in: language) + " %"
}
