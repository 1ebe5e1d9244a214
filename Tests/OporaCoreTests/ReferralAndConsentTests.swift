import Foundation
import OporaCore
import Testing

@Suite("Referrals")
struct ReferralTests {
    @Test func sentIsAcceptedThenCompleted() throws {
        #expect(try ReferralLifeCycle.transition(from: .sent, to: .accepted).status == .accepted)
        #expect(
            try ReferralLifeCycle.transition(from: .accepted, to: .completed, reason: " taken on ") == (
                .completed, "taken on"
            )
        )
    }

    @Test func declineNeedsAReason() throws {
        #expect(throws: ReferralProblem.declineWithoutReason) {
            try ReferralLifeCycle.transition(from: .sent, to: .declined, reason: "  ")
        }
        #expect(
            try ReferralLifeCycle.transition(from: .sent, to: .declined, reason: "no free places").reason
                == "no free places"
        )
    }

    @Test func everyOtherMoveIsRefused() {
        let legal: Set<[ReferralStatus]> = [[.sent, .accepted], [.sent, .declined], [.accepted, .completed]]
        for from in ReferralStatus.allCases {
            for to in ReferralStatus.allCases where !legal.contains([from, to]) {
                #expect(throws: ReferralProblem.illegal(from: from, to: to)) {
                    try ReferralLifeCycle.transition(from: from, to: to, reason: "reason")
                }
            }
        }
        #expect(
            ReferralProblem.illegal(from: .declined, to: .accepted).message(in: .bg)
                == "Насочване със статус „отказано“ не може да стане „прието“."
        )
    }

    @Test func labels() {
        LabelTests.check(ReferralStatus.self) { $0.label(in: $1) }
        LabelTests.check(ReferralSource.self) { $0.label(in: $1) }
        LabelTests.check(LegalBasis.self) { $0.label(in: $1) }
        LabelTests.check(SharedDataCategory.self) { $0.label(in: $1) }
        LabelTests.check(HouseholdRelation.self) { $0.label(in: $1) }
        #expect(ReferralSource.selfReferral.rawValue == "self")
    }
}

@Suite("Consent to share")
struct ConsentTests {
    static let provider = UUID(uuidString: "00000000-0000-0000-0000-00000000c001")!
    static let other = UUID(uuidString: "00000000-0000-0000-0000-00000000c002")!
    static func day(_ d: Int) -> CalendarDay { CalendarDay(year: 2026, month: 11, day: d)! }

    static let consents = [
        ConsentToShare(recipientProviderID: provider, categories: [.identification, .assessment], givenOn: day(10)),
        ConsentToShare(
            recipientProviderID: provider,
            categories: [.healthAndDisability],
            givenOn: day(12),
            withdrawnOn: day(20)
        ),
        ConsentToShare(recipientProviderID: other, categories: [.caseNotes], givenOn: day(1)),
    ]

    @Test func consentHoldsFromTheDayGivenUntilTheDayWithdrawn() {
        #expect(SharingRule.allowedCategories(to: Self.provider, on: Self.day(9), consents: Self.consents).isEmpty)
        #expect(
            SharingRule.allowedCategories(to: Self.provider, on: Self.day(10), consents: Self.consents) == [
                .identification, .assessment,
            ]
        )
        #expect(
            SharingRule.allowedCategories(to: Self.provider, on: Self.day(19), consents: Self.consents) == [
                .identification, .assessment, .healthAndDisability,
            ]
        )
        #expect(
            SharingRule.allowedCategories(to: Self.provider, on: Self.day(20), consents: Self.consents) == [
                .identification, .assessment,
            ]
        )
    }

    @Test func sharingBeyondWhatWasAgreedIsRefused() throws {
        try SharingRule.check([.identification], to: Self.provider, on: Self.day(15), consents: Self.consents)
        #expect(throws: SharingProblem.notAgreed([.supportPlan, .caseNotes])) {
            try SharingRule.check(
                [.caseNotes, .identification, .supportPlan],
                to: Self.provider,
                on: Self.day(15),
                consents: Self.consents
            )
        }
        #expect(
            SharingProblem.notAgreed([.caseNotes]).message(in: .en) == "The person has not agreed to share: case notes."
        )
    }
}

@Suite("Recording a consent")
struct ConsentRecordingTests {
    static let today = CalendarDay(year: 2026, month: 11, day: 18)!

    static func record(
        _ form: ConsentForm,
        _ witness: String,
        on day: CalendarDay = today
    ) throws(ConsentProblem)
        -> String?
    {
        try ConsentRecording.check(form: form, witness: witness, givenOn: day, today: today)
    }

    @Test func aWrittenConsentNeedsNoWitness() throws {
        #expect(try Self.record(.written, "") == nil)
        #expect(try Self.record(.written, "Иван Стоянов") == nil)
    }

    @Test func anOralConsentNamesItsWitnessTrimmed() throws {
        #expect(try Self.record(.oralWithWitness, "  Иван Стоянов \n") == "Иван Стоянов")
        #expect(throws: ConsentProblem.witnessRequired) { try Self.record(.oralWithWitness, " \t ") }
    }

    @Test func aWitnessBeyondTheLimitIsRefusedNotCut() throws {
        let longest = String(repeating: "Я", count: ConsentRecording.witnessMaximum)
        #expect(try Self.record(.oralWithWitness, longest) == longest)
        #expect(throws: ConsentProblem.witnessTooLong) { try Self.record(.oralWithWitness, longest + "Я") }
    }

    @Test func aConsentIsNotDatedAfterToday() throws {
        #expect(try Self.record(.written, "", on: Self.today) == nil)
        #expect(throws: ConsentProblem.givenInFuture) { try Self.record(.written, "", on: Self.today.adding(days: 1)) }
    }

    @Test func aConsentIsNotDatedBeforeThePersonWasBornOr1900() throws {
        let born = CalendarDay(year: 1948, month: 3, day: 17)!
        func record(_ day: CalendarDay, bornOn: CalendarDay?) throws(ConsentProblem) -> String? {
            try ConsentRecording.check(form: .written, witness: "", givenOn: day, today: Self.today, bornOn: bornOn)
        }
        #expect(try record(born, bornOn: born) == nil)
        #expect(throws: ConsentProblem.givenBefore(born)) { try record(born.adding(days: -1), bornOn: born) }
        let year1 = CalendarDay(year: 1, month: 1, day: 1)!
        #expect(throws: ConsentProblem.givenBefore(CalendarDay.earliestOnRecord)) { try record(year1, bornOn: nil) }
        #expect(ConsentProblem.givenBefore(born).message(in: .bg) == "Съгласието не може да е дадено преди 17.03.1948.")
    }

    @Test func everyProblemSaysWhatIsWrongInBothLanguages() {
        for problem in [ConsentProblem.witnessRequired, .witnessTooLong, .givenInFuture, .givenBefore(Self.today)] {
            #expect(!problem.message(in: .bg).isEmpty)
            #expect(problem.message(in: .bg) != problem.message(in: .en))
        }
        #expect(ConsentProblem.witnessTooLong.message(in: .en).contains("120"))
    }
}

@Suite("Personal assistance eligibility")
struct PersonalAssistanceEligibilityTests {
    static let today = CalendarDay(year: 2026, month: 11, day: 25)!
    static let adult = CalendarDay(year: 1950, month: 5, day: 1)!
    static let child = CalendarDay(year: 2015, month: 5, day: 1)!

    @Test func anyoneWithAnotherPersonsHelp() {
        let decision = DisabilityDecision(percentage: 71, needsAnotherPersonsHelp: true)
        #expect(
            PersonalAssistanceEligibility.ground(decision: decision, birthDate: Self.adult, on: Self.today)
                == .needsAnotherPersonsHelp
        )
    }

    @Test func childrenWithNinetyPercentWithoutIt() {
        let ninety = DisabilityDecision(percentage: 90, needsAnotherPersonsHelp: false)
        let below = DisabilityDecision(percentage: 89.99, needsAnotherPersonsHelp: false)
        #expect(
            PersonalAssistanceEligibility.ground(decision: ninety, birthDate: Self.child, on: Self.today)
                == .childWithNinetyPercentOrMore
        )
        #expect(PersonalAssistanceEligibility.ground(decision: below, birthDate: Self.child, on: Self.today) == nil)
        #expect(PersonalAssistanceEligibility.ground(decision: ninety, birthDate: Self.adult, on: Self.today) == nil)
        // The day of the 18th birthday ends the child ground.
        let eighteen = CalendarDay(year: 2008, month: 11, day: 25)!
        #expect(PersonalAssistanceEligibility.ground(decision: ninety, birthDate: eighteen, on: Self.today) == nil)
        #expect(
            PersonalAssistanceEligibility.ground(decision: ninety, birthDate: eighteen, on: Self.today.adding(days: -1))
                == .childWithNinetyPercentOrMore
        )
    }

    @Test func anExpiredDecisionGivesNoGround() {
        let decision = DisabilityDecision(percentage: 95, needsAnotherPersonsHelp: true, validUntil: Self.today)
        #expect(PersonalAssistanceEligibility.ground(decision: decision, birthDate: Self.adult, on: Self.today) != nil)
        #expect(
            PersonalAssistanceEligibility.ground(
                decision: decision,
                birthDate: Self.adult,
                on: Self.today.adding(days: 1)
            ) == nil
        )
    }
}

@Suite("Person name and dashboard dates")
struct PersonNameTests {
    @Test func derivedForms() {
        let name = PersonName(given: " Мария ", middle: "Стоянова", family: "Йорданова")
        #expect(name.full == "Мария Стоянова Йорданова")
        #expect(name.latin == "Maria Stoyanova Yordanova")
        #expect(name.searchText == "maria stoyanova yordanova")
        #expect(PersonName(given: "John", family: "Smith").full == "John Smith")
    }

    @Test func listsSortByFamilyName() {
        let names = [
            PersonName(given: "Ана", family: "Петрова"), PersonName(given: "Яна", family: "Атанасова"),
            PersonName(given: "Борис", family: "Петрова"),
        ]
        #expect(
            names.sorted { $0.sortKey < $1.sortKey }.map(\.full) == ["Яна Атанасова", "Ана Петрова", "Борис Петрова"]
        )
    }

    @Test func sameNameAndBirthDateMayBeTheSamePerson() {
        let born = CalendarDay(year: 1961, month: 1, day: 4)!
        let a = PersonName(given: "Иван", middle: "Петров", family: "Христов")
        let b = PersonName(given: "ИВАН", middle: "петров", family: "Христов")
        #expect(PersonName.mayBeSamePerson(a, born: born, b, born: born))
        #expect(!PersonName.mayBeSamePerson(a, born: born, b, born: born.adding(days: 1)))
        #expect(!PersonName.mayBeSamePerson(a, born: born, PersonName(given: "Иван", family: "Христов"), born: born))
    }

    @Test func reviewDueWithinFourteenDaysIncludingOverdue() {
        let today = CalendarDay(year: 2026, month: 11, day: 25)!
        #expect(CaseDeadlines.isReviewDue(reviewDate: today.adding(days: 14), today: today))
        #expect(!CaseDeadlines.isReviewDue(reviewDate: today.adding(days: 15), today: today))
        #expect(CaseDeadlines.isReviewDue(reviewDate: today.adding(days: -30), today: today))
    }

    @Test func assessmentOlderThanAYear() {
        let today = CalendarDay(year: 2026, month: 11, day: 25)!
        #expect(
            !CaseDeadlines.isAssessmentOutdated(signedOn: CalendarDay(year: 2025, month: 11, day: 25)!, today: today)
        )
        #expect(
            CaseDeadlines.isAssessmentOutdated(signedOn: CalendarDay(year: 2025, month: 11, day: 24)!, today: today)
        )
        let leap = CalendarDay(year: 2028, month: 2, day: 29)!
        #expect(!CaseDeadlines.isAssessmentOutdated(signedOn: CalendarDay(year: 2027, month: 2, day: 28)!, today: leap))
        #expect(CaseDeadlines.isAssessmentOutdated(signedOn: CalendarDay(year: 2027, month: 2, day: 27)!, today: leap))
    }
}
