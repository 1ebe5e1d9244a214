import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Case pages")
struct CasePagesTests {
    @Test(
        "A case worker registers a person, opens an intake, assesses, agrees a plan and sees it on the file, in Bulgarian"
    )
    func journey() async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let bad = try await browser.post(
                "/people",
                [
                    ("givenName", "Стефка"), ("familyName", "Илиева"), ("identifierType", "egn"),
                    ("identifier", "4813170428"), ("settlementEkatte", "41112"),
                ],
                from: "/people/new"
            )
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Първите шест цифри не са истинска дата на раждане."))
            #expect(bad.body.string.contains(#"value="Илиева""#))
            let egn = EGN.make(birthDate: CalendarDay(year: 1940, month: 5, day: 2)!, sex: .female, serial: 3)!.value
            let registered = try await browser.post(
                "/people",
                [
                    ("givenName", "Стефка"), ("familyName", "Илиева"), ("identifierType", "egn"),
                    ("identifier", egn), ("settlementEkatte", "41112"), ("targetGroups[]", "elderly"),
                ],
                from: "/people/new"
            )
            #expect(registered.status == .seeOther)
            let file = try #require(registered.headers.first(name: .location))
            _ = try await browser.post(
                file + "/cases",
                [
                    ("referralSource", "family"), ("legalBasis", "socialServicesAct"),
                    ("request", "Да остане у дома"),
                ],
                from: file
            )
            let page = try await browser.get(file)
            let caseID = try #require(
                page.body.string.firstMatch(of: try Regex(#"/cases/([0-9A-F-]{36})/referrals"#))?.output[1].substring
            )
            #expect(try await browser.get("/cases/\(caseID)").body.string.contains("<dd>Да остане у дома</dd>"))
            _ = try await browser.post(
                "/cases/\(caseID)/transitions",
                [("to", "assessment"), ("reason", "Първо посещение"), ("version", "1")],
                from: file
            )
            var assessment: [(String, String)] = BarthelIndex.Item.allCases.map {
                ("barthel[\($0.rawValue)]", String($0.maximum))
            }
            assessment += LawtonIADL.Item.allCases.map { ("lawton[\($0.rawValue)]", "0") }
            assessment += [
                ("rating[socialContactsAndLoneliness]", "2"),
                ("words[socialContactsAndLoneliness]", "Скучно ми е вечер"),
                ("goal[socialContactsAndLoneliness]", "Да ходя на хор"), ("dependenceDegree", ""),
                ("step", "sign"),
            ]
            let signed = try await browser.post(
                "/cases/\(caseID)/assessment",
                assessment,
                from: "/cases/\(caseID)/assessment"
            )
            #expect(signed.status == .seeOther)
            _ = try await browser.post(
                "/cases/\(caseID)/transitions",
                [("to", "plan"), ("reason", "Оценката е готова"), ("version", "2")],
                from: file
            )
            let service = try await ProvidedService.query(on: app.db).filter(
                \.$provider.$id == DemoProviders.municipal.id
            )
            .filter(\.$serviceType == .assistantSupport).first()!
            let assistant = try #require(try await User.query(on: app.db).filter(\.$username == "careworker").first())
            let coordinator = try #require(
                try await User.query(on: app.db).filter(\.$username == "coordinator").first()
            )
            var plan: [(String, String)] = [
                ("basedOn", "0"), ("goals", "Да се чувства сигурна у дома"),
                ("services[0][service]", service.id!.uuidString),
                ("services[0][visits]", "3"), ("services[0][period]", "week"), ("services[0][minutes]", "90"),
                ("services[0][days][]", "tuesday"), ("services[0][from]", "09:00"), ("services[0][until]", "12:00"),
                ("services[0][worker]", assistant.id!.uuidString),
                ("services[0][substitute]", coordinator.id!.uuidString),
                ("start", "2026-12-01"), ("review", "2027-03-01"), ("agreedBy", "Стефка Илиева"),
                ("degree", "1"), ("monthlyHours", "40"), ("agreementSignedOn", "2026-11-30"),
            ]
            let overCap = try await browser.post("/cases/\(caseID)/plan", plan, from: "/cases/\(caseID)/plan")
            #expect(overCap.status == .unprocessableEntity)
            #expect(overCap.body.string.contains("15"))
            plan.removeAll { $0.0 == "degree" }
            plan.append(("degree", "3"))
            let planned = try await browser.post("/cases/\(caseID)/plan", plan, from: "/cases/\(caseID)/plan")
            #expect(planned.status == .seeOther)
            let chart = try await browser.get(file).body.string
            #expect(chart.contains("<polyline points="))
            let signedOn = CalendarDay.today(at: app.clock.now()).display
            #expect(chart.contains(#"class="tick">\#(signedOn)</text>"#), "the axis shows the date")
            let final = try await browser.get("/cases/\(caseID)").body.string
            #expect(final.contains(#"<html lang="bg">"#))
            #expect(final.contains("Да се чувства сигурна у дома"))
            #expect(final.contains("4,5 ч. седмично"))
            #expect(final.contains("Скучно ми е вечер"))
            #expect(final.contains("Йорданка Иванова · Заместник: Мария Стоянова"))
            #expect(final.contains("40 ч."))
            #expect(final.contains("100 / 100"))
        }
    }
}

@Suite("Forms on the person's file")
struct FileFormTests {
    @Test("A refused move shows the file again with the reason beside the choice and the typed reason kept")
    func refusedMoveShowsReason() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let file = "/people/\(s.person.id)"
            let moved = try await browser.post(
                "/cases/\(s.supportCase.id)/transitions",
                [("to", "active"), ("reason", "бързо решение"), ("version", "1")],
                from: file
            )
            #expect(moved.status == .unprocessableEntity)
            let page = moved.body.string
            #expect(page.contains(#"<div class="error-summary" role="alert""#))
            #expect(page.contains(##"<a href="#to-\##(s.supportCase.id)">"##))
            #expect(page.contains(#"<p class="field-error" id="to-\#(s.supportCase.id)-error">"#))
            #expect(page.contains("„заявка“"))
            #expect(page.contains(#"value="бързо решение""#))
            #expect(try await SupportCase.find(s.supportCase.id, on: app.db)?.state == .request)
        }
    }

    @Test(
        "A refused note, intake or referral keeps every typed word on the file; a saved one returns to the file with a message"
    )
    func refusedFormsKeepText() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let file = "/people/\(s.person.id)"
            let longNote = String(repeating: "Посещение вкъщи. ", count: 600)
            let note = try await browser.post("/cases/\(s.supportCase.id)/notes", [("text", longNote)], from: file)
            #expect(note.status == .unprocessableEntity)
            #expect(note.body.string.contains(longNote + "</textarea>"))
            #expect(note.body.string.contains(#"id="text-\#(s.supportCase.id)-error">Най-много 8000 знака.</p>"#))

            let intake = try await browser.post(
                file + "/cases",
                [("referralSource", "court"), ("legalBasis", "nowhere"), ("request", "Помощ с пазаруването")],
                from: file
            )
            #expect(intake.status == .unprocessableEntity)
            #expect(intake.body.string.contains(#"<option value="court" selected>"#))
            #expect(intake.body.string.contains(">Помощ с пазаруването</textarea>"))
            #expect(intake.body.string.contains(#"<p class="field-error" id="legalBasis-error">"#))

            let referral = try await browser.post(
                "/cases/\(s.supportCase.id)/referrals",
                [("outsideService", ""), ("share[]", "contactDetails"), ("reason", "Дневна грижа")],
                from: "/cases/\(s.supportCase.id)/referrals/new"
            )
            #expect(referral.status == .unprocessableEntity)
            #expect(
                referral.body.string.contains(
                    #"id="share-contactDetails" name="share[]" value="contactDetails" checked"#
                )
            )
            #expect(referral.body.string.contains(">Дневна грижа</textarea>"))
            #expect(try await CaseNote.query(on: app.db).count() == 0)
            #expect(try await Referral.query(on: app.db).count() == 0)

            let saved = try await browser.post(
                "/cases/\(s.supportCase.id)/notes",
                [("text", "Обади се дъщерята"), ("kind", "phoneCall"), ("contactOn", "2026-11-16")],
                from: file
            )
            #expect(saved.status == .seeOther)
            let page = try await browser.get(saved.headers.first(name: .location) ?? "").body.string
            #expect(page.contains(#"<div class="flash" role="status">"#))
            #expect(page.contains("Обади се дъщерята"))
        }
    }
}

@Suite("No destructive default")
struct NoDestructiveDefaultTests {
    @Test(
        "The next-stage choice on a case opens on no stage, never on „закрит“; an empty choice is refused and the case stays"
    )
    func nextStageHasNoDefault() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            _ = try await s.api.call(
                .POST,
                "/cases/\(s.supportCase.id)/transitions",
                json: #"{"to":"assessment","reason":"Посещение","version":1}"#
            )
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let page = try await browser.get("/cases/\(s.supportCase.id)").body.string
            #expect(page.contains(#"name="to" required><option value="" selected>—</option>"#))
            #expect(!page.contains(#"value="closed" selected"#))
            let refused = try await browser.post(
                "/cases/\(s.supportCase.id)/transitions",
                [("to", ""), ("reason", "Грешно натиснато"), ("version", "2")],
                from: "/people/\(s.person.id)"
            )
            #expect(refused.status == .unprocessableEntity)
            #expect(try await s.api.call(.GET, "/cases/\(s.supportCase.id)").json(CaseDTO.self).state == "assessment")
        }
    }
}

@Suite("Forms that create submit once")
struct FormOnceTests {
    @Test("Pressing „Отвори случай“ twice opens one intake; a fresh page opens another")
    func intakeTwiceOpensOne() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "caseworker")
            let person = try await api.call(.POST, "/people", json: PeopleTests.registerBody()).json(PersonDTO.self)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let file = "/people/\(person.id)"
            let page = try await browser.get(file).body.string
            let token = try #require(page.firstMatch(of: /name="formToken" value="([^"]+)"/)?.output.1)
            let intake = [
                ("referralSource", "family"), ("legalBasis", "socialServicesAct"), ("request", "Помощ вкъщи"),
                ("formToken", String(token)),
            ]
            #expect(try await browser.post("/people/\(person.id)/cases", intake).status == .seeOther)
            #expect(try await browser.post("/people/\(person.id)/cases", intake).status == .seeOther)
            #expect(try await api.call(.GET, "/people/\(person.id)/cases").json([CaseDTO].self).count == 1)
            let fresh = try #require(
                try await browser.get(file).body.string.firstMatch(of: /name="formToken" value="([^"]+)"/)?.output.1
            )
            #expect(fresh != token)
        }
    }
}
