import Fluent
import OporaCore
import Vapor

/// The assessment page: Barthel, Lawton, the life domains in the person's words, the degree of
/// dependence. No answer is chosen in advance. Sending the form checks it and shows what would
/// be signed (totals, bands, degree, domains) with everything carried along; only confirming
/// that summary signs. A refusal shows the form again with everything as it was typed.
extension CaseRoutes {
    struct AssessmentForm: Content {
        var barthel: [String: Int]?
        var lawton: [String: Int]?
        var rating: [String: Int]?
        var words: [String: String]?
        var goal: [String: String]?
        var dependenceDegree: String?
        /// `sign` on the summary's confirm button, `edit` on its way back; absent from the form itself.
        var step: String?
    }

    struct AssessmentFormContext: Encodable, Sendable {
        struct Question: Encodable, Sendable {
            var id: String
            var name: String
            var label: String
            var options: [Choice]
            var error: String?
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
        var personName: String
        var caseNumber: String
        var barthel: [Question]
        var lawton: [Question]
        var domains: [Domain]
        var degrees: [Choice]
        var errors: [String: String]
        var summary: ErrorSummary?
    }

    /// What signing would store, shown for confirmation, with the answers as hidden fields.
    struct AssessmentConfirmContext: Encodable, Sendable {
        var action: String
        var personHref: String
        var personName: String
        var caseNumber: String
        var barthel: String
        var lawton: String
        var degree: String
        var domains: [PersonFile.Fact]
        var recommendations: [String]
        var hidden: [Choice]
    }

    func assessmentForm(req: Request) async throws -> View {
        let (_, scope) = try editor(req)
        let supportCase = try await CaseStore.find(try req.uuidParameter("caseID"), scope, on: req.db)
        let person = try await PeopleStore.open(supportCase.$person.id, scope, request: req)
        return try await renderAssessment(req, supportCase, person: person, form: AssessmentForm(), errors: [:])
    }

    private func renderAssessment(
        _ req: Request,
        _ supportCase: SupportCase,
        person: Person,
        form: AssessmentForm,
        errors: [String: String],
        summary: ErrorSummary? = nil
    ) async throws -> View {
        let language = req.language
        func unanswered(_ chosen: Int?) -> Choice { Choice(value: "", label: "—", selected: chosen == nil) }
        let context = AssessmentFormContext(
            action: "/cases/\(supportCase.id!)/assessment",
            personHref: "/cases/\(supportCase.id!)",
            personName: person.name.full,
            caseNumber: supportCase.number ?? "",
            barthel: BarthelIndex.Item.allCases.map { item in
                let chosen = form.barthel?[item.rawValue]
                return .init(
                    id: "barthel-\(item.rawValue)",
                    name: "barthel[\(item.rawValue)]",
                    label: item.label(in: language),
                    options: [unanswered(chosen)]
                        + item.allowedScores.map {
                            Choice(
                                value: String($0),
                                label: "\($0) – \(item.meaning(of: $0, in: language) ?? "")",
                                selected: $0 == chosen
                            )
                        },
                    error: errors["barthel.\(item.rawValue)"]
                )
            },
            lawton: LawtonIADL.Item.allCases.map { item in
                let chosen = form.lawton?[item.rawValue]
                return .init(
                    id: "lawton-\(item.rawValue)",
                    name: "lawton[\(item.rawValue)]",
                    label: item.label(in: language),
                    options: [unanswered(chosen)]
                        + item.levelScores.indices.map {
                            Choice(
                                value: String($0),
                                label: "\(item.levelScores[$0]) – \(item.meaning(ofLevel: $0, in: language) ?? "")",
                                selected: $0 == chosen
                            )
                        },
                    error: errors["lawton.\(item.rawValue)"]
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
                        label: "\($0.label(in: language)) (\($0.monthlyHoursCap) \(req.text(.hoursShort)))",
                        selected: String($0.rawValue) == form.dependenceDegree
                    )
                },
            errors: errors,
            summary: summary
        )
        return try await req.view.render(
            "cases/assessment-form",
            req.page(title: req.text(.assessmentTitle) + " · " + person.name.full, context)
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

    /// The element a field's problem links to: `barthel.feeding` → `#barthel-feeding`,
    /// `words.housing` → `#words-housing`.
    private static func summary(
        _ failure: ValidationFailure,
        domains: [LifeDomainAssessment],
        request req: Request
    )
        -> ErrorSummary
    {
        let fields = pageFields(
            Dictionary(failure.problems.map { ($0.field, $0.field) }, uniquingKeysWith: { first, _ in first }),
            domains: domains
        )
        return ErrorSummary(
            title: req.text(.errorValidationTitle),
            problems: failure.problems.map { problem in
                let field = fields[problem.field] ?? problem.field
                let id = field.replacingOccurrences(of: ".", with: "-")
                let linkable = !id.isEmpty && id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
                return ErrorSummary.Problem(href: linkable ? "#" + id : nil, message: problem.message)
            }
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
        if form.step == "edit" {
            return try await renderAssessment(req, supportCase, person: person, form: form, errors: [:])
                .encodeResponse(for: req)
        }
        do {
            guard form.step == "sign" else {
                let checked = try await AssessmentStore.check(person: person, input: input, scope: scope, request: req)
                return try await renderConfirmation(req, supportCase, person: person, form: form, checked: checked)
                    .encodeResponse(for: req)
            }
            _ = try await AssessmentStore.create(person: person, input: input, scope: scope, request: req)
            return req.redirect(to: "/cases/\(supportCase.id!)", flash: .assessmentSigned)
        } catch let failure as ValidationFailure {
            return try await renderAssessment(
                req,
                supportCase,
                person: person,
                form: form,
                errors: Self.pageFields(failure.byField, domains: domains),
                summary: Self.summary(failure, domains: domains, request: req)
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    private func renderConfirmation(
        _ req: Request,
        _ supportCase: SupportCase,
        person: Person,
        form: AssessmentForm,
        checked: AssessmentStore.Checked
    ) async throws -> View {
        let language = req.language
        let content = checked.content
        var hidden: [Choice] = []
        for (item, score) in (form.barthel ?? [:]).sorted(by: { $0.key < $1.key }) {
            hidden.append(Choice(value: String(score), label: "barthel[\(item)]", selected: false))
        }
        for (item, level) in (form.lawton ?? [:]).sorted(by: { $0.key < $1.key }) {
            hidden.append(Choice(value: String(level), label: "lawton[\(item)]", selected: false))
        }
        for domain in content.domains {
            let name = domain.domain.rawValue
            hidden.append(Choice(value: String(domain.rating.rawValue), label: "rating[\(name)]", selected: false))
            hidden.append(Choice(value: domain.inOwnWords, label: "words[\(name)]", selected: false))
            hidden.append(Choice(value: domain.goal, label: "goal[\(name)]", selected: false))
        }
        if let degree = checked.degree {
            hidden.append(Choice(value: String(degree.rawValue), label: "dependenceDegree", selected: false))
        }
        let context = AssessmentConfirmContext(
            action: "/cases/\(supportCase.id!)/assessment",
            personHref: "/cases/\(supportCase.id!)",
            personName: person.name.full,
            caseNumber: supportCase.number ?? "",
            barthel: "\(content.barthel.total) / 100 · \(content.barthel.band.label(in: language))",
            lawton: "\(content.lawton.total()) / 8 · \(content.lawton.band().label(in: language))",
            degree: checked.degree.map {
                "\($0.label(in: language)) · \(req.text(.monthlyCap)) \($0.monthlyHoursCap) \(req.text(.hoursShort))"
            } ?? "—",
            domains: content.domains.map {
                PersonFile.Fact(
                    label: $0.domain.label(in: language) + " · " + $0.rating.label(in: language),
                    value: $0.inOwnWords.isEmpty ? "" : "„\($0.inOwnWords)“" + ($0.goal.isEmpty ? "" : " — \($0.goal)")
                )
            },
            recommendations: WeeklyHoursRecommendation.recommend(
                barthel: content.barthel,
                lawton: content.lawton,
                lifeDomains: content.domains
            ).map {
                "\($0.type.label(in: language)): \(decimalHours($0.weeklyMinutes, in: language)) \(req.text(.hoursPerWeek))"
            },
            hidden: hidden
        )
        return try await req.view.render(
            "cases/assessment-confirm",
            req.page(title: req.text(.assessmentConfirmTitle) + " · " + person.name.full, context)
        )
    }
}
