import Fluent
import Foundation
import OporaCore
import SQLKit
import Testing
import VaporTesting

@testable import OporaServer

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}

/// The case's own page and the traps of issue 10 that corrupted a file.
@Suite("A page per case")
struct CasePageTests {
    static func openSecondCase(_ s: CaseFlowTests.Setup) async throws -> CaseDTO {
        try await s.api.call(
            .POST,
            "/people/\(s.person.id)/cases",
            json: #"{"referralSource":"family","legalBasis":"socialServicesAct","request":"Втори случай"}"#
        ).json(CaseDTO.self)
    }

    @Test("A case gets the next number of its provider and year at intake, shown on its page and in the person's list")
    func numberedCasePage() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let second = try await Self.openSecondCase(s)
            let first = try #require(try await SupportCase.find(s.supportCase.id, on: app.db))
            let next = try #require(try await SupportCase.find(second.id, on: app.db))
            #expect(first.number == "ОКЦП-2026-0001")
            #expect(next.number == "ОКЦП-2026-0002")

            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let intake = try await browser.post(
                "/people/\(s.person.id)/cases",
                [("referralSource", "family"), ("legalBasis", "socialServicesAct"), ("request", "Трети случай")],
                from: "/people/\(s.person.id)"
            )
            let third = try #require(
                try await SupportCase.query(on: app.db).filter(\.$number == "ОКЦП-2026-0003").first()
            )
            #expect(intake.headers.first(name: .location) == "/cases/\(third.id!)")
            let page = try await browser.get("/cases/\(s.supportCase.id)")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("<h1>Случай ОКЦП-2026-0001 · Йорданка Петрова Стоянова</h1>"))
            #expect(html.contains("<dd>Елена Димитрова</dd>"))
            for heading in ["Прием", "Бележки", "Екип", "История на случая"] {
                #expect(html.contains(heading), "missing \(heading)")
            }
            #expect(html.contains("Помощ вкъщи след инсулт"))
            #expect(html.contains("Случаят е открит"))
            let file = try await browser.get("/people/\(s.person.id)").body.string
            #expect(file.contains(#"<a href="/cases/\#(s.supportCase.id)">ОКЦП-2026-0001</a>"#))
            #expect(!file.contains("/cases/\(s.supportCase.id)/notes"))
            #expect(!file.contains("/cases/\(s.supportCase.id)/transitions"))
        }
    }

    @Test("The migration numbers the cases that existed before it, per provider and year in the order opened")
    func migrationNumbersExistingCases() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let second = try await Self.openSecondCase(s)
            // As before the migration: no case has a number.
            try await app.db.sql().raw("UPDATE cases SET number = NULL, number_year = NULL, number_sequence = NULL")
                .run()
            try await NumberCases.numberExisting(on: app.db)
            let numbers = try await [s.supportCase.id, second.id].asyncMap {
                try await SupportCase.find($0, on: app.db)?.number
            }
            #expect(numbers == ["ОКЦП-2026-0001", "ОКЦП-2026-0002"])
            let third = try await Self.openSecondCase(s)
            #expect(try await SupportCase.find(third.id, on: app.db)?.number == "ОКЦП-2026-0003")
        }
    }

    @Test("A note records its kind, the day of the contact and its author by name, on the case page")
    func noteWithKindAndDate() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let page = "/cases/\(s.supportCase.id)"
            let refused = try await browser.post("\(page)/notes", [("text", "Разговор с дъщерята")], from: page)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(#"id="kind-\#(s.supportCase.id)-error""#))
            #expect(refused.body.string.contains(#"id="contactOn-\#(s.supportCase.id)-error""#))
            let saved = try await browser.post(
                "\(page)/notes",
                [("text", "Разговор с дъщерята"), ("kind", "phoneCall"), ("contactOn", "2026-11-12")],
                from: page
            )
            #expect(saved.status == .seeOther)
            let html = try await browser.get(page).body.string
            #expect(html.contains("<h3>12.11.2026 · телефонен разговор · Елена Димитрова</h3>"))
        }
    }

    @Test("An assessment is signed by the worker's name, on the case page and in its history")
    func assessmentSignedByName() async throws {
        try await withOpora { app, _ async throws in
            let s = try await ReferralLoopTests.assessedAndPlanned(app)
            let browser = Browser(app)
            _ = try await browser.signIn("manager")
            let html = try await browser.get("/cases/\(s.supportCase.id)").body.string
            #expect(html.contains("18.11.2026 · Елена Димитрова</h3>"))
            #expect(html.contains("<td>Елена Димитрова</td><td>Подписана оценка</td>"))
            #expect(!html.contains("<td>caseworker</td>"))
        }
    }

    @Test("A note's contact day before the person was born, year 1 included, is refused beside its field")
    func noteFromYearOne() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let page = "/cases/\(s.supportCase.id)"
            for day in ["0001-01-01", "1948-03-16"] {
                let refused = try await browser.post(
                    "\(page)/notes",
                    [("text", "Разговор"), ("kind", "phoneCall"), ("contactOn", day)],
                    from: page
                )
                #expect(refused.status == .unprocessableEntity, "\(day)")
                #expect(refused.body.string.contains("Датата на контакта е преди раждането на човека"))
            }
            #expect(try await CaseNote.query(on: app.db).filter(\.$supportCase.$id == s.supportCase.id).count() == 0)
        }
    }

    @Test("A note sent twice from one page, a double click or a reload, is written once")
    func noteSentTwice() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let page = "/cases/\(s.supportCase.id)"
            let html = try await browser.get(page).body.string
            let marker = #"name="formToken" value=""#
            let start = try #require(html.range(of: marker)).upperBound
            let token = String(html[start...].prefix { $0 != "\"" })
            #expect(!token.isEmpty)
            let note = [
                ("text", "Посещение: пазар и аптека"), ("kind", "homeVisit"), ("contactOn", "2026-11-17"),
                ("formToken", token),
            ]
            #expect(try await browser.post("\(page)/notes", note, from: page).status == .seeOther)
            #expect(try await browser.post("\(page)/notes", note, from: page).status == .seeOther)
            #expect(try await CaseNote.query(on: app.db).filter(\.$supportCase.$id == s.supportCase.id).count() == 1)
        }
    }
}

@Suite("Closing asks for confirmation; a case closed by mistake can be reopened")
struct ClosingTests {
    @Test("Closing without ticking the confirmation is refused and the case stays open")
    func closingNeedsConfirmation() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let page = "/cases/\(s.supportCase.id)"
            let refused = try await browser.post(
                "\(page)/transitions",
                [("to", "closed"), ("reason", "Грешно натиснато"), ("version", "1")],
                from: page
            )
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(##"<a href="#confirmClose-\##(s.supportCase.id)">"##))
            #expect(refused.body.string.contains(#"value="Грешно натиснато""#))
            #expect(try await SupportCase.find(s.supportCase.id, on: app.db)?.state == .request)

            let api = try await s.api.call(
                .POST,
                "/cases/\(s.supportCase.id)/transitions",
                json: #"{"to":"closed","reason":"Отказ","version":1}"#
            )
            #expect(api.status == .unprocessableEntity)
            #expect(try api.json(ProblemDetails.self).errors?.map(\.field) == ["confirmClose"])
        }
    }

    @Test("The case worker reopens a closed case within 30 days with a reason, audited; later it stays closed")
    func reopenWithinTheWindow() async throws {
        try await withOpora { app, clock async throws in
            let s = try await CaseFlowTests.setUp(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let page = "/cases/\(s.supportCase.id)"
            let closed = try await browser.post(
                "\(page)/transitions",
                [("to", "closed"), ("reason", "Почина"), ("confirmClose", "yes"), ("version", "1")],
                from: page
            )
            #expect(closed.status == .seeOther)
            #expect(try await SupportCase.find(s.supportCase.id, on: app.db)?.state == .closed)

            let silent = try await browser.post("\(page)/reopen", [("reason", " "), ("version", "2")], from: page)
            #expect(silent.status == .unprocessableEntity)
            let reopened = try await browser.post(
                "\(page)/reopen",
                [("reason", "Закрит по грешка: друг човек"), ("version", "2")],
                from: page
            )
            #expect(reopened.status == .seeOther)
            #expect(try await SupportCase.find(s.supportCase.id, on: app.db)?.state == .request)
            let audited = try await AuditEvent.query(on: app.db).filter(\.$action == "case.reopened").all()
            #expect(audited.map(\.recordID) == [s.supportCase.id.uuidString])
            #expect(try await browser.get(page).body.string.contains("Случаят е отворен отново"))

            _ = try await browser.post(
                "\(page)/transitions",
                [("to", "closed"), ("reason", "Отказ"), ("confirmClose", "yes"), ("version", "3")],
                from: page
            )
            clock.advance(minutes: 31 * 24 * 60)
            _ = try await browser.signIn("caseworker")
            let late = try await browser.post("\(page)/reopen", [("reason", "Късно"), ("version", "4")], from: page)
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.string.contains("можеше да бъде отворен отново до"))
            #expect(try await SupportCase.find(s.supportCase.id, on: app.db)?.state == .closed)
        }
    }
}

@Suite("An assessment is never signed empty")
struct AssessmentSigningPageTests {
    static func answers(words: String = "Скучно ми е вечер") -> [(String, String)] {
        var fields: [(String, String)] = BarthelIndex.Item.allCases.map {
            ("barthel[\($0.rawValue)]", String($0.maximum))
        }
        fields += LawtonIADL.Item.allCases.map { ("lawton[\($0.rawValue)]", "0") }
        fields += [
            ("rating[socialContactsAndLoneliness]", "3"), ("words[socialContactsAndLoneliness]", words),
            ("goal[socialContactsAndLoneliness]", "Да ходя на хор"), ("dependenceDegree", "2"),
        ]
        return fields
    }

    @Test("The form names whose assessment it is and pre-selects no answer")
    func noAnswerPreselected() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let html = try await browser.get("/cases/\(s.supportCase.id)/assessment").body.string
            #expect(html.contains("Йорданка Петрова Стоянова"))
            let unanswered = html.components(separatedBy: #"<option value="" selected>—</option>"#).count - 1
            #expect(unanswered == BarthelIndex.Item.allCases.count + LawtonIADL.Item.allCases.count + 1)
            #expect(!html.contains(#"<option value="0" selected>0 –"#))
        }
    }

    @Test("An untouched form is refused with every item named beside its field, and nothing is stored")
    func emptyFormRefused() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let form = "/cases/\(s.supportCase.id)/assessment"
            let refused = try await browser.post(form, [("dependenceDegree", "")], from: form)
            #expect(refused.status == .unprocessableEntity)
            let html = refused.body.string
            #expect(
                html.contains(#"<p class="field-error" id="barthel-feeding-error">Не е отговорено на „хранене“.</p>"#)
            )
            #expect(html.contains(##"<a href="#lawton-finances">"##))
            #expect(try await Assessment.query(on: app.db).count() == 0)
        }
    }

    @Test("A domain rated as a need without the person's words is refused")
    func needWithoutWords() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let form = "/cases/\(s.supportCase.id)/assessment"
            let refused = try await browser.post(form, Self.answers(words: "") + [("step", "sign")], from: form)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(#"id="words-socialContactsAndLoneliness-error""#))
            #expect(try await Assessment.query(on: app.db).count() == 0)
        }
    }

    @Test("Sending the form shows the totals, degree and domains to confirm; only confirming signs")
    func summaryBeforeSigning() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let form = "/cases/\(s.supportCase.id)/assessment"
            let summary = try await browser.post(form, Self.answers(), from: form)
            #expect(summary.status == .ok)
            let html = summary.body.string
            #expect(html.contains("100 / 100"))
            #expect(html.contains("8 / 8"))
            #expect(html.contains("социални контакти и самота · голяма нужда"))
            #expect(html.contains(#"name="step" value="sign""#))
            #expect(try await Assessment.query(on: app.db).count() == 0)

            let signed = try await browser.post(form, Self.answers() + [("step", "sign")], from: nil)
            #expect(signed.status == .seeOther)
            #expect(try await Assessment.query(on: app.db).count() == 1)
        }
    }
}

@Suite("A person's details can be edited")
struct PersonEditTests {
    @Test("The edit page saves with the registration's checks, audited; a stale version answers 409")
    func editPerson() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let edit = "/people/\(s.person.id)/edit"
            let form = try await browser.get(edit).body.string
            #expect(form.contains(#"value="Йорданка""#))
            #expect(form.contains(#"<option value="41112" selected>"#))
            let fields: [(String, String)] = [
                ("givenName", "Йорданка"), ("middleName", "Петрова"), ("familyName", "Стоянова-Илиева"),
                ("identifierType", "egn"), ("identifier", PeopleTests.egn), ("settlementEkatte", "41112"),
                ("phone", "0888 123 456"),
            ]
            let bad = try await browser.post(
                edit,
                fields.map { $0.0 == "identifier" ? ($0.0, "123") : $0 } + [("version", "1")],
                from: edit
            )
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains(#"<div class="error-summary" role="alert""#))
            let saved = try await browser.post(edit, fields + [("version", "1")], from: edit)
            #expect(saved.status == .seeOther)
            #expect(try await Person.find(s.person.id, on: app.db)?.familyName == "Стоянова-Илиева")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "person.updated").count() == 1)
            let stale = try await browser.post(edit, fields + [("version", "1")], from: edit)
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains(#"value="Стоянова-Илиева""#))
        }
    }

    @Test("The settlement of a new person starts on „—“ and is required")
    func settlementHasNoDefault() async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let html = try await browser.get("/people/new").body.string
            #expect(html.contains(#"name="settlementEkatte" required><option value="" selected>—</option>"#))
        }
    }
}

@Suite("My cases on the home page")
struct MyCasesTests {
    @Test("My cases are counted exactly, newest first, link to each case and filter by stage in Bulgarian")
    func pagedAndFiltered() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let second = try await CasePageTests.openSecondCase(s)
            _ = try await s.api.call(
                .POST,
                "/cases/\(s.supportCase.id)/transitions",
                json: #"{"to":"assessment","reason":"Посещение","version":1}"#
            )
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            let home = try await browser.get("/").body.string
            #expect(home.contains(#"<h2 id="my-cases">Моите случаи (2)</h2>"#))
            let newer = try #require(home.range(of: "/cases/\(second.id)"))
            let older = try #require(home.range(of: "/cases/\(s.supportCase.id)\""))
            #expect(newer.lowerBound < older.lowerBound)
            #expect(home.contains(">оценка на потребностите</a>"))
            let filtered = try await browser.get("/?stage=assessment").body.string
            #expect(filtered.contains(#"<h2 id="my-cases">Моите случаи (1)</h2>"#))
            #expect(filtered.contains(#"aria-current="page">оценка на потребностите</a>"#))
            #expect(!filtered.contains("/cases/\(second.id)"))
        }
    }
}
