import Foundation
import OporaCore
import PropertyBased
import Testing

@Suite("Visit records: what a worker may record, and what it counts as")
struct VisitExecutionTests {
    // 2026-11-18 10:00 in Sofia (08:00 UTC).
    static let morning = Date(timeIntervalSince1970: 1_794_988_800)
    static let day = CalendarDay(year: 2026, month: 11, day: 18)!

    @Test func checkInThenOutOnTheDay() throws {
        let now = Self.morning.addingTimeInterval(3600)
        let checkedIn = try VisitRecord().applying(.checkIn(at: Self.morning), day: Self.day, now: now).get()
        let out = try checkedIn.applying(.checkOut(at: now), day: Self.day, now: now).get()
        #expect(out == VisitRecord(checkIn: Self.morning, checkOut: now))
    }

    @Test("The record only moves forward: each step out of order is refused with the record that stands")
    func outOfOrder() throws {
        let now = Self.morning.addingTimeInterval(3600)
        let empty = VisitRecord()
        #expect(empty.applying(.checkOut(at: now), day: Self.day, now: now) == .failure(.checkOutBeforeCheckIn))
        let checkedIn = try empty.applying(.checkIn(at: Self.morning), day: Self.day, now: now).get()
        #expect(
            checkedIn.applying(.checkIn(at: now), day: Self.day, now: now)
                == .failure(.alreadyCheckedIn(at: Self.morning))
        )
        #expect(
            checkedIn.applying(.checkOut(at: Self.morning.addingTimeInterval(-60)), day: Self.day, now: now)
                == .failure(.checkOutEarlierThanCheckIn(checkIn: Self.morning))
        )
        #expect(
            checkedIn.applying(.missed(.refused, at: now), day: Self.day, now: now)
                == .failure(.missedAfterCheckIn(checkIn: Self.morning))
        )
        let missed = try empty.applying(.missed(.notAtHome, at: now), day: Self.day, now: now).get()
        #expect(missed.applying(.checkIn(at: now), day: Self.day, now: now) == .failure(.alreadyMissed(.notAtHome)))
    }

    @Test("A time in the phone's future, a week-old replay, another day's check-in and a 13-hour visit are refused")
    func implausibleTimes() throws {
        let now = Self.morning
        let empty = VisitRecord()
        #expect(
            empty.applying(.checkIn(at: now.addingTimeInterval(600)), day: Self.day, now: now) == .failure(.inTheFuture)
        )
        #expect(empty.applying(.checkIn(at: now.addingTimeInterval(200)), day: Self.day, now: now).isSuccess)
        #expect(
            empty.applying(.checkIn(at: now.addingTimeInterval(-8 * 86400)), day: Self.day, now: now)
                == .failure(.tooOld)
        )
        #expect(
            empty.applying(.checkIn(at: now), day: Self.day.adding(days: 1), now: now)
                == .failure(.notOnTheDay(Self.day.adding(days: 1)))
        )
        let late = now.addingTimeInterval(13 * 3600)
        let checkedIn = try empty.applying(.checkIn(at: now), day: Self.day, now: late).get()
        #expect(checkedIn.applying(.checkOut(at: late), day: Self.day, now: late) == .failure(.visitTooLong))
    }

    @Test("Every problem has a message in both languages")
    func messages() {
        let problems: [VisitRecordProblem] = [
            .checkOutBeforeCheckIn, .checkOutEarlierThanCheckIn(checkIn: Self.morning),
            .alreadyCheckedIn(at: Self.morning), .alreadyCheckedOut(at: Self.morning), .alreadyMissed(.inHospital),
            .missedAfterCheckIn(checkIn: Self.morning), .notOnTheDay(Self.day), .inTheFuture, .tooOld, .visitTooLong,
            .anotherWorker, .withdrawn, .progressBeforeCheckIn,
        ]
        #expect(Set(problems.map(\.code)).count == problems.count)
        for problem in problems {
            #expect(!problem.message(in: .bg).isEmpty && !problem.message(in: .en).isEmpty)
            #expect(problem.message(in: .bg) != problem.message(in: .en))
        }
        #expect(VisitRecordProblem.alreadyCheckedIn(at: Self.morning).message(in: .bg).contains("10:00"))
    }

    @Test("A visit counts as delivered at three quarters of its time, on time within 15 minutes; shorter is cut short")
    func reckoning() {
        let start = Self.morning
        func reckon(late: Double, minutes: Double) -> VisitReckoning {
            VisitReckoning(
                plannedMinutes: 60,
                plannedStart: start,
                record: VisitRecord(
                    checkIn: start.addingTimeInterval(late * 60),
                    checkOut: start.addingTimeInterval((late + minutes) * 60)
                )
            )
        }
        #expect(reckon(late: 5, minutes: 60).outcome == .delivered && reckon(late: 5, minutes: 60).asPlanned)
        #expect(reckon(late: 20, minutes: 60).outcome == .delivered && !reckon(late: 20, minutes: 60).asPlanned)
        #expect(reckon(late: 0, minutes: 45).outcome == .delivered)
        #expect(reckon(late: 0, minutes: 44).outcome == .cutShort)
        #expect(
            reckon(late: 0, minutes: 300).deliveredMinutes == 120,
            "a forgotten check-out is not paid from the entitlement"
        )
        let open = VisitReckoning(plannedMinutes: 60, plannedStart: start, record: VisitRecord(checkIn: start))
        #expect(open.outcome == .open && open.deliveredMinutes == 0)
        let missed = VisitReckoning(plannedMinutes: 60, plannedStart: start, record: VisitRecord(missed: .refused))
        #expect(missed.outcome == .missed && missed.deliveredMinutes == 0)
    }

    @Test("Delivered minutes never exceed twice the plan and never go negative, for any times")
    func reckoningBounds() async {
        await propertyCheck(
            input: Gen.int(in: 0...600),
            Gen.int(in: -100_000...100_000),
            Gen.int(in: -100_000...100_000)
        ) { planned, inOffset, outOffset in
            let record = VisitRecord(
                checkIn: Self.morning.addingTimeInterval(Double(inOffset)),
                checkOut: Self.morning.addingTimeInterval(Double(outOffset))
            )
            let reckoning = VisitReckoning(plannedMinutes: planned, plannedStart: Self.morning, record: record)
            #expect(reckoning.deliveredMinutes >= 0)
            #expect(reckoning.deliveredMinutes <= 2 * planned)
            if reckoning.outcome == .delivered { #expect(Double(reckoning.deliveredMinutes) >= 0.75 * Double(planned)) }
        }
    }

    @Test("Distance: Kyustendil to Sofia about 70 km; a point off the globe is no distance")
    func greatCircle() {
        let metres = GreatCircle.metres(
            fromLatitude: 42.2839,
            longitude: 22.6911,
            toLatitude: 42.6977,
            longitude: 23.3219
        )
        #expect((68_000...72_000).contains(metres ?? 0))
        #expect(GreatCircle.metres(fromLatitude: 42, longitude: 22, toLatitude: 42, longitude: 22) == 0)
        #expect(GreatCircle.metres(fromLatitude: 91, longitude: 0, toLatitude: 0, longitude: 0) == nil)
        #expect(GreatCircle.metres(fromLatitude: .nan, longitude: 0, toLatitude: 0, longitude: 0) == nil)
    }

    @Test("Each skill offers its tasks, with labels in both languages")
    func tasks() {
        for skill in CareSkill.allCases {
            #expect(!VisitTask.tasks(for: skill).isEmpty)
        }
        for task in VisitTask.allCases {
            #expect(task.label(in: .bg) != task.label(in: .en))
            #expect(
                CareSkill.allCases.contains { VisitTask.tasks(for: $0).contains(task) },
                "\(task) is offered somewhere"
            )
        }
    }

    @Test("Sofia's wall clock: 10:00 on a winter day is 08:00 UTC, on a summer day 07:00 UTC")
    func instants() {
        #expect(SofiaTime.instant(on: Self.day, minute: 600) == Self.morning)
        let summer = CalendarDay(year: 2026, month: 7, day: 1)!
        #expect(SofiaTime.minuteOfDay(SofiaTime.instant(on: summer, minute: 600)) == 600)
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
