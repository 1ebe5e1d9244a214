import OporaCore
import Testing

@Suite("Signing an assessment")
struct AssessmentSigningTests {
    static let fullBarthel = Dictionary(uniqueKeysWithValues: BarthelIndex.Item.allCases.map { ($0, $0.maximum) })
    static let fullLawton = Dictionary(uniqueKeysWithValues: LawtonIADL.Item.allCases.map { ($0, 0) })

    @Test func aCompleteAssessmentHasNoProblems() {
        let domains = [
            LifeDomainAssessment(domain: .housing, rating: .high, inOwnWords: "Студено ми е"),
            LifeDomainAssessment(domain: .income, rating: .none, inOwnWords: ""),
        ]
        #expect(
            AssessmentSigning.problems(barthel: Self.fullBarthel, lawton: Self.fullLawton, domains: domains).isEmpty
        )
    }

    /// An untouched form: every item is named, none is taken as answered.
    @Test func anEmptyFormNamesEveryItem() {
        let problems = AssessmentSigning.problems(barthel: [:], lawton: [:], domains: [])
        #expect(problems.count == BarthelIndex.Item.allCases.count + LawtonIADL.Item.allCases.count)
        #expect(problems.first == .init(field: "barthel.feeding", problem: .missingItem(item: "feeding")))
        #expect(problems.last?.field == "lawton.\(LawtonIADL.Item.allCases.last!.rawValue)")
    }

    static let domainTable: [(rating: NeedRating, words: String, refused: Bool)] = [
        (.none, "", false),
        (.low, "", true),
        (.moderate, "  \n ", true),
        (.high, "", true),
        (.high, "Никой не идва", false),
        (.low, "Понякога", false),
    ]

    @Test(arguments: domainTable.indices)
    func aDomainRatedAsANeedNeedsThePersonsWords(row: Int) {
        let (rating, words, refused) = Self.domainTable[row]
        let domains = [
            LifeDomainAssessment(domain: .health, rating: .none, inOwnWords: ""),
            LifeDomainAssessment(domain: .socialContactsAndLoneliness, rating: rating, inOwnWords: words),
        ]
        let problems = AssessmentSigning.problems(barthel: Self.fullBarthel, lawton: Self.fullLawton, domains: domains)
        #expect(
            problems
                == (refused
                    ? [
                        .init(
                            field: "domains.1.inOwnWords",
                            problem: .needWithoutWords(domain: .socialContactsAndLoneliness)
                        )
                    ] : [])
        )
    }

    @Test func anAnswerOutsideTheScaleIsNamed() {
        var barthel = Self.fullBarthel
        barthel[.feeding] = 7
        var lawton = Self.fullLawton
        lawton[.telephone] = 9
        let fields = AssessmentSigning.problems(barthel: barthel, lawton: lawton, domains: []).map(\.field)
        #expect(fields == ["barthel.feeding", "lawton.telephone"])
    }

    @Test func theNeedMessageNamesTheDomainInBothLanguages() {
        let problem = AssessmentProblem.needWithoutWords(domain: .housing)
        #expect(problem.message(in: .bg).contains("жилище"))
        #expect(problem.message(in: .en).contains("housing"))
    }
}
