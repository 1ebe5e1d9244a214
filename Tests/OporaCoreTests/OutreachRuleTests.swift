import OporaCore
import PropertyBased
import Testing

@Suite("Outreach: entrances and flats, stages of engagement, contact time")
struct OutreachRuleTests {
    @Test func anEntranceNumbersItsFlatsFloorByFloorFromItsFirstFlat() throws {
        let entrance = try #require(EntranceLayout(floors: 8, flatsPerFloor: 3, firstFlat: 25))
        #expect(entrance.flatCount == 24)
        #expect(entrance.lastFlat == 48)
        #expect(entrance.flats(onFloor: 1) == 25...27)
        #expect(entrance.flats(onFloor: 8) == 46...48)
        #expect(entrance.flats(onFloor: 9) == nil)
        #expect(entrance.flats(onFloor: 0) == nil)
        #expect(entrance.floor(ofFlat: 25) == 1)
        #expect(entrance.floor(ofFlat: 28) == 2)
        #expect(entrance.floor(ofFlat: 48) == 8)
        #expect(entrance.floor(ofFlat: 24) == nil)
        #expect(entrance.floor(ofFlat: 49) == nil)
        #expect(entrance.nextEntranceFirstFlat == 49)
    }

    @Test(
        "A layout outside the ranges is refused",
        arguments: [(0, 3, 1), (31, 3, 1), (8, 0, 1), (8, 13, 1), (8, 3, 0), (8, 3, 2001), (-1, -1, -1)]
    )
    func refusesImpossibleLayouts(floors: Int, flats: Int, first: Int) {
        #expect(EntranceLayout(floors: floors, flatsPerFloor: flats, firstFlat: first) == nil)
    }

    @Test func everyFlatOfAnEntranceIsOnExactlyTheFloorThatListsIt() async {
        await propertyCheck(
            input: Gen.int(in: EntranceLayout.floorRange),
            Gen.int(in: EntranceLayout.flatsPerFloorRange),
            Gen.int(in: 1...500)
        ) { floors, perFloor, first in
            let entrance = EntranceLayout(floors: floors, flatsPerFloor: perFloor, firstFlat: first)!
            for floor in 1...floors {
                for flat in entrance.flats(onFloor: floor)! { #expect(entrance.floor(ofFlat: flat) == floor) }
            }
            #expect(entrance.floor(ofFlat: first - 1) == nil)
            #expect(entrance.floor(ofFlat: entrance.nextEntranceFirstFlat) == nil)
        }
    }

    @Test func aFamilyIsEngagedOnlyAtTheSecondContactAndLaterStagesFollowWhatWasAgreed() {
        #expect(EngagementStage.of(contacts: 0, consented: false, hasPlan: false, handedOver: false) == nil)
        #expect(EngagementStage.of(contacts: 1, consented: false, hasPlan: false, handedOver: false) == .contacted)
        #expect(EngagementStage.of(contacts: 2, consented: false, hasPlan: false, handedOver: false) == .engaged)
        #expect(EngagementStage.of(contacts: 7, consented: false, hasPlan: false, handedOver: false) == .engaged)
        #expect(EngagementStage.of(contacts: 2, consented: true, hasPlan: false, handedOver: false) == .consented)
        #expect(EngagementStage.of(contacts: 3, consented: true, hasPlan: true, handedOver: false) == .planned)
        #expect(EngagementStage.of(contacts: 3, consented: true, hasPlan: true, handedOver: true) == .handedOver)
        #expect(EngagementStage.contacted < EngagementStage.engaged)
        #expect(EngagementStage.planned < EngagementStage.handedOver)
    }

    @Test func aContactIsLoggedForADayThatHasBeenUpToAMonthBack() {
        let today = CalendarDay(iso: "2026-12-01")!
        #expect(ContactRule.check(day: today, today: today) == nil)
        #expect(ContactRule.check(day: today.adding(days: -31), today: today) == nil)
        #expect(ContactRule.check(day: today.adding(days: -32), today: today) == .tooOld)
        #expect(ContactRule.check(day: today.adding(days: 1), today: today) == .inTheFuture)
    }

    @Test func contactTimeAddsEveryContactOfTheMonthByDay() {
        let day = { (iso: String) in CalendarDay(iso: iso)! }
        let entries = [
            ContactTime.Entry(day: day("2026-11-03"), minutes: 30),
            ContactTime.Entry(day: day("2026-11-03"), minutes: 45),
            ContactTime.Entry(day: day("2026-11-01"), minutes: 20),
            ContactTime.Entry(day: day("2026-10-31"), minutes: 60),
        ]
        let days = ContactTime.days(entries, month: CalendarMonth(year: 2026, month: 11)!)
        #expect(days.map { $0.day } == [day("2026-11-01"), day("2026-11-03")])
        #expect(days.map { $0.minutes } == [20, 75])
        #expect(days.map { $0.contacts } == [1, 2])
        #expect(ContactTime.format(75, in: .bg) == "1 ч 15 мин")
        #expect(ContactTime.format(65, in: .en) == "1 h 05 min")
    }
}

@Suite("Outreach: nothing identifying before consent")
struct AnonymousTextTests {
    @Test(
        "Descriptions, ages, flats and counts pass; an ЕГН or a phone number, however typed, does not",
        arguments: [
            ("жена около 40, три деца", false), ("ап. 17, ет. 6", false), ("роден 1984, 2 деца", false),
            ("сума 12 000 лв.", false), ("", false), ("дата 12.03.2026", false),
            ("ЕГН 8406121234", true), ("тел. 0888 123 456", true), ("+359 (88) 123-45-67", true),
            ("0888123456", true), ("08881 23456", true),
        ] as [(String, Bool)]
    )
    func findsIdentifyingNumbers(text: String, identifying: Bool) {
        #expect(AnonymousText.holdsIdentifyingNumber(text) == identifying)
    }

    @Test func everyTenDigitNumberIsFoundWhateverSurroundsIt() async {
        await propertyCheck(input: Gen.int(in: 1_000_000_000...9_999_999_999), Gen.int(in: 0...3)) { number, style in
            let text = String(number)
            let written =
                style == 0 ? text : style == 1 ? "ЕГН: \(text)." : style == 2 ? "(\(text))" : "тел \(text) вечер"
            #expect(AnonymousText.holdsIdentifyingNumber(written))
        }
    }
}

@Suite("Outreach: numbers typed on the phone")
struct ContactNumberTests {
    @Test(
        "Only a few ASCII digits make a number; anything longer or stranger is refused before it can overflow",
        arguments: [
            ("7", 4, 7), (" 12 ", 4, 12), ("0045", 4, 45), ("12345", 4, nil), ("", 4, nil), ("-3", 4, nil),
            ("٣", 4, nil), ("1e3", 4, nil), ("99999999999999999999", 3, nil), ("480", 3, 480),
        ] as [(String, Int, Int?)]
    )
    func parsesSmallNumbers(text: String, digits: Int, value: Int?) {
        #expect(ContactRule.number(text, digits: digits) == value)
    }
}
