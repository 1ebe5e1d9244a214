import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Indicators: the centre's month in charts, tables and CSV")
struct IndicatorsTests {
    @Test("People served, hours by service, visits as planned, missed by reason and continuity come from the visits")
    func figures() async throws {
        try await withOpora { app, clock in
            let f = try await HoursFixture.make(app, clock)
            let api = try await APIClient.signIn(app, "manager")
            let month = try await api.call(.GET, "/home-care/indicators/\(HoursFixture.month)")
                .json(IndicatorsAPI.MonthDTO.self)
            #expect(month.planPublished && month.peopleServed == 1)
            let byID = Dictionary(uniqueKeysWithValues: month.indicators.map { ($0.id, $0) })
            #expect(byID["target-groups"]?.items.map(\.value).reduce(0, +) ?? 0 >= 1)
            #expect(byID["settlements"]?.items.count == 1 && byID["settlements"]?.items.first?.value == 1)
            let services = try #require(byID["services"]?.items)
            #expect(services.map(\.value).reduce(0, +) == 13)
            #expect(byID["as-planned"]?.items.first.map { abs($0.value - 300.0 / 7) < 0.01 } == true)
            let missed = try #require(byID["missed"]?.items)
            #expect(missed.first { $0.label == MissedReason.inHospital.label(in: .bg) }?.value == 1)
            #expect(missed.map(\.value).reduce(0, +) == 1)
            // Two workers delivered to the one person.
            let continuity = try #require(byID["continuity"]?.items)
            #expect(continuity.first { $0.label == "2" }?.value == 1)
            let jobs = try #require(byID["jobs"])
            // No one was hired from the pool in the fixture: none of its jobs is held by a formerly
            // unemployed assistant.
            #expect(jobs.items.map(\.value) == [0])
            _ = f
        }
    }

    @Test("The month's ratings are counted by face with the share of good ones; under five, only the count is told")
    func ratings() async throws {
        try await withOpora { app, clock in
            let f = try await HoursFixture.make(app, clock)
            func rate(_ face: VisitFace, day: String) async throws {
                let rating = VisitRatingRecord()
                rating.visitID = UUID()
                rating.personID = f.person
                rating.providerID = DemoProviders.municipal.id
                rating.municipalityCode = DemoProviders.municipality
                rating.oblastCode = DemoProviders.oblast
                rating.workerID = f.careworker
                rating.face = face.rawValue
                rating.ratedAt = SofiaTime.instant(on: CalendarDay(iso: day)!, minute: 600)
                rating.ratedBy = f.person
                try await rating.create(on: app.db)
            }
            func items() async throws -> [String: Double] {
                let month = try await APIClient.signIn(app, "manager")
                    .call(.GET, "/home-care/indicators/\(HoursFixture.month)").json(IndicatorsAPI.MonthDTO.self)
                let ratings = try #require(month.indicators.first { $0.id == "ratings" })
                return Dictionary(uniqueKeysWithValues: ratings.items.map { ($0.label, $0.value) })
            }
            for face in [VisitFace.good, .good, .good, .poor] { try await rate(face, day: "2026-10-12") }
            // A rating given in November belongs to November's figures.
            try await rate(.poor, day: "2026-11-02")
            #expect(try await items() == ["Оценки (под 5 — не се разбиват по лица)": 4])
            try await rate(.neutral, day: "2026-10-20")
            try await rate(.good, day: "2026-10-31")
            let six = try await items()
            #expect(six["🙂 Добре"] == 4 && six["😐 Горе-долу"] == 1 && six["🙁 Зле"] == 1)
            #expect(six["Дял „Добре“"] == 67, "4 of 6, rounded half up")
        }
    }

    @Test("The page draws a chart beside a table for each indicator, and exports CSV")
    func pageAndCSV() async throws {
        try await withOpora { app, clock in
            _ = try await HoursFixture.make(app, clock)
            let browser = Browser(app)
            _ = try await browser.signIn("manager")
            let page = try await browser.get("/home-care/indicators?month=\(HoursFixture.month)")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.components(separatedBy: "<svg").count - 1 == 8)
            #expect(html.components(separatedBy: "<table").count - 1 == 8)
            #expect(html.contains("в болница"))
            let csv = try await browser.get("/home-care/indicators.csv?month=\(HoursFixture.month)")
            #expect(csv.status == .ok && csv.body.string.hasPrefix("\u{FEFF}"))
            #expect(csv.body.string.contains("Кюстендил"))
            #expect(csv.body.string.contains("Пропуснати посещения по причина;в болница;1"))
            let empty = try await browser.get("/home-care/indicators?month=2026-06")
            #expect(empty.status == .ok && empty.body.string.contains("няма публикуван седмичен график"))
            #expect(try await browser.get("/home-care/indicators?month=2026-99").status == .badRequest)
        }
    }
}
