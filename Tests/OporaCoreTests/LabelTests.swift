import OporaCore
import Testing

/// Every enum shown to a user has a label in both languages, distinct within its type, and the
/// Bulgarian one is in Cyrillic.
@Suite("Labels")
struct LabelTests {
    static func check<T: CaseIterable>(_ type: T.Type, _ label: (T, Language) -> String) {
        for language in Language.allCases {
            let labels = T.allCases.map { label($0, language) }
            #expect(labels.allSatisfy { !$0.isEmpty }, "\(T.self) \(language)")
            #expect(Set(labels).count == labels.count, "\(T.self) \(language) has duplicates")
        }
        for value in T.allCases {
            #expect(label(value, .bg).unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "\(value)")
            #expect(label(value, .bg) != label(value, .en), "\(value)")
        }
    }

    @Test func allLabelledEnums() {
        Self.check(Language.self) { $0.label(in: $1) }
        Self.check(Sex.self) { $0.label(in: $1) }
        Self.check(Weekday.self) { $0.label(in: $1) }
        Self.check(ProviderKind.self) { $0.label(in: $1) }
        Self.check(JobTitle.self) { $0.label(in: $1) }
        Self.check(SocialServiceType.self) { $0.label(in: $1) }
        Self.check(DeliverySetting.self) { $0.label(in: $1) }
        Self.check(TargetGroup.self) { $0.label(in: $1) }
        Self.check(Role.self) { $0.label(in: $1) }
        Self.check(ScopeKind.self) { $0.label(in: $1) }
        Self.check(IdentifierType.self) { $0.label(in: $1) }
        Self.check(LawtonIADL.Scoring.self) { $0.label(in: $1) }
        Self.check(PersonalAssistanceEligibility.Ground.self) { $0.label(in: $1) }
        Self.check(PersonalDataField.self) { $0.label(in: $1) }
        Self.check(PersonalDataField.Treatment.self) { $0.label(in: $1) }
    }

    @Test func socialServiceTypesAreTheActsTen() {
        #expect(SocialServiceType.allCases.count == 10)
        #expect(SocialServiceType.dayCare.label(in: .bg) == "дневна грижа")
        #expect(SocialServiceType.assistantSupport.label(in: .en) == "assistant support")
    }

    @Test func onlyMunicipalitiesProvideWithoutALicence() {
        for type in SocialServiceType.allCases {
            #expect(!type.licenceRequired(by: .municipal))
            #expect(type.licenceRequired(by: .ngo))
            #expect(type.licenceRequired(by: .privateCompany))
        }
    }

    @Test func widerScopesContainNarrowerOnes() {
        #expect(ScopeKind.country.isAtLeastAsWide(as: .provider))
        #expect(ScopeKind.oblast.isAtLeastAsWide(as: .oblast))
        #expect(!ScopeKind.municipality.isAtLeastAsWide(as: .oblast))
    }

    @Test func elderlyFromTheSixtyFifthBirthday() {
        let birth = CalendarDay(year: 1961, month: 11, day: 25)!
        #expect(TargetGroup.isElderly(birthDate: birth, on: CalendarDay(year: 2026, month: 11, day: 25)!))
        #expect(!TargetGroup.isElderly(birthDate: birth, on: CalendarDay(year: 2026, month: 11, day: 24)!))
    }
}

@Suite("Problems")
struct ProblemTests {
    @Test func everyProblemSpeaksBothLanguagesWithAStableCode() {
        let problems: [any LocalizedProblem] = [
            IdentifierProblem.empty, IdentifierProblem.wrongLength(expected: [9, 13], actual: 8),
            IdentifierProblem.notDigits, IdentifierProblem.impossibleDate, IdentifierProblem.wrongCheckDigit,
            PasswordProblem.tooShort(minimum: 12), PasswordProblem.common, PasswordProblem.containsUsername,
        ]
        for problem in problems {
            #expect(problem.message(in: .bg) != problem.message(in: .en))
            #expect(!problem.message(in: .bg).isEmpty && !problem.message(in: .en).isEmpty)
        }
        #expect(Set(problems.map(\.code)).count == problems.count)
    }

    @Test func wrongLengthNamesTheNumbers() {
        let problem = IdentifierProblem.wrongLength(expected: [9, 13], actual: 8)
        #expect(problem.message(in: .bg) == "Номерът трябва да има 9 или 13 цифри, а има 8.")
        #expect(problem.message(in: .en) == "The number must have 9 or 13 digits; it has 8.")
    }

    @Test func identifierTypeValidatesOnlyWhatItCan() throws {
        try IdentifierType.egn.validate("6101047500")
        #expect(throws: IdentifierProblem.wrongCheckDigit) { try IdentifierType.lnch.validate("1234567890") }
        try IdentifierType.foreign.validate("X1234567")
        #expect(throws: IdentifierProblem.empty) { try IdentifierType.foreign.validate(" ") }
        try IdentifierType.none.validate("")
    }
}
