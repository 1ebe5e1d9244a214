import Fluent
import Foundation
import OporaCore
import OporaScheduling
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Specialised transport: requests, vehicles, planning, the driver's manifest and check-ins")
struct TransportTests {
    /// A week after the test clock's day, when every driver works.
    static func tripDay(_ clock: TestClock) -> CalendarDay { CalendarDay.today(at: clock.now).adding(days: 7) }

    /// Working days 07:00–15:00; the trip day (a week after the clock's Wednesday) is one of them.
    static let driverPattern: [(String, String)] =
        [("skills[]", "transport"), ("contractHours", "40"), ("homeSettlement", "41112")]
        + ["monday", "tuesday", "wednesday", "thursday", "friday"].flatMap {
            [("shiftDay[]", $0), ("shiftStart[]", "07:00"), ("shiftEnd[]", "15:00")]
        }

    struct Centre {
        var coordinator: Browser
        var caseID: UUID
        var driver: User
        var url: String
    }

    /// The centre with one person whose plan is in force (Йорданка Стоянова, in Кюстендил) and a
    /// driver with a working pattern; no vehicles yet.
    static func centre(_ app: Application, _ clock: TestClock) async throws -> Centre {
        let (coordinator, _, caseID) = try await HomeCareTests.centreWithOnePlan(app, clock)
        let driver = User(
            username: "driver1",
            displayName: "Камен Ралев",
            passwordHash: try await app.password.async.hash(demoPassword),
            provider: DemoProviders.municipal.id,
            place: ScopePlace(oblast: DemoProviders.oblast, municipality: DemoProviders.municipality),
            jobTitle: .driver
        )
        try await driver.create(on: app.db)
        try await RoleGrant(
            userID: driver.id!,
            role: .careWorker,
            scopeKind: .provider,
            scopeCode: DemoProviders.municipal.id.uuidString
        ).create(on: app.db)
        let page = "/home-care/staff/\(driver.id!)"
        #expect(try await coordinator.post(page, driverPattern, from: page).status == .seeOther)
        let url = "/home-care/transport/days/\(tripDay(clock).iso)"
        return Centre(coordinator: coordinator, caseID: caseID, driver: driver, url: url)
    }

    static func addVehicle(
        _ c: Centre,
        seats: String,
        wheelchairPlaces: String,
        driver: Bool = true
    ) async throws
        -> TestingHTTPResponse
    {
        try await c.coordinator.post(
            "/home-care/transport/vehicles",
            [
                ("name", "Форд Транзит"), ("plate", "КН 4821 АВ"), ("seats", seats),
                ("wheelchairPlaces", wheelchairPlaces), ("baseSettlement", "41112"),
                ("driverId", driver ? c.driver.id!.uuidString : ""),
            ],
            from: "/home-care/transport/vehicles/new"
        )
    }

    static func trip(
        _ c: Centre,
        day: String? = nil,
        arriveBy: String = "09:00",
        returnAt: String = "",
        wheelchair: Bool = false,
        companions: String = "0",
        from: String = "ул. „Славянска“ 3"
    ) -> [(String, String)] {
        [
            ("caseId", c.caseID.uuidString), ("day", day ?? ""), ("fromSettlement", "41112"),
            ("fromAddress", from), ("toSettlement", "41112"), ("toAddress", "МБАЛ Кюстендил"),
            ("arriveBy", arriveBy), ("returnAt", returnAt), ("companions", companions),
        ] + (wheelchair ? [("wheelchair", "on")] : [])
    }

    @Test(
        "A wheelchair beyond the fleet's places, a past day or arrival, and huge numbers are refused beside their fields"
    )
    func refusals() async throws {
        try await withOpora { app, clock async throws in
            let c = try await Self.centre(app, clock)
            #expect(try await Self.addVehicle(c, seats: "4", wheelchairPlaces: "0").status == .seeOther)

            let wheelchair = try await c.coordinator.post(
                c.url + "/trips",
                Self.trip(c, wheelchair: true, from: "ул. „Осогово“ 17"),
                from: c.url
            )
            #expect(wheelchair.status == .unprocessableEntity)
            let body = wheelchair.body.string
            #expect(
                body.contains(
                    #"<p class="field-error" id="wheelchair-error">Нужни са 1 места за инвалидна количка, а превозните средства на центъра имат най-много 0.</p>"#
                )
            )
            #expect(body.contains("ул. „Осогово“ 17"), "what was typed is kept")
            #expect(try await TripRequest.query(on: app.db).count() == 0)

            let yesterday = CalendarDay.today(at: clock.now).adding(days: -1).iso
            let past = try await c.coordinator.post(c.url + "/trips", Self.trip(c, day: yesterday), from: c.url)
            #expect(past.status == .unprocessableEntity)
            #expect(past.body.string.contains("Денят вече е минал"))
            let today = CalendarDay.today(at: clock.now).iso
            let early = TimeWindow.clock(max(6 * 60, SofiaTime.minuteOfDay(clock.now) - 60))
            let gone = try await c.coordinator.post(
                c.url + "/trips",
                Self.trip(c, day: today, arriveBy: early),
                from: c.url
            )
            #expect(gone.status == .unprocessableEntity)
            #expect(gone.body.string.contains("Часът на пристигане вече е минал."))

            let huge = try await c.coordinator.post(
                c.url + "/trips",
                Self.trip(c, companions: "99999999999999999999999"),
                from: c.url
            )
            #expect(huge.status == .unprocessableEntity)
            #expect(huge.body.string.contains("Въведете брой придружители от 0 до 3."))
            let seats = try await Self.addVehicle(c, seats: "99999999999999999999", wheelchairPlaces: "-1")
            #expect(seats.status == .unprocessableEntity)
            #expect(seats.body.string.contains("Въведете цяло число места от 1 до 30."))
            #expect(seats.body.string.contains("Въведете цяло число места за колички от 0 до 6."))
            #expect(try await TransportVehicle.query(on: app.db).count() == 1)

            let api = try await APIClient.signIn(app, "coordinator")
            let refused = try await api.call(
                .POST,
                "/home-care/transport/days/\(Self.tripDay(clock).iso)/trips",
                json:
                    #"{"caseId":"\#(c.caseID)","fromSettlement":"41112","fromAddress":"ул. Рила 1","toSettlement":"41112","toAddress":"МБАЛ","arriveBy":"09:00","wheelchair":true,"companions":9223372036854775807}"#
            )
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.headers.contentType?.description.contains("problem+json") == true)
            #expect(refused.body.string.contains(#""field":"companions""#))
            #expect(refused.body.string.contains(#""field":"wheelchair""#))
            #expect(refused.body.string.contains("места за инвалидна количка"))
            #expect(try await TripRequest.query(on: app.db).count() == 0)
        }
    }

    @Test("The planned day respects seats, wheelchair places and arrive-by; the driver sees only their own manifest")
    func planningAndManifest() async throws {
        try await withOpora { app, clock async throws in
            let c = try await Self.centre(app, clock)
            #expect(try await Self.addVehicle(c, seats: "1", wheelchairPlaces: "1").status == .seeOther)
            let day = Self.tripDay(clock).iso
            for (arrive, wheelchair) in [("09:00", true), ("09:00", false), ("11:00", false)] {
                let added = try await c.coordinator.post(
                    c.url + "/trips",
                    Self.trip(
                        c,
                        day: day,
                        arriveBy: arrive,
                        returnAt: arrive == "11:00" ? "12:30" : "",
                        wheelchair: wheelchair
                    ),
                    from: c.url
                )
                #expect(added.status == .seeOther, "\(added.body.string)")
            }
            #expect(try await c.coordinator.post(c.url + "/plan", [], from: c.url).status == .seeOther)
            let record = try #require(try await TripDayPlan.query(on: app.db).first())
            let stored = try JSONDecoder().decode(TransportStore.StoredPlan.self, from: Data(record.plan.utf8))
            let trips = try await TripRequest.query(on: app.db).all()
            let byID = Dictionary(uniqueKeysWithValues: trips.map { ($0.id!.uuidString, $0) })
            for stop in stored.plan.routes.flatMap(\.stops) {
                #expect(stop.seatsTaken <= 1 && stop.wheelchairPlacesTaken <= 1)
                let trip = try #require(byID[stop.trip])
                if stop.kind == .dropOff, !stop.back { #expect(stop.end <= trip.arriveBy) }
                if stop.kind == .pickUp, stop.back { #expect(stop.start >= trip.returnAt!) }
            }
            // One seat and one wheelchair place: both 09:00 trips ride together, the wheelchair in its place.
            #expect(stored.plan.unassigned.isEmpty)
            #expect(stored.plan.routes.flatMap(\.stops).count == 8)
            let page = try await c.coordinator.get(c.url)
            #expect(page.body.string.contains("рампа"))

            let driver = Browser(app)
            _ = try await driver.signIn("driver1")
            let manifest = try await driver.get("/home-care/transport/manifest?day=\(day)")
            #expect(manifest.status == .ok)
            // The menu offers the manifest to drivers, not to every care worker.
            #expect(manifest.body.string.contains(#"href="/home-care/transport/manifest""#))
            let careworker = Browser(app)
            _ = try await careworker.signIn("careworker")
            #expect(
                !(try await careworker.get("/home-care/my-day")).body.string.contains(
                    #"href="/home-care/transport/manifest""#
                )
            )
            let text = manifest.body.string
            #expect(text.contains("Йорданка Петрова Стоянова"))
            #expect(text.contains("рампа"))
            #expect(text.components(separatedBy: #"name="clientId""#).count - 1 == 8)

            let other = Browser(app)
            _ = try await other.signIn("careworker")
            let empty = try await other.get("/home-care/transport/manifest?day=\(day)")
            #expect(empty.status == .ok)
            #expect(!empty.body.string.contains("Петрова Стоянова"))
            #expect(empty.body.string.contains("Няма планирани курсове за вас"))
            #expect(try await other.get("/home-care/transport/days/\(day)").status != .ok)
        }
    }

    @Test("A check-in sent twice records once; another phone at the same stop is told; another driver's stop is 404")
    func checkIns() async throws {
        try await withOpora { app, clock async throws in
            let c = try await Self.centre(app, clock)
            #expect(try await Self.addVehicle(c, seats: "4", wheelchairPlaces: "1").status == .seeOther)
            let day = Self.tripDay(clock).iso
            #expect(
                try await c.coordinator.post(c.url + "/trips", Self.trip(c, day: day), from: c.url).status == .seeOther
            )
            #expect(try await c.coordinator.post(c.url + "/plan", [], from: c.url).status == .seeOther)
            let plan = try #require(try await TripDayPlan.query(on: app.db).first())
            let trip = try #require(try await TripRequest.query(on: app.db).first())
            let fields = [
                ("planId", plan.id!.uuidString), ("tripId", trip.id!.uuidString), ("back", "false"),
                ("kind", "pickUp"), ("clientId", "phone-1-stop-1"),
            ]
            // The morning of the trip.
            clock.advance(minutes: 7 * 24 * 60)
            let driver = Browser(app)
            _ = try await driver.signIn("driver1")
            let manifest = "/home-care/transport/manifest?day=\(day)"
            let action = "/home-care/transport/manifest/check-ins?day=\(day)"
            #expect(try await driver.post(action, fields, from: manifest).status == .seeOther)
            #expect(try await driver.post(action, fields, from: manifest).status == .seeOther)
            #expect(try await TripCheckIn.query(on: app.db).count() == 1)
            let shown = try await driver.get(manifest)
            #expect(shown.body.string.contains("Спирката вече е отбелязана"))
            #expect(shown.body.string.contains("Отбелязана в"))

            let api = try await APIClient.signIn(app, "driver1")
            let second = try await api.call(
                .POST,
                "/home-care/transport/check-ins",
                json:
                    #"{"planId":"\#(plan.id!)","tripId":"\#(trip.id!)","back":false,"kind":"pickUp","clientId":"phone-2"}"#
            )
            #expect(second.status == .ok)
            #expect(second.body.string.contains(#""recorded":false"#))
            // The phone's outbox, under the session: the form's own fields as JSON, sent after the
            // network came back, keep the time the stop was made; a time ahead of the clock is refused.
            _ = try await driver.get(manifest)
            let token = try #require(driver.csrfToken())
            func outbox(_ client: String, at: Date) -> String {
                #"{"_csrf":"\#(token)","planId":"\#(plan.id!)","tripId":"\#(trip.id!)","back":"false","kind":"dropOff","clientId":"\#(client)","at":"\#(ISO8601DateFormatter().string(from: at))"}"#
            }
            let ahead = try await driver.send(
                .POST,
                "/home-care/transport/check-ins",
                body: outbox("outbox-drop-0", at: clock.now.addingTimeInterval(3600)),
                contentType: "application/json",
                accept: "application/json"
            )
            #expect(ahead.status == .unprocessableEntity)
            #expect(ahead.headers.contentType?.subType == "problem+json")
            let made = clock.now.addingTimeInterval(-20 * 60)
            let sent = try await driver.send(
                .POST,
                "/home-care/transport/check-ins",
                body: outbox("outbox-drop-1", at: made),
                contentType: "application/json",
                accept: "application/json"
            )
            #expect(sent.status == .created, "\(sent.body.string)")
            let dropped = try #require(
                try await TripCheckIn.query(on: app.db).filter(\.$clientID == "outbox-drop-1").first()
            )
            #expect(abs(dropped.at.timeIntervalSince(made)) < 1)
            let drop = try await api.call(
                .POST,
                "/home-care/transport/check-ins",
                json:
                    #"{"planId":"\#(plan.id!)","tripId":"\#(trip.id!)","back":false,"kind":"dropOff","clientId":"phone-2-drop"}"#
            )
            #expect(drop.status == .ok, "the stop was checked in from the outbox")
            #expect(try await TripCheckIn.query(on: app.db).count() == 2)

            let stranger = try await APIClient.signIn(app, "careworker")
            let notMine = try await stranger.call(
                .POST,
                "/home-care/transport/check-ins",
                json: #"{"planId":"\#(plan.id!)","tripId":"\#(trip.id!)","back":true,"kind":"pickUp","clientId":"x"}"#
            )
            #expect(notMine.status == .notFound)
            #expect(try await TripCheckIn.query(on: app.db).count() == 2)
        }
    }

    @Test(
        "Planning the day again keeps its check-ins; a late outbox for a stop no longer on the driver's route, or on another day, is refused"
    )
    func checkInsOutlastAPlanAgain() async throws {
        try await withOpora { app, clock async throws in
            let c = try await Self.centre(app, clock)
            #expect(try await Self.addVehicle(c, seats: "4", wheelchairPlaces: "1").status == .seeOther)
            let day = Self.tripDay(clock).iso
            let asked = Self.trip(c, day: day, returnAt: "12:00")
            #expect(try await c.coordinator.post(c.url + "/trips", asked, from: c.url).status == .seeOther)
            #expect(try await c.coordinator.post(c.url + "/plan", [], from: c.url).status == .seeOther)
            let first = try #require(try await TripDayPlan.query(on: app.db).first())
            let trip = try #require(try await TripRequest.query(on: app.db).first())
            func stop(_ plan: TripDayPlan, back: Bool, kind: String, client: String) -> String {
                #"{"planId":"\#(plan.id!)","tripId":"\#(trip.id!)","back":\#(back),"kind":"\#(kind)","clientId":"\#(client)"}"#
            }
            let early = try await APIClient.signIn(app, "driver1")
            let aWeekBefore = try await early.call(
                .POST,
                "/home-care/transport/check-ins",
                json: stop(first, back: false, kind: "pickUp", client: "too-early")
            )
            #expect(aWeekBefore.status == .unprocessableEntity)
            #expect(aWeekBefore.body.string.contains("Спирката е от друг ден"))

            clock.advance(minutes: 7 * 24 * 60)
            let api = try await APIClient.signIn(app, "driver1")
            let picked = try await api.call(
                .POST,
                "/home-care/transport/check-ins",
                json: stop(first, back: false, kind: "pickUp", client: "pick")
            )
            #expect(picked.status == .created)
            let coordinator = Browser(app)
            _ = try await coordinator.signIn("coordinator")
            #expect(try await coordinator.post(c.url + "/plan", [], from: c.url).status == .seeOther)
            let second = try #require(try await TripDayPlan.query(on: app.db).filter(\.$number == 2).first())
            let manifest = try await api.call(.GET, "/home-care/transport/manifest?day=\(day)")
            #expect(manifest.status == .ok)
            #expect(manifest.body.string.contains(second.id!.uuidString))
            #expect(
                manifest.body.string.contains(#""checkedInAt":"#),
                "the pick-up made under the first plan still shows"
            )
            let again = try await api.call(
                .POST,
                "/home-care/transport/check-ins",
                json: stop(second, back: false, kind: "pickUp", client: "pick-again")
            )
            #expect(again.status == .ok)
            #expect(again.body.string.contains(#""recorded":false"#))
            #expect(try await TripCheckIn.query(on: app.db).count() == 1)

            // The coordinator takes the driver off the vehicle and plans again: the phone's outbox
            // still holds the back trip under the first plan.
            let coordinatorAPI = try await APIClient.signIn(app, "coordinator")
            let vehicle = try #require(try await TransportVehicle.query(on: app.db).first())
            let noDriver = try await coordinatorAPI.call(
                .PUT,
                "/home-care/transport/vehicles/\(vehicle.id!)",
                json:
                    #"{"version":\#(vehicle.version),"name":"Форд Транзит","plate":"КН 4821 АВ","seats":4,"wheelchairPlaces":1,"baseSettlement":"41112"}"#
            )
            #expect(noDriver.status == .ok)
            #expect(try await coordinator.post(c.url + "/plan", [], from: c.url).status == .seeOther)
            let late = try await api.call(
                .POST,
                "/home-care/transport/check-ins",
                json: stop(first, back: true, kind: "pickUp", client: "late-back")
            )
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.string.contains("tripId"))
            #expect(late.body.string.contains("денят е планиран отново"))
            #expect(try await TripCheckIn.query(on: app.db).count() == 1)
        }
    }

    @Test("Another provider's trip, case, vehicle or driver answers 404; a stale vehicle edit answers 409")
    func scopeAndConflicts() async throws {
        try await withOpora { app, clock async throws in
            let c = try await Self.centre(app, clock)
            #expect(try await Self.addVehicle(c, seats: "4", wheelchairPlaces: "1").status == .seeOther)
            let vehicle = try #require(try await TransportVehicle.query(on: app.db).first())
            let day = Self.tripDay(clock).iso
            let outside = try await RouteWalkTests.outside(app)
            let api = try await APIClient.signIn(app, "coordinator")
            let foreignCase = try await api.call(
                .POST,
                "/home-care/transport/days/\(day)/trips",
                json:
                    #"{"caseId":"\#(outside.supportCase)","fromSettlement":"41112","fromAddress":"ул. Рила 1","toSettlement":"41112","toAddress":"МБАЛ","arriveBy":"09:00"}"#
            )
            #expect(foreignCase.status == .notFound)
            let foreignCentre = try await api.call(
                .GET,
                "/home-care/transport/days/\(day)?provider=\(outside.provider)"
            )
            #expect(foreignCentre.status == .notFound)
            let notADriver = try await api.call(
                .PUT,
                "/home-care/transport/vehicles/\(vehicle.id!)",
                json:
                    #"{"version":1,"name":"Ван","plate":"КН 1","seats":4,"wheelchairPlaces":1,"baseSettlement":"41112","driverId":"\#(outside.user)"}"#
            )
            #expect(notADriver.status == .notFound)

            // A trip and a vehicle of the Sofia provider, which no Кюстендил role may reach.
            let sofiaVehicle = TransportVehicle()
            sofiaVehicle.version = 1
            sofiaVehicle.providerID = outside.provider
            sofiaVehicle.municipalityCode = "SOF46"
            sofiaVehicle.oblastCode = "SOF"
            sofiaVehicle.name = "Чужд ван"
            sofiaVehicle.plate = "С 1"
            sofiaVehicle.seats = 4
            sofiaVehicle.wheelchairPlaces = 1
            sofiaVehicle.baseSettlement = "68134"
            sofiaVehicle.createdAt = clock.now
            try await sofiaVehicle.create(on: app.db)
            #expect(
                try await c.coordinator.get("/home-care/transport/vehicles/\(sofiaVehicle.id!)").status == .notFound
            )
            let foreignEdit = try await api.call(
                .PUT,
                "/home-care/transport/vehicles/\(sofiaVehicle.id!)",
                json:
                    #"{"version":1,"name":"Ван","plate":"КН 1","seats":4,"wheelchairPlaces":1,"baseSettlement":"41112"}"#
            )
            #expect(foreignEdit.status == .notFound)
            #expect(
                try await api.call(.POST, "/home-care/transport/trips/\(UUID())/cancel", json: #"{"version":1}"#).status
                    == .notFound
            )

            let saved = try await api.call(
                .PUT,
                "/home-care/transport/vehicles/\(vehicle.id!)",
                json:
                    #"{"version":1,"name":"Ван","plate":"КН 1","seats":5,"wheelchairPlaces":1,"baseSettlement":"41112","driverId":"\#(c.driver.id!)"}"#
            )
            #expect(saved.status == .ok)
            let stale = try await api.call(
                .PUT,
                "/home-care/transport/vehicles/\(vehicle.id!)",
                json:
                    #"{"version":1,"name":"Ван 2","plate":"КН 1","seats":6,"wheelchairPlaces":1,"baseSettlement":"41112"}"#
            )
            #expect(stale.status == .conflict)
            #expect(try await TransportVehicle.query(on: app.db).filter(\.$id == vehicle.id!).first()?.seats == 5)
        }
    }

    @Test("The demo's coming Monday plans with both drivers, and the van's driver finds the ramp on the manifest")
    func demoDay() async throws {
        try await withOpora(seed: false) { app, clock async throws in
            #expect(try await DemoSeed.seed(app) == true)
            let vehicles = try await TransportVehicle.query(on: app.db).all()
            #expect(vehicles.count == 2)
            #expect(vehicles.allSatisfy { $0.driverID != nil })
            #expect(vehicles.contains { $0.wheelchairPlaces > 0 })
            #expect(try await TripRequest.query(on: app.db).count() == 12)
            let today = CalendarDay.today(at: clock.now)
            let monday = today.adding(days: (7 - Weekday.allCases.firstIndex(of: today.weekday)!) % 7)
            let api = try await APIClient.signIn(app, "coordinator")
            let planned = try await api.call(.POST, "/home-care/transport/days/\(monday.iso)/plan")
            #expect(planned.status == .created)
            #expect(planned.body.string.contains(#""unassigned":[]"#), "\(planned.body.string)")
            #expect(planned.body.string.contains(#""kind":"dropOff""#))
            let van = try #require(vehicles.first { $0.wheelchairPlaces > 0 })
            let driver = try #require(try await User.query(on: app.db).filter(\.$id == van.driverID!).first())
            let manifest = try await APIClient.signIn(app, driver.username).call(
                .GET,
                "/home-care/transport/manifest?day=\(monday.iso)"
            )
            #expect(manifest.status == .ok)
            #expect(manifest.body.string.contains(#""ramp":true"#))
        }
    }

    @Test("A person's trip addresses are in their subject-access export and erasure clears them")
    func personalData() async throws {
        try await withOpora { app, clock async throws in
            let c = try await Self.centre(app, clock)
            #expect(try await Self.addVehicle(c, seats: "4", wheelchairPlaces: "1").status == .seeOther)
            let day = Self.tripDay(clock).iso
            #expect(
                try await c.coordinator.post(c.url + "/trips", Self.trip(c, day: day), from: c.url).status == .seeOther
            )
            let trip = try #require(try await TripRequest.query(on: app.db).first())
            let caseworker = try await APIClient.signIn(app, "caseworker")
            let export = try await caseworker.call(.GET, "/people/\(trip.personID)/export").json(
                SubjectAccessRecord.self
            )
            let addresses = try #require(export.personalData.first { $0.field == "address" }).values
            #expect(addresses.contains { $0.contains("ул. „Славянска“ 3 → МБАЛ Кюстендил") })

            let held = try await TransportPersonalData().load(person: trip.personID, on: app.db)
            try held.erase(.address, as: PersonalDataField.address.onErasure, key: app.dataKey)
            try await held.save(on: app.db)
            let erased = try #require(try await TripRequest.query(on: app.db).first())
            #expect(try app.dataKey.open(erased.fromAddressSealed) == "")
            #expect(try app.dataKey.open(erased.toAddressSealed) == "")
        }
    }
}
