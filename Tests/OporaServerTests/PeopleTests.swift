import Fluent
import Foundation
import OporaCore
import SQLKit
import Testing
import VaporTesting

@testable import OporaServer

@Suite("People")
struct PeopleTests {
    static let egn = EGN.make(birthDate: CalendarDay(year: 1948, month: 3, day: 17)!, sex: .female, serial: 42)!.value

    static func registerBody(
        given: String = "Йорданка",
        family: String = "Стоянова",
        egn: String = egn,
        extra: String = ""
    ) -> String {
        #"{"givenName":"\#(given)","middleName":"Петрова","familyName":"\#(family)","identifierType":"egn","identifier":"\#(egn)","settlementEkatte":"41112","phone":"0888 123 456","address":"ул. „Цар Освободител“ 12"\#(extra)}"#
    }

    @Test("An ЕГН fills in birth date and sex, and the Latin name follows the Transliteration Act")
    func registersWithEGN() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "caseworker")
            let response = try await api.call(.POST, "/people", json: Self.registerBody())
            #expect(response.status == .created)
            let person = try response.json(PersonDTO.self)
            #expect(person.birthDate == "1948-03-17")
            #expect(person.sex == "female")
            #expect(person.nameLatin == "Yordanka Petrova Stoyanova")
            #expect(person.identifier == Self.egn)
        }
    }

    static let wrongCheckDigit = String(egn.prefix(9)) + String((Int(String(egn.last!))! + 1) % 10)

    @Test(
        "An invalid ЕГН is refused with the reason",
        arguments: [
            ("12345", "10 цифри"), (wrongCheckDigit, "Контролната цифра"), ("4813170428", "дата на раждане"),
        ]
    )
    func refusesBadEGN(_ egn: String, _ reason: String) async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "caseworker")
            let response = try await api.call(.POST, "/people", json: Self.registerBody(egn: egn))
            #expect(response.status == .unprocessableEntity)
            let problem = try response.json(ProblemDetails.self)
            let message = problem.errors?.first { $0.field == "identifier" }?.message ?? ""
            #expect(message.contains(reason), "\(message)")
            #expect(try await Person.query(on: app.db).count() == 0)
        }
    }

    @Test("The same ЕГН twice is refused; the same name and birth date only warns until confirmed")
    func duplicates() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "caseworker")
            #expect(try await api.call(.POST, "/people", json: Self.registerBody()).status == .created)
            let again = try await api.call(.POST, "/people", json: Self.registerBody())
            #expect(try again.json(ProblemDetails.self).errors?.map(\.field) == ["identifier"])
            let otherEGN = EGN.make(birthDate: CalendarDay(year: 1948, month: 3, day: 17)!, sex: .female, serial: 88)!
                .value
            let namesake = try await api.call(.POST, "/people", json: Self.registerBody(egn: otherEGN))
            #expect(try namesake.json(ProblemDetails.self).errors?.map(\.field) == ["confirmDuplicate"])
            let confirmed = try await api.call(
                .POST,
                "/people",
                json: Self.registerBody(egn: otherEGN, extra: #","confirmDuplicate":"true""#)
            )
            #expect(confirmed.status == .created)
        }
    }

    @Test("Search finds a person by a Cyrillic or Latin fragment, by ЕГН, and masks the identifier in the list")
    func search() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "caseworker")
            _ = try await api.call(.POST, "/people", json: Self.registerBody())
            for query in ["данка", "STOYAN", "yordanka stoy", Self.egn] {
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
                let found = try await api.call(.GET, "/people?q=\(encoded)").json(ListDTO<PersonDTO>.self)
                #expect(found.items.map(\.familyName) == ["Стоянова"], "query \(query)")
                #expect(found.items.first?.identifier == "******" + Self.egn.suffix(4))
            }
            #expect(try await api.call(.GET, "/people?q=Николов").json(ListDTO<PersonDTO>.self).total == 0)
        }
    }

    @Test("A search across a whole oblast finds the same people through the trigram index")
    func regionWideSearch() async throws {
        try await withOpora { app, _ async throws in
            _ = try await APIClient.signIn(app, "caseworker").call(.POST, "/people", json: Self.registerBody())
            try await addStaff(
                app,
                username: "oblast-director",
                role: .municipalDirector,
                provider: DemoProviders.municipal.id
            )
            let user = try #require(
                try await User.query(on: app.db).filter(\.$username == "oblast-director").with(\.$grants).first()
            )
            user.grants[0].scopeKind = .oblast
            user.grants[0].scopeCode = "KNL"
            try await user.grants[0].update(on: app.db)
            let api = try await APIClient.signIn(app, "oblast-director")
            for query in ["данка", "STOYAN", "yordanka stoy", "йо"] {
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
                #expect(
                    try await api.call(.GET, "/people?q=\(encoded)").json(ListDTO<PersonDTO>.self).items.map(
                        \.familyName
                    ) == ["Стоянова"],
                    "\(query)"
                )
            }
        }
    }

    @Test("A case worker of another provider cannot find, open or export the person")
    func scope() async throws {
        try await withOpora { app, _ async throws in
            try await addStaff(app, username: "ngo-worker", role: .caseWorker, provider: DemoProviders.ngo.id)
            let own = try await APIClient.signIn(app, "caseworker")
            let person = try await own.call(.POST, "/people", json: Self.registerBody()).json(PersonDTO.self)
            let other = try await APIClient.signIn(app, "ngo-worker")
            #expect(try await other.call(.GET, "/people?q=Стоянова").json(ListDTO<PersonDTO>.self).total == 0)
            #expect(try await other.call(.GET, "/people?q=\(Self.egn)").json(ListDTO<PersonDTO>.self).total == 0)
            #expect(try await other.call(.GET, "/people/\(person.id)").status == .notFound)
            #expect(try await other.call(.GET, "/people/\(person.id)/export").status == .notFound)
            #expect(try await other.call(.GET, "/people/\(person.id)/cases").status == .notFound)
            let director = try await APIClient.signIn(app, "director")
            #expect(try await director.call(.GET, "/people/\(person.id)").status == .ok)
            for role in ["planner", "inspector", "admin", "careworker"] {
                #expect(
                    try await APIClient.signIn(app, role).call(.GET, "/people/\(person.id)").status == .forbidden,
                    "\(role)"
                )
            }
        }
    }

    @Test("ЕГН, address, health details and notes are not stored in the clear")
    func encryptedAtRest() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "caseworker")
            let person = try await api.call(
                .POST,
                "/people",
                json: Self.registerBody(extra: #","disabilityPercent":"91","decisionExpiry":"2028-05-31""#)
            ).json(PersonDTO.self)
            let opened = try await api.call(
                .POST,
                "/people/\(person.id)/cases",
                json:
                    #"{"referralSource":"family","legalBasis":"socialServicesAct","request":"Нуждае се от помощ с пазаруването"}"#
            ).json(CaseDTO.self)
            _ = try await api.call(
                .POST,
                "/cases/\(opened.id)/notes",
                json: #"{"text":"Живее сама на третия етаж без асансьор"}"#
            )
            var raw = ""
            for table in ["people", "cases", "case_notes"] {
                for row in try await app.db.sql().raw("SELECT * FROM \(ident: table)").all() {
                    for column in row.allColumns {
                        raw += ((try? row.decode(column: column, as: String.self)) ?? "") + "|"
                    }
                }
            }
            #expect(raw.contains("Стоянова"))
            for secret in [Self.egn, "Цар Освободител", "2028-05-31", "пазаруването", "третия етаж"] {
                #expect(!raw.contains(secret), "\(secret) is stored in the clear")
            }
            #expect(try await api.call(.GET, "/people/\(person.id)").json(PersonDTO.self).disabilityPercent == 91)
        }
    }

    @Test("Target groups carry since when and on what evidence, sealed, and a wrong date is refused")
    func targetGroupEvidence() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "caseworker")
            let bad = try await api.call(
                .POST,
                "/people",
                json: Self.registerBody(
                    extra: #","targetGroups":["lowIncome"],"targetGroupSince":{"lowIncome":"1.3.2025"}"#
                )
            )
            #expect(try bad.json(ProblemDetails.self).errors?.map(\.field) == ["targetGroupSince.lowIncome"])
            let person = try await api.call(
                .POST,
                "/people",
                json: Self.registerBody(
                    extra:
                        #","targetGroups":["lowIncome"],"targetGroupSince":{"lowIncome":"2025-03-01"},"targetGroupEvidence":{"lowIncome":"Заповед ДСП № 1234"}"#
                )
            ).json(PersonDTO.self)
            #expect(
                person.targetGroupEvidence == [
                    TargetGroupEvidence(group: "lowIncome", since: "2025-03-01", evidence: "Заповед ДСП № 1234")
                ]
            )
            let raw = try await app.db.sql().raw("SELECT target_group_evidence_sealed FROM people").all()
            #expect(
                !(try raw.map { try $0.decode(column: "target_group_evidence_sealed", as: String.self) }.joined())
                    .contains("ДСП")
            )
            let browser = Browser(app)
            _ = try await browser.signIn("caseworker")
            #expect(
                try await browser.get("/people/\(person.id)").body.string.contains(
                    "хора с ниски доходи (от 01.03.2025, Заповед ДСП № 1234)"
                )
            )
        }
    }

    @Test("Every opening of a person's file is audited")
    func openingIsAudited() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "caseworker")
            let person = try await api.call(.POST, "/people", json: Self.registerBody()).json(PersonDTO.self)
            _ = try await api.call(.GET, "/people/\(person.id)")
            _ = try await APIClient.signIn(app, "director").call(.GET, "/people/\(person.id)")
            let openings = try await AuditEvent.query(on: app.db).filter(\.$action == "person.opened")
                .filter(\.$recordID == person.id.uuidString).all().map(\.actorName)
            #expect(openings == ["caseworker", "director"])
        }
    }

    @Test("Two people edit one person: the stale edit gets a conflict")
    func personConflict() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "caseworker")
            let person = try await api.call(.POST, "/people", json: Self.registerBody()).json(PersonDTO.self)
            #expect(
                try await api.call(.PATCH, "/people/\(person.id)", json: #"{"phone":"0877 000 111","version":1}"#)
                    .status == .ok
            )
            #expect(
                try await APIClient.signIn(app, "coordinator").call(
                    .PATCH,
                    "/people/\(person.id)",
                    json: #"{"phone":"0877 999 999","version":1}"#
                ).status == .conflict
            )
        }
    }
}
