/// What must hold before a needs assessment is signed, checked all at once so that the form
/// names every unanswered item beside its field.
///
/// No answer is assumed: an item left unanswered is refused (Barthel defaulted to the worst and
/// Lawton to the best answer, so an untouched form signed as "Barthel 0, Lawton 8"), and a life
/// domain rated as a need must say the need in the person's own words.
public enum AssessmentSigning {
    /// One problem and the field it belongs to: `barthel.<item>`, `lawton.<item>` or
    /// `domains.<index>.inOwnWords` (the index in the list of domains given).
    public struct Problem: Equatable, Sendable {
        public var field: String
        public var problem: AssessmentProblem

        public init(field: String, problem: AssessmentProblem) {
            self.field = field
            self.problem = problem
        }
    }

    public static func problems(
        barthel: [BarthelIndex.Item: Int],
        lawton: [LawtonIADL.Item: Int],
        domains: [LifeDomainAssessment]
    ) -> [Problem] {
        var problems: [Problem] = []
        for item in BarthelIndex.Item.allCases {
            let field = "barthel.\(item.rawValue)"
            guard let score = barthel[item] else {
                problems.append(Problem(field: field, problem: .missingItem(item: item.rawValue)))
                continue
            }
            if !item.allowedScores.contains(score) {
                problems.append(
                    Problem(
                        field: field,
                        problem: .invalidAnswer(item: item.rawValue, answer: score, allowed: item.allowedScores)
                    )
                )
            }
        }
        for item in LawtonIADL.Item.allCases {
            let field = "lawton.\(item.rawValue)"
            guard let level = lawton[item] else {
                problems.append(Problem(field: field, problem: .missingItem(item: item.rawValue)))
                continue
            }
            if !item.levelScores.indices.contains(level) {
                problems.append(
                    Problem(
                        field: field,
                        problem: .invalidAnswer(
                            item: item.rawValue,
                            answer: level,
                            allowed: Array(item.levelScores.indices)
                        )
                    )
                )
            }
        }
        for (index, domain) in domains.enumerated() where domain.needsOwnWords {
            if domain.inOwnWords.trimmingWhitespace().isEmpty {
                problems.append(
                    Problem(field: "domains.\(index).inOwnWords", problem: .needWithoutWords(domain: domain.domain))
                )
            }
        }
        return problems
    }
}

extension LifeDomainAssessment {
    /// A domain rated as any need says it in the person's words; "no support needed" may stay silent.
    public var needsOwnWords: Bool { rating > .none }
}
