import Fluent
import OporaCore
import Vapor

/// The subject-access answer as a document for the person to read (the JSON stays at
/// `export.json`): labels in the reader's language, dates as 01.12.2026, times in Sofia, the
/// words of each answer chosen rather than its score, and no ids.
struct SubjectAccessDocument: Encodable, Sendable {
    struct Entry: Encodable, Sendable {
        var label: String
        var value: String
    }

    struct Section: Encodable, Sendable {
        var title: String
        var entries: [Entry]
        var lines: [String] = []
    }

    var name: String
    var exportedAt: String
    var held: [Entry]
    var erasure: [Entry]
    var sections: [Section]
    var history: [String]

    static func build(
        _ record: SubjectAccessRecord,
        person: Person,
        request req: Request
    ) async throws -> SubjectAccessDocument {
        let language = req.language
        let settlement = try await TerritoryQueries.settlement(person.settlementEkatte, on: req.db)?.nameBG
        func day(_ iso: String?) -> String { iso.flatMap(CalendarDay.init(iso:))?.display ?? iso ?? "" }
        let consents = try await SharingConsent.query(on: req.db).filter(\.$person.$id == person.id!)
            .with(\.$recipient).all()
        let held: [Entry] = record.personalData.compactMap { entry in
            var values = entry.values
            switch PersonalDataField(rawValue: entry.field) {
            case .settlement?: values = settlement.map { [$0] } ?? values
            case .consents?:
                values = consents.map { $0.recipient.name + ": " + ReferralRoutes.describe($0, request: req) }
            default: break
            }
            return values.isEmpty ? nil : Entry(label: entry.label, value: values.joined(separator: "; "))
        }
        var sections: [Section] = []
        let services = Dictionary(
            uniqueKeysWithValues: try await Scoped.unscoped(ProvidedService.self, on: req.db, .throughParent).filter(
                \.$id ~~ record.cases.flatMap { $0.referrals.compactMap(\.toServiceId) }
            ).all().map { ($0.id!, $0.name) }
        )
        for (index, item) in record.cases.enumerated() {
            let c = item.supportCase
            var lines: [String] = []
            for transition in item.transitions {
                lines.append(
                    SofiaTime.dateTime(transition.at) + " · "
                        + (CaseState(rawValue: transition.from)?.label(in: language) ?? "") + " → "
                        + (CaseState(rawValue: transition.to)?.label(in: language) ?? "") + ": " + transition.reason
                        + " (" + transition.by + ")"
                )
            }
            for note in item.notes {
                lines.append(SofiaTime.dateTime(note.at) + " · " + note.author + ": " + note.text)
            }
            for plan in item.plans {
                lines.append(
                    req.text(.planTitle) + " № \(plan.number) (" + SofiaTime.dateTime(plan.createdAt) + "): "
                        + (plan.plan.goals
                        + plan.plan.services.map {
                            $0.type.label(in: language) + " " + $0.frequency.description(in: language)
                        }).joined(separator: "; ")
                )
            }
            for referral in item.referrals {
                lines.append(
                    req.text(.referralNew) + " " + SofiaTime.dateTime(referral.sentAt) + " → "
                        + (referral.toServiceId.flatMap { services[$0] } ?? referral.outsideService ?? "") + ": "
                        + (ReferralStatus(rawValue: referral.status)?.label(in: language) ?? "")
                        + (referral.declineReason.map { " (" + $0 + ")" } ?? "")
                )
            }
            sections.append(
                Section(
                    title: req.text(.exportCase) + " \(index + 1)",
                    entries: [
                        Entry(label: req.text(.openedOn), value: day(c.openedOn)),
                        Entry(
                            label: req.text(.fieldStatus),
                            value: CaseState(rawValue: c.state)?.label(in: language) ?? ""
                        ),
                        Entry(
                            label: req.text(.fieldReferralSource),
                            value: ReferralSource(rawValue: c.referralSource)?.label(in: language) ?? ""
                        ),
                        Entry(
                            label: req.text(.fieldLegalBasis),
                            value: LegalBasis(rawValue: c.legalBasis)?.label(in: language) ?? ""
                        ),
                        Entry(label: req.text(.fieldRequest), value: c.request),
                    ],
                    lines: lines
                )
            )
        }
        for assessment in record.assessments {
            var lines: [String] = []
            for item in BarthelIndex.Item.allCases {
                guard let score = assessment.barthel[item.rawValue] else { continue }
                lines.append(item.label(in: language) + ": " + (item.meaning(of: score, in: language) ?? ""))
            }
            for item in LawtonIADL.Item.allCases {
                guard let level = assessment.lawton[item.rawValue] else { continue }
                lines.append(item.label(in: language) + ": " + (item.meaning(ofLevel: level, in: language) ?? ""))
            }
            for domain in assessment.domains {
                lines.append(
                    domain.domain.label(in: language) + ": " + domain.rating.label(in: language)
                        + (domain.inOwnWords.isEmpty ? "" : " — „" + domain.inOwnWords + "“")
                )
            }
            sections.append(
                Section(
                    title: req.text(.assessmentTitle) + " " + day(assessment.signedOn),
                    entries: [
                        Entry(
                            label: req.text(.barthelHeading),
                            value: "\(assessment.barthelTotal) / 100 · "
                                + (BarthelIndex.Band(rawValue: assessment.barthelBand)?.label(in: language) ?? "")
                        ),
                        Entry(
                            label: req.text(.lawtonHeading),
                            value: "\(assessment.lawtonTotal) / 8 · "
                                + (LawtonIADL.Band(rawValue: assessment.lawtonBand)?.label(in: language) ?? "")
                        ),
                    ],
                    lines: lines
                )
            )
        }
        return SubjectAccessDocument(
            name: person.name.full,
            exportedAt: SofiaTime.dateTime(record.exportedAt),
            held: held,
            erasure: record.personalData.map { Entry(label: $0.label, value: $0.onErasure) },
            sections: sections,
            history: record.history.map { SofiaTime.dateTime($0.at) + " · " + $0.by + " · " + action($0.action, req) }
        )
    }

    /// An audit action in words; one not in the catalogue stays as recorded.
    static func action(_ code: String, _ req: Request) -> String {
        let key = CatalogueKey(rawValue: "audit_action_" + code.replacingOccurrences(of: ".", with: "_"))
        let text = req.text(key)
        return text == key.rawValue ? code : text
    }
}
