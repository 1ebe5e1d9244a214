import Fluent
import Foundation
import OporaCore
@testable import OporaServer
import Testing
import VaporTesting

@Suite("Case pages")
struct CasePagesTests {
    @Test("A case worker registers a person, opens an intake, assesses, agrees a plan and sees it on the file, in Bulgarian")
    func journey() async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let bad = try await browser.post("/people", [("givenName", "Стефка"), ("familyName", "Илиева"), ("identifierType", "egn"),
                                                         ("identifier", "4813170428"), ("settlementEkatte", "41112")], from: "/people/new")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Първите шест цифри не са истинска дата на раждане."))
            #expect(bad.body.string.contains(#"value="Илиева""#))
            let egn = EGN.make(birthDate: CalendarDay(year: 1940, month: 5, day: 2)!, sex: .female, serial: 3)!.value
            let registered = try await browser.post("/people", [("givenName", "Стефка"), ("familyName", "Илиева"), ("identifierType", "egn"),
                                                                ("identifier", egn), ("settlementEkatte", "41112"), ("targetGroups[]", "elderly")], from: "/people/new")
            #expect(registered.status == .seeOther)
            let file = try #require(registered.headers.first(name: .location))
            _ = try await browser.post(file + "/cases", [("referralSource", "family"), ("legalBasis", "socialServicesAct"),
                                                         ("request", "Да остане у дома")], from: file)
            let page = try await browser.get(file)
            #expect(page.body.string.contains("„Да остане у дома“"))
            let caseID = try #require(page.body.string.firstMatch(of: try Regex(#"/cases/([0-9A-F-]{36})/notes"#))?.output[1].substring)
            _ = try await browser.post("/cases/\(caseID)/transitions", [("to", "assessment"), ("reason", "Първо посещение"), ("version", "1")], from: file)
            var assessment: [(String, String)] = BarthelIndex.Item.allCases.map { ("barthel[\($0.rawValue)]", String($0.maximum)) }
            assessment += LawtonIADL.Item.allCases.map { ("lawton[\($0.rawValue)]", "0") }
            assessment += [("rating[socialContactsAndLoneliness]", "2"), ("words[socialContactsAndLoneliness]", "Скучно ми е вечер"),
                           ("goal[socialContactsAndLoneliness]", "Да ходя на хор"), ("dependenceDegree", "")]
            let signed = try await browser.post("/cases/\(caseID)/assessment", assessment, from: "/cases/\(caseID)/assessment")
            #expect(signed.status == .seeOther)
            _ = try await browser.post("/cases/\(caseID)/transitions", [("to", "plan"), ("reason", "Оценката е готова"), ("version", "2")], from: file)
            let service = try await ProvidedService.query(on: app.db).filter(\.$provider.$id == DemoSeed.municipalProvider.id)
                .filter(\.$serviceType == .assistantSupport).first()!
            let assistant = try #require(try await User.query(on: app.db).filter(\.$username == "careworker").first())
            let coordinator = try #require(try await User.query(on: app.db).filter(\.$username == "coordinator").first())
            var plan: [(String, String)] = [
                ("basedOn", "0"), ("goals", "Да се чувства сигурна у дома"), ("services[0][service]", service.id!.uuidString),
                ("services[0][visits]", "3"), ("services[0][period]", "week"), ("services[0][minutes]", "90"),
                ("services[0][days][]", "tuesday"), ("services[0][from]", "09:00"), ("services[0][until]", "12:00"),
                ("services[0][worker]", assistant.id!.uuidString), ("services[0][substitute]", coordinator.id!.uuidString),
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
            let final = try await browser.get(file).body.string
            #expect(final.contains(#"<html lang="bg">"#))
            #expect(final.contains("Да се чувства сигурна у дома"))
            #expect(final.contains("4.5 ч. седмично"))
            #expect(final.contains("Скучно ми е вечер"))
            #expect(final.contains("Йорданка Иванова · Заместник: Мария Стоянова"))
            #expect(final.contains("40 ч."))
            #expect(final.contains("<polyline points="))
            #expect(final.contains("100 / 100"))
        }
    }
}

@Suite("Messages after actions")
struct FlashTests {
    @Test("A refused move on the file comes back as a message in Bulgarian on the next page")
    func refusedMoveShowsReason() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let moved = try await browser.post("/cases/\(s.supportCase.id)/transitions", [("to", "active"), ("reason", "бързо"), ("version", "1")],
                                               from: "/people/\(s.person.id)")
            #expect(moved.status == .seeOther)
            let page = try await browser.get("/people/\(s.person.id)").body.string
            #expect(page.contains(#"<div class="flash" role="status">"#))
            #expect(page.contains("„заявка“"))
        }
    }
}
