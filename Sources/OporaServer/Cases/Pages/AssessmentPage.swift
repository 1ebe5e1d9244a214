import Fluent
import OporaCore
import Vapor

/// The assessment page: Barthel, Lawton, the life domains in the person's words, the degree of
/// dependence. A refused signing shows the page again with everything as it was typed.
extension CaseRoutes {
    struct AssessmentForm: Content {
        var barthel: [String: Int]?
        var lawton: [String: Int]?
        var rating: [String: Int]?
        var words: [String: String]?
        var goal: [String: String]?
        var dependenceDegree: String?
    }

    struct AssessmentFormContext: Encodable, Sendable {
        struct Question: Encodable, Sendable {
            var name: String
            var label: String
            var options: [Choice]
        }

        struct Domain: Encodable, Sendable {
            var name: String
            var label: String
            var options: [Choice]
            var words: String
            var goal: String
            var wordsError: String?
            var goalError: String?
        }

        var action: String
        var personHref: String
        var barthel: [Question]
        var lawton: [Question]
        var domains: [Domain]
        var degrees: [Choice]
        var errors: [String: String]
        var summary: ErrorSummary?
    }

    func assessmentForm(req: Request) async throws -> View {
        let (_, scope) = try editor(req)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        return try await renderAssessment(req, supportCase, form: AssessmentForm(), errors: [:])
    }

    private func renderAssessment(
        _ req: Request,
        _ supportCase: SupportCase,
        form: AssessmentForm,
        errors: [String: String],
        summary: ErrorSummary? = nil
    ) async throws -> View {
        let language = req.language
        let context = AssessmentFormContext(
            action: "/cases/\(supportCase.id!)/assessment",
            personHref: personOf(supportCase),
            barthel: BarthelIndex.Item.allCases.map { item in
                let chosen = form.barthel?[item.rawValue]
                return .init(
                    name: "barthel[\(item.rawValue)]",
                    label: item.label(in: language),
                    options: item.allowedScores.map {
                        Choice(
                            value: String($0),
                            label: "\($0) – \(item.meaning(of: $0, in: language) ?? "")",
                            selected: $0 == chosen
                        )
                    }
                )
            },
            lawton: LawtonIADL.Item.allCases.map { item in
                let chosen = form.lawton?[item.rawValue]
                return .init(
                    name: "lawton[\(item.rawValue)]",
                    label: item.label(in: language),
                    options: item.levelScores.indices.map {
                        Choice(
                            value: String($0),
                            label: "\(item.levelScores[$0]) – \(item.meaning(ofLevel: $0, in: language) ?? "")",
                            selected: $0 == chosen
                        )
                    }
                )
            },
            domains: LifeDomain.allCases.map { domain in
                let rating = form.rating?[domain.rawValue].flatMap(NeedRating.init(rawValue:)) ?? NeedRating.none
                return .init(
                    name: domain.rawValue,
                    label: domain.label(in: language),
                    options: NeedRating.allCases.map {
                        Choice(value: String($0.rawValue), label: $0.label(in: language), selected: $0 == rating)
                    },
                    words: form.words?[domain.rawValue] ?? "",
                    goal: form.goal?[domain.rawValue] ?? "",
                    wordsError: errors["words.\(domain.rawValue)"],
                    goalError: errors["goal.\(domain.rawValue)"]
                )
            },
            degrees: [Choice(value: "", label: "—", selected: (form.dependenceDegree ?? "").isEmpty)]
                + DependenceDegree.allCases.map {
                    Choice(
                        value: String($0.rawValue),
                        label: "\($0.label(in: language)) (\($0.monthlyHoursCap) \(req.text("hours_short")))",
                        selected: String($0.rawValue) == form.dependenceDegree
                    )
                },
            errors: errors,
            summary: summary
        )
        return try await req.view.render(
            "cases/assessment-form",
            req.page(title: req.text("assessment_title"), context)
        )
    }

    /// The store names a domain's texts by position ("domains.2.inOwnWords"); the page by domain ("words.housing").
    private static func pageFields(_ errors: [String: String], domains: [LifeDomainAssessment]) -> [String: String] {
        Dictionary(
            errors.map { field, message in
                let parts = field.split(separator: ".")
                guard parts.count == 3, parts[0] == "domains", let index = Int(parts[1]),
                    domains.indices.contains(index)
                else { return (field, message) }
                return ((parts[2] == "inOwnWords" ? "words" : "goal") + "." + domains[index].domain.rawValue, message)
            },
            uniquingKeysWith: { first, _ in first }
        )
    }

    func assess(req: Request) async throws -> Response {
        let (_, scope) = try editor(req)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        let form = try req.content.decode(AssessmentForm.self)
        let domains = LifeDomain.allCases.compactMap { domain -> LifeDomainAssessment? in
            let words = (form.words?[domain.rawValue] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let rating = NeedRating(rawValue: form.rating?[domain.rawValue] ?? 0) ?? .none
            guard rating != .none || !words.isEmpty else { return nil }
            return LifeDomainAssessment(
                domain: domain,
                rating: rating,
                inOwnWords: words,
                goal: (form.goal?[domain.rawValue] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            )
        }
        let input = AssessmentStore.Input(
            caseId: supportCase.id,
            barthel: form.barthel,
            lawton: form.lawton,
            domains: domains,
            dependenceDegree: form.dependenceDegree.flatMap { Int($0) }
        )
        let person = try await PeopleStore.open(supportCase.$person.id, scope, request: req)
        do {
            _ = try await AssessmentStore.create(person: person, input: input, scope: scope, request: req)
            return req.redirect(to: personOf(supportCase), flash: "assessment_signed")
        } catch let failure as ValidationFailure {
            return try await renderAssessment(
                req,
                supportCase,
                form: form,
                errors: Self.pageFields(failure.byField, domains: domains),
                summary: req.errorSummary(failure)
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }
}
