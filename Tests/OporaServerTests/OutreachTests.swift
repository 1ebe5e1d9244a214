import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Outreach: the territory of the work and the door-to-door log")
struct OutreachTests {
    static func entrance(_ app: Application, block: String, label: String) async throws -> OutreachEntrance {
        let found = try #require(
            try await OutreachBlock.query(on: app.db).filter(\.$number == block).first()
        )
        return try #require(
            try await OutreachEntrance.query(on: app.db).filter(\.$blockID == found.id!).filter(\.$label == label)
                .first()
        )
    }

    static func contactBody(
        entrance: UUID,
        flat: String = "4",
        day: CalendarDay,
        minutes: String = "30",
        met: String = "жена около 40, три деца",
        client: String = UUID().uuidString
    ) -> String {
        #"{"clientId":"\#(client)","entrance":"\#(entrance)","flat":"\#(flat)","day":"\#(day.iso)","minutes":"\#(minutes)","purpose":"trust","outcome":"met","met":"\#(met)","wants":"„Да имаме топла вода.“"}"#
    }

    @Test("The neighbourhood lists its blocks and entrances with the assigned workers, and draws them")
    func neighbourhoodShowsEntrancesAndWorkers() async throws {
        try await withOpora { app, _ async throws in
            let coordinator = Browser(app)
            _ = try await coordinator.signIn("outreach-coordinator")
            let page = try await coordinator.get("/outreach/neighbourhoods/\(DemoOutreach.neighbourhoodID)")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("кв. „Факултета“"))
            #expect(html.contains("<svg"))
            #expect(html.contains("бл. 5"))
            #expect(html.contains("Снежана Асенова"))
            // The coordinator assigns; a worker does not see the assignment forms.
            #expect(html.contains("/workers"))
            let api = try await APIClient.signIn(app, "outreach-coordinator")
            let map = try await api.call(.GET, "/outreach/neighbourhoods/\(DemoOutreach.neighbourhoodID)")
                .json(OutreachAPI.MapDTO.self)
            #expect(map.blocks.map(\.number) == ["5", "6", "7", "8"])
            let first = try #require(map.blocks.first?.entrances.first)
            #expect(first.firstFlat == 1)
            #expect(first.lastFlat == 24)
            #expect(map.blocks.first?.entrances[1].firstFlat == 25)
            #expect(first.workers == ["outreach"])
            #expect(first.lastVisit != nil)
        }
    }

    @Test("A worker sees only the neighbourhoods where they are assigned; another municipality's director sees none")
    func workerReachIsTheirNeighbourhood() async throws {
        try await withOpora { app, _ async throws in
            let outreach = try await APIClient.signIn(app, "outreach")
            let mine = try await outreach.call(.GET, "/outreach/neighbourhoods").json(
                [OutreachAPI.NeighbourhoodDTO].self
            )
            #expect(mine.map(\.id) == [DemoOutreach.neighbourhoodID])
            // Released from every entrance, the worker no longer reaches the neighbourhood.
            let user = try #require(try await User.query(on: app.db).filter(\.$username == "outreach").first())
            try await EntranceAssignment.query(on: app.db).filter(\.$userID == user.id!).delete()
            #expect(
                try await outreach.call(.GET, "/outreach/neighbourhoods").json([OutreachAPI.NeighbourhoodDTO].self)
                    .isEmpty
            )
            #expect(
                try await outreach.call(.GET, "/outreach/neighbourhoods/\(DemoOutreach.neighbourhoodID)").status
                    == .notFound
            )
            let sofia = try await APIClient.signIn(app, "sofia-director")
            #expect(
                try await sofia.call(.GET, "/outreach/neighbourhoods").json([OutreachAPI.NeighbourhoodDTO].self).count
                    == 1
            )
            let kyustendil = try await APIClient.signIn(app, "director")
            #expect(
                try await kyustendil.call(.GET, "/outreach/neighbourhoods").json([OutreachAPI.NeighbourhoodDTO].self)
                    .isEmpty
            )
            #expect(
                try await kyustendil.call(.GET, "/outreach/neighbourhoods/\(DemoOutreach.neighbourhoodID)").status
                    == .notFound
            )
        }
    }

    @Test("A contact is recorded once per phone entry, sealed, audited, and shows as the entrance's last visit")
    func contactIsRecordedOnce() async throws {
        try await withOpora { app, clock async throws in
            let entrance = try await Self.entrance(app, block: "8", label: "А")
            let today = CalendarDay.today(at: clock.now)
            let outreach = try await APIClient.signIn(app, "outreach4")
            let client = UUID().uuidString
            let body = Self.contactBody(entrance: entrance.id!, day: today, client: client)
            let first = try await outreach.call(.POST, "/outreach/contacts", json: body)
            #expect(first.status == .created, "\(first.body.string)")
            let again = try await outreach.call(.POST, "/outreach/contacts", json: body)
            #expect(again.status == .ok)
            #expect(try again.json(ContactResultDTO.self).replayed)
            let stored = try await OutreachContact.query(on: app.db).filter(\.$clientID == client).all()
            #expect(stored.count == 1)
            #expect(stored.first?.floor == 2)
            #expect(stored.first?.metSealed.contains("жена") == false)
            let audited = try await AuditEvent.query(on: app.db).filter(\.$action == "outreach.contact.recorded")
                .count()
            #expect(audited == 1)
            let map = try await outreach.call(.GET, "/outreach/neighbourhoods/\(DemoOutreach.neighbourhoodID)")
                .json(OutreachAPI.MapDTO.self)
            let row = try #require(map.blocks.last?.entrances.first)
            #expect(row.lastVisit == today.iso)
            #expect(row.families["contacted", default: 0] + row.families["engaged", default: 0] >= 1)
        }
    }

    @Test(
        "A flat that does not exist, an ЕГН before consent and a length out of range are refused by field, nothing written"
    )
    func badContactsAreRefusedByField() async throws {
        try await withOpora { app, clock async throws in
            let entrance = try await Self.entrance(app, block: "8", label: "А")
            let today = CalendarDay.today(at: clock.now)
            let outreach = try await APIClient.signIn(app, "outreach4")
            let before = try await OutreachContact.query(on: app.db).count()
            let refused = try await outreach.call(
                .POST,
                "/outreach/contacts",
                json: Self.contactBody(
                    entrance: entrance.id!,
                    flat: "19",
                    day: today,
                    minutes: "99999999999999999999",
                    met: "Иванка, ЕГН 8406121234"
                )
            )
            #expect(refused.status == .unprocessableEntity)
            let problem = try refused.json(ProblemDetails.self)
            #expect(Set(problem.errors?.map(\.field) ?? []) == ["flat", "minutes", "met"])
            #expect(problem.errors?.first { $0.field == "flat" }?.message.contains("от 1 до 18") == true)
            // An entrance of the neighbourhood the worker is not assigned to is not theirs to log.
            let elsewhere = try await Self.entrance(app, block: "5", label: "А")
            let outside = try await outreach.call(
                .POST,
                "/outreach/contacts",
                json: Self.contactBody(entrance: elsewhere.id!, day: today)
            )
            #expect(outside.status == .unprocessableEntity)
            #expect(try outside.json(ProblemDetails.self).errors?.map(\.field) == ["entrance"])
            #expect(try await OutreachContact.query(on: app.db).count() == before)
        }
    }

    @Test("The phone page posts through the outbox's address under the session, and the time counts every contact")
    func doorPageAndTimesheet() async throws {
        try await withOpora { app, clock async throws in
            let entrance = try await Self.entrance(app, block: "8", label: "А")
            let today = CalendarDay.today(at: clock.now)
            let worker = Browser(app)
            _ = try await worker.signIn("outreach4")
            let page = try await worker.get("/outreach/door")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("data-events=\"/outreach/contacts/events\""))
            #expect(page.body.string.contains("бл. 8"))
            let sheetBefore = try await APIClient.signIn(app, "outreach4").call(.GET, "/outreach/timesheet")
                .json(OutreachAPI.TimesheetDTO.self)
            let saved = try await worker.post(
                "/outreach/door",
                [
                    ("clientId", UUID().uuidString), ("entrance", entrance.id!.uuidString), ("flat", "7"),
                    ("day", today.iso), ("minutes", "45"), ("purpose", "trust"), ("outcome", "met"),
                    ("met", "възрастен мъж"), ("talked", "Кафе"), ("wants", ""), ("promised", ""),
                ],
                from: "/outreach/door"
            )
            #expect(saved.status == .seeOther)
            let refused = try await worker.post(
                "/outreach/door",
                [
                    ("clientId", UUID().uuidString), ("entrance", entrance.id!.uuidString), ("flat", "700"),
                    ("day", today.iso), ("minutes", "45"), ("purpose", "trust"), ("outcome", "met"), ("met", "мъж"),
                ],
                from: "/outreach/door"
            )
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("error-summary"))
            #expect(refused.body.string.contains("value=\"700\""))
            let sheet = try await APIClient.signIn(app, "outreach4").call(.GET, "/outreach/timesheet")
                .json(OutreachAPI.TimesheetDTO.self)
            #expect(sheet.totalMinutes == sheetBefore.totalMinutes + 45)
            #expect(sheet.trustMinutes == sheetBefore.trustMinutes + 45)
            let time = try await worker.get("/outreach/my-time")
            #expect(time.status == .ok)
            #expect(try await worker.get("/outreach/my-time?month=1999-01").status == .unprocessableEntity)
            #expect(try await worker.get("/outreach/my-time?month=").status == .unprocessableEntity)
        }
    }

    @Test("The coordinator assigns a worker of the team to an entrance; someone outside the team is refused")
    func coordinatorAssignsWorkers() async throws {
        try await withOpora { app, _ async throws in
            let entrance = try await Self.entrance(app, block: "8", label: "Б")
            let worker = try #require(try await User.query(on: app.db).filter(\.$username == "outreach2").first())
            let stranger = try #require(try await User.query(on: app.db).filter(\.$username == "caseworker").first())
            let coordinator = Browser(app)
            _ = try await coordinator.signIn("outreach-coordinator")
            let page = "/outreach/neighbourhoods/\(DemoOutreach.neighbourhoodID)"
            let refused = try await coordinator.post(
                "/outreach/entrances/\(entrance.id!)/workers",
                [("worker", stranger.id!.uuidString), ("assigned", "yes")],
                from: page
            )
            #expect(refused.status == .unprocessableEntity)
            let saved = try await coordinator.post(
                "/outreach/entrances/\(entrance.id!)/workers",
                [("worker", worker.id!.uuidString), ("assigned", "yes")],
                from: page
            )
            #expect(saved.status == .seeOther)
            let rows = try await EntranceAssignment.query(on: app.db).filter(\.$entranceID == entrance.id!).all()
            #expect(rows.map(\.userID) == [worker.id!])
            let outreach = Browser(app)
            _ = try await outreach.signIn("outreach")
            let denied = try await outreach.post(
                "/outreach/entrances/\(entrance.id!)/workers",
                [("worker", worker.id!.uuidString), ("assigned", "no")],
                from: "/outreach/door"
            )
            #expect(denied.status == .forbidden)
        }
    }
}
