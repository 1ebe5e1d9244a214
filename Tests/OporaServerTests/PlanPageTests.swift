import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Support-plan page")
struct PlanPageTests {
    @Test("A person chooses two services on the page; a bad time in the second is shown beside it and nothing is saved")
    func severalServices() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let form = "/cases/\(s.supportCase.id)/plan"
            let services = try await ProvidedService.query(on: app.db).filter(
                \.$provider.$id == DemoProviders.municipal.id
            ).sort(\.$name).all()
            try #require(services.count >= 2)
            let assistant = try #require(try await User.query(on: app.db).filter(\.$username == "careworker").first())
            let first = services[0]
            let second = services[1]
            var fields: [(String, String)] = [
                // As a browser sends a textarea: CR LF between the lines.
                ("basedOn", "0"), ("goals", "Да пазарува сама\r\nДа излиза всяка седмица"),
                ("services[0][service]", first.id!.uuidString), ("services[0][visits]", "5"),
                ("services[0][period]", "week"),
                ("services[0][minutes]", "120"), ("services[0][days][]", "monday"), ("services[0][days][]", "thursday"),
                ("services[0][from]", "08:00"), ("services[0][until]", "12:00"),
                ("services[0][worker]", assistant.id!.uuidString),
                ("services[1][service]", second.id!.uuidString), ("services[1][visits]", "2"),
                ("services[1][period]", "month"),
                ("services[1][minutes]", "60"), ("services[1][from]", "15:00"), ("services[1][until]", "14:00"),
                ("start", "2026-12-01"), ("review", "2027-06-01"), ("agreedBy", "Йорданка Стоянова"),
            ]
            let added = try await browser.post(form, fields + [("addService", "1")], from: form)
            #expect(added.status == .ok)
            #expect(added.body.string.contains(#"name="services[2][service]""#))
            #expect(added.body.string.contains(#"value="15:00""#))

            let refused = try await browser.post(form, fields, from: form)
            #expect(refused.status == .unprocessableEntity)
            let page = refused.body.string
            #expect(
                page.contains(
                    #"<p class="field-error" id="time-1-error">Въведете час „от“ и „до“, като „до“ е по-късно.</p>"#
                )
            )
            #expect(!page.contains(#"id="time-0-error""#))
            #expect(page.contains("Да излиза всяка седмица"))
            #expect(page.contains(#"id="day-0-thursday" name="services[0][days][]" value="thursday" checked"#))
            #expect(try await SupportPlanVersion.query(on: app.db).count() == 0)

            fields.removeAll { $0.0 == "services[1][until]" }
            fields.append(("services[1][until]", "17:00"))
            #expect(try await browser.post(form, fields, from: form).status == .seeOther)
            let saved = try #require(try await SupportPlanVersion.query(on: app.db).first()).plan(key: app.dataKey)
            #expect(saved.goals == ["Да пазарува сама", "Да излиза всяка седмица"])
            #expect(saved.services.map(\.serviceID) == [first.id!, second.id!])
            #expect(saved.services[0].preferredDays == [.monday, .thursday])
            #expect(saved.services[0].chosenWorkerID == assistant.id)
            #expect(saved.services[1].frequency.period == .month)
            #expect(saved.services[1].preferredTime == TimeWindow(startMinute: 15 * 60, endMinute: 17 * 60))

            let file = try await browser.get("/cases/\(s.supportCase.id)").body.string
            #expect(
                file.contains(
                    "\(first.name) (\(try await first.$provider.get(on: app.db).name)): 5 × 120 мин. седмично · понеделник, четвъртък · 08:00–12:00"
                )
            )
            let reopened = try await browser.get(form).body.string
            #expect(reopened.contains(#"<option value="\#(second.id!.uuidString)" selected>"#))
            #expect(reopened.contains(#"name="basedOn" value="1""#))
            let dropped = fields.map { $0.0 == "services[0][service]" ? ($0.0, "") : $0 }.map {
                $0.0 == "basedOn" ? ($0.0, "1") : $0
            }
            #expect(try await browser.post(form, dropped, from: form).status == .seeOther)
            let latest = try #require(try await SupportPlanVersion.query(on: app.db).filter(\.$number == 2).first())
                .plan(key: app.dataKey)
            #expect(latest.services.map(\.serviceID) == [second.id!])
        }
    }

    @Test("A goal of 20,000 characters is refused beside the goals, with the rest as typed, and nothing is saved")
    func goalTooLong() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let form = "/cases/\(s.supportCase.id)/plan"
            let service = try #require(
                try await ProvidedService.query(on: app.db).filter(\.$provider.$id == DemoProviders.municipal.id)
                    .first()
            )
            let refused = try await browser.post(
                form,
                [
                    ("basedOn", "0"), ("goals", "Да пазарува сама\r\n" + String(repeating: "Я", count: 20_000)),
                    ("services[0][service]", service.id!.uuidString), ("services[0][visits]", "2"),
                    ("services[0][period]", "week"), ("services[0][minutes]", "60"),
                    ("start", "2026-12-01"), ("review", "2027-06-01"), ("agreedBy", "Йорданка Стоянова"),
                ],
                from: form
            )
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(#"<p class="field-error" id="goals-error">Всяка цел е до 500 знака"#))
            #expect(refused.body.string.contains("Да пазарува сама"))
            #expect(try await SupportPlanVersion.query(on: app.db).count() == 0)
        }
    }

    @Test("A plan without any service is refused with the message beside the first service")
    func noService() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let form = "/cases/\(s.supportCase.id)/plan"
            let refused = try await browser.post(
                form,
                [
                    ("basedOn", "0"), ("goals", "Цел"), ("services[0][service]", ""), ("start", "2026-12-01"),
                    ("review", "2027-06-01"), ("agreedBy", ""),
                ],
                from: form
            )
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.string.contains(
                    #"<p class="field-error" id="service-0-error">Планът трябва да включва поне една услуга, избрана от човека.</p>"#
                )
            )
            #expect(refused.body.string.contains(#"<p class="field-error" id="agreedBy-error">"#))
        }
    }
}
