import Foundation
import Testing

@testable import OporaCore

@Suite("The own page's rules: codes, requests, ratings, openings")
struct MyPageRuleTests {
    @Test("A code has three groups of four from the alphabet; typed codes are read back, lookalikes too")
    func codes() throws {
        let code = try #require(InvitationCode.make(from: Array(0..<12)))
        #expect(code == "ACDE-FGHJ-KMNP")
        #expect(InvitationCode.make(from: [1, 2]) == nil)
        #expect(InvitationCode.normalised(" acde fghj-kmnp ") == code)
        // Cyrillic А, С, Е, Н, К, М, Р typed on a Bulgarian keyboard read as the Latin letters.
        #expect(InvitationCode.normalised("АСDЕ-FGНJ-КМNР") == code)
        #expect(InvitationCode.normalised("ACDE-FGHJ-KMN") == nil)
        #expect(InvitationCode.normalised("ACDE-FGHJ-KMNP-A") == nil)
        #expect(InvitationCode.normalised("ACDE-FGHJ-KMN0") == nil, "0 is not in the alphabet")
    }

    @Test("A code works once, until it expires after 14 days, and not after a newer one replaced it")
    func codeLife() {
        let issued = Date(timeIntervalSince1970: 1_800_000_000)
        let expires = InvitationCode.expiry(issuedAt: issued)
        #expect(expires.timeIntervalSince(issued) == 14 * 24 * 3600)
        #expect(InvitationCode.problem(usedAt: nil, expiresAt: expires, revoked: false, now: issued) == nil)
        #expect(InvitationCode.problem(usedAt: issued, expiresAt: expires, revoked: false, now: issued) == .alreadyUsed)
        #expect(InvitationCode.problem(usedAt: nil, expiresAt: expires, revoked: false, now: expires) == .expired)
        #expect(InvitationCode.problem(usedAt: nil, expiresAt: expires, revoked: true, now: issued) == .replaced)
        for problem in [
            InvitationProblem.unknown, .alreadyUsed, .expired, .replaced, .appointmentEnded, .tooManyAttempts,
        ] {
            #expect(problem.message(in: .bg) != problem.message(in: .en))
        }
    }

    @Test("A representative acts while recorded and until the appointment's last day")
    func representation() {
        let today = CalendarDay(year: 2026, month: 12, day: 1)!
        #expect(Representation.isInForce(recorded: true, lastDay: nil, today: today))
        #expect(Representation.isInForce(recorded: true, lastDay: today, today: today))
        #expect(!Representation.isInForce(recorded: true, lastDay: today.adding(days: -1), today: today))
        #expect(!Representation.isInForce(recorded: false, lastDay: nil, today: today))
    }

    @Test(
        "An answer is due five working days later, past weekends and holidays",
        arguments: [
            // Tuesday → the next Tuesday.
            ("2026-12-01", "2026-12-08"),
            // Friday → the next Friday.
            ("2026-12-04", "2026-12-11"),
            // Saturday counts from Monday: Monday to Friday.
            ("2026-12-05", "2026-12-11"),
            // 24–26 December and the rest day for 26th falling on Saturday (28th) are skipped.
            ("2026-12-22", "2027-01-04"),
        ]
    )
    func dueDates(_ pair: (String, String)) throws {
        let day = try #require(CalendarDay(iso: pair.0))
        #expect(ChangeRequestRule.dueDate(submittedOn: day).iso == pair.1)
    }

    @Test("A request names a future visit of the person when it is about one, and says what is wanted")
    func requestProblems() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let later = now.addingTimeInterval(3600)
        let earlier = now.addingTimeInterval(-3600)
        func problems(
            _ kind: ChangeRequestKind?,
            _ text: String = "",
            named: Bool = true,
            start: Date? = nil,
            cancelled: Bool = false
        ) -> [ChangeRequestProblem] {
            ChangeRequestRule.problems(
                kind: kind,
                text: text,
                visitNamed: named,
                visitStart: start,
                visitCancelled: cancelled,
                now: now
            )
        }
        #expect(problems(nil) == [.kindMissing])
        #expect(problems(.cancelVisit, start: later).isEmpty)
        #expect(problems(.cancelVisit, start: earlier) == [.visitInPast])
        #expect(problems(.cancelVisit, start: later, cancelled: true) == [.visitAlreadyCancelled])
        #expect(problems(.cancelVisit, named: false) == [.visitMissing])
        #expect(problems(.cancelVisit, named: true, start: nil) == [.visitUnknown])
        #expect(problems(.anotherTime, "следобед", start: later).isEmpty)
        #expect(problems(.anotherTime, start: later) == [.textMissing])
        #expect(problems(.newNeed, "Помощ с пазаруването", named: false).isEmpty)
        #expect(problems(.newNeed, String(repeating: "а", count: 1001), named: false) == [.textTooLong(maximum: 1000)])
        #expect(ChangeRequestProblem.visitInPast.field == "visit")
    }

    @Test("Only a visit that happened is rated, once, within a month; small groups show no figures")
    func ratings() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(
            VisitRatingRule.problem(checkedOutAt: nil, withdrawn: false, alreadyRated: false, now: now) == .didNotHappen
        )
        #expect(
            VisitRatingRule.problem(checkedOutAt: now, withdrawn: true, alreadyRated: false, now: now) == .didNotHappen
        )
        #expect(
            VisitRatingRule.problem(checkedOutAt: now, withdrawn: false, alreadyRated: true, now: now) == .alreadyRated
        )
        #expect(
            VisitRatingRule.problem(
                checkedOutAt: now.addingTimeInterval(-32 * 24 * 3600),
                withdrawn: false,
                alreadyRated: false,
                now: now
            ) == .tooLate
        )
        #expect(VisitRatingRule.problem(checkedOutAt: now, withdrawn: false, alreadyRated: false, now: now) == nil)
        let few = VisitRatingRule.summary([.good, .poor])
        #expect(!few.isShowable && few.goodPercent == nil && few.total == 2)
        let enough = VisitRatingRule.summary([.good, .good, .neutral, .poor, .good, .good])
        #expect(enough.good == 4 && enough.neutral == 1 && enough.poor == 1)
        // 4 of 6 is 66.7 %, shown as 67.
        #expect(enough.goodPercent == 67)
    }

    @Test("An opener's name is shown only for the team the person meets, at their own provider")
    func disclosure() {
        #expect(FileOpeningDisclosure.showsName(roles: [.caseWorker], atPersonsProvider: true))
        #expect(!FileOpeningDisclosure.showsName(roles: [.caseWorker], atPersonsProvider: false))
        #expect(!FileOpeningDisclosure.showsName(roles: [.municipalDirector], atPersonsProvider: true))
        #expect(!FileOpeningDisclosure.showsName(roles: [.caseWorker, .inspector], atPersonsProvider: true))
        #expect(!FileOpeningDisclosure.showsName(roles: [], atPersonsProvider: true))
    }
}
