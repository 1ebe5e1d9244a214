import Foundation
import OporaCore
import Testing

@Suite("Erasure rule")
struct ErasureRuleTests {
    static let closed = CalendarDay(year: 2020, month: 2, day: 29)!
    static let schedule = RetentionSchedule(years: [.serviceContract: 5, .timesheet: 10, .caseNote: -1])

    @Test func legalHoldComesFirst() {
        let record = RecordForErasure(kind: .caseNote, caseClosedOn: nil, legalHold: true)
        #expect(
            ErasureRule.outcome(for: record, schedule: Self.schedule, today: CalendarDay(year: 2040, month: 1, day: 1)!)
                == .onLegalHold
        )
    }

    @Test func anOpenCaseKeepsItsRecords() {
        let record = RecordForErasure(kind: .assessment, caseClosedOn: nil)
        #expect(
            ErasureRule.outcome(
                for: record,
                schedule: .noRetention,
                today: CalendarDay(year: 2026, month: 11, day: 25)!
            ) == .caseStillOpen
        )
    }

    @Test func withoutARetentionPeriodAnonymiseNow() {
        let record = RecordForErasure(kind: .assessment, caseClosedOn: Self.closed)
        #expect(ErasureRule.outcome(for: record, schedule: Self.schedule, today: Self.closed) == .anonymiseNow)
        // A negative period in the configuration is ignored rather than obeyed.
        let note = RecordForErasure(kind: .caseNote, caseClosedOn: Self.closed)
        #expect(Self.schedule.years[.caseNote] == nil)
        #expect(ErasureRule.outcome(for: note, schedule: Self.schedule, today: Self.closed) == .anonymiseNow)
    }

    /// Closed on 29.02.2020 with five years to keep: kept through 27.02.2025, anonymised from
    /// 28.02.2025 because 2025 has no 29 February.
    @Test func retentionRunsToTheAnniversary() {
        let record = RecordForErasure(kind: .serviceContract, caseClosedOn: Self.closed)
        let end = CalendarDay(year: 2025, month: 2, day: 28)!
        #expect(
            ErasureRule.outcome(for: record, schedule: Self.schedule, today: end.adding(days: -1)) == .retainUntil(end)
        )
        #expect(ErasureRule.outcome(for: record, schedule: Self.schedule, today: end) == .anonymiseNow)
        let timesheet = RecordForErasure(kind: .timesheet, caseClosedOn: Self.closed)
        #expect(
            ErasureRule.outcome(for: timesheet, schedule: Self.schedule, today: end)
                == .retainUntil(CalendarDay(year: 2030, month: 2, day: 28)!)
        )
    }

    @Test func identifyingFieldsGoAndCountedOnesStay() {
        #expect(PersonalDataField.identifier.onErasure == .remove)
        #expect(PersonalDataField.caseNotes.onErasure == .remove)
        #expect(PersonalDataField.lifeDomainWords.onErasure == .remove)
        #expect(PersonalDataField.birthDate.onErasure == .generalise)
        #expect(PersonalDataField.settlement.onErasure == .keep)
        #expect(PersonalDataField.plannedServices.onErasure == .keep)
        #expect(PersonalDataField.generalised(birthDate: Self.closed) == 2020)
    }

    @Test(arguments: [
        (49.99, "<50"), (50, "50-69.99"), (70, "70-89.99"), (89.99, "70-89.99"), (90, "90+"), (100, "90+"),
    ])
    func disabilityPercentageBands(percentage: Double, band: String) {
        #expect(PersonalDataField.generalised(disabilityPercentage: percentage) == band)
    }

    @Test func outcomesAndKindsSpeakBothLanguages() {
        let outcomes: [ErasureOutcome] = [.anonymiseNow, .retainUntil(Self.closed), .onLegalHold, .caseStillOpen]
        for outcome in outcomes { #expect(outcome.message(in: .bg) != outcome.message(in: .en)) }
        #expect(ErasureOutcome.retainUntil(Self.closed).message(in: .bg).contains("29.02.2020"))
        LabelTests.check(RetainedRecordKind.self) { $0.label(in: $1) }
    }

    @Test func scheduleKeepsOnlySensiblePeriodsAlsoWhenDecoded() throws {
        let schedule = RetentionSchedule(years: [.timesheet: 200, .caseNote: 201, .consent: 0])
        #expect(schedule.years == [.timesheet: 200, .consent: 0])
        let decoded = try JSONDecoder().decode(
            RetentionSchedule.self,
            from: Data(#"{"timesheet":10,"caseNote":-3}"#.utf8)
        )
        #expect(decoded.years == [.timesheet: 10])
        #expect(try JSONDecoder().decode(RetentionSchedule.self, from: JSONEncoder().encode(schedule)) == schedule)
    }

    @Test func retentionNeverRunsPastTheCalendar() {
        let record = RecordForErasure(kind: .timesheet, caseClosedOn: CalendarDay(year: 9900, month: 6, day: 1)!)
        let schedule = RetentionSchedule(years: [.timesheet: 200])
        #expect(
            ErasureRule.outcome(for: record, schedule: schedule, today: CalendarDay(year: 9901, month: 1, day: 1)!)
                == .retainUntil(CalendarDay(year: 9999, month: 6, day: 1)!)
        )
    }
}
