/// Why a scale or an entitlement was refused as entered.
public enum AssessmentProblem: LocalizedProblem, Equatable {
    /// An item of the scale was left unanswered; `item` is the item's raw value.
    case missingItem(item: String)
    /// A score or level the published scale does not have for this item.
    case invalidAnswer(item: String, answer: Int, allowed: [Int])
    /// Monthly personal-assistance hours above the cap of the degree of dependence.
    case hoursAboveCap(hours: Int, cap: Int)
    case negativeHours(hours: Int)
    /// A life domain rated as a need without the person's words about it.
    case needWithoutWords(domain: LifeDomain)

    public var code: String {
        switch self {
        case .missingItem: "assessment.missingItem"
        case .invalidAnswer: "assessment.invalidAnswer"
        case .hoursAboveCap: "assessment.hoursAboveCap"
        case .negativeHours: "assessment.negativeHours"
        case .needWithoutWords: "assessment.needWithoutWords"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.missingItem(let item), .bg): "Не е отговорено на „\(AssessmentProblem.itemLabel(item, .bg))“."
        case (.missingItem(let item), .en): "“\(AssessmentProblem.itemLabel(item, .en))” has no answer."
        case (.invalidAnswer(let item, let answer, let allowed), .bg):
            "„\(AssessmentProblem.itemLabel(item, .bg))“ не може да има стойност \(answer); възможни са \(allowed.map(String.init).joined(separator: ", "))."
        case (.invalidAnswer(let item, let answer, let allowed), .en):
            "“\(AssessmentProblem.itemLabel(item, .en))” cannot be \(answer); possible values are \(allowed.map(String.init).joined(separator: ", "))."
        case (.hoursAboveCap(let hours, let cap), .bg):
            "\(hours) часа месечно надвишават максимума от \(cap) часа за тази степен на зависимост."
        case (.hoursAboveCap(let hours, let cap), .en):
            "\(hours) hours a month exceed the maximum of \(cap) hours for this degree of dependence."
        case (.negativeHours(let hours), .bg): "Часовете не могат да са отрицателни (\(hours))."
        case (.negativeHours(let hours), .en): "Hours cannot be negative (\(hours))."
        case (.needWithoutWords(let domain), .bg):
            "„\(domain.label(in: .bg))“ е оценено като нужда: запишете я с думите на човека."
        case (.needWithoutWords(let domain), .en):
            "“\(domain.label(in: .en))” is rated as a need: write it down in the person's own words."
        }
    }

    /// The item's label from whichever scale it belongs to; item raw values are unique across scales.
    private static func itemLabel(_ item: String, _ language: Language) -> String {
        if let barthel = BarthelIndex.Item(rawValue: item) { return barthel.label(in: language) }
        if let lawton = LawtonIADL.Item(rawValue: item) { return lawton.label(in: language) }
        return item
    }
}
