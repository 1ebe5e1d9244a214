import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Providers and services")
struct ProviderTests {
    @Test(
        "A provider with a wrong EIK check digit is refused beside the field, keeps what was typed, and nothing is saved"
    )
    func badEIKOnForm() async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            _ = try await browser.signIn("director")
            let before = try await Provider.query(on: app.db).count()
            let response = try await browser.post(
                "/providers",
                [
                    ("name", "Сдружение „Слънце“"), ("kind", "ngo"), ("eik", "121000007"),
                    ("municipalityCode", "KNL29"),
                    ("phone", "078 55 11"), ("email", "slance@example.bg"),
                ],
                from: "/providers/new"
            )
            #expect(response.status == .unprocessableEntity)
            let page = response.body.string
            #expect(page.contains(#"id="eik-error""#))
            #expect(page.contains(#"value="Сдружение „Слънце“""#))
            #expect(page.contains(#"value="slance@example.bg""#))
            #expect(try await Provider.query(on: app.db).count() == before)
        }
    }

    @Test("The API lists every bad field of a provider at once, in the caller's language")
    func apiListsEveryBadField() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "admin")
            let response = try await api.call(
                .POST,
                "/providers",
                json: #"{"name":"","kind":"club","eik":"12345","municipalityCode":"XXX99","email":"nope"}"#
            )
            #expect(response.status == .unprocessableEntity)
            #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            let problem = try response.json(ProblemDetails.self)
            #expect(Set(problem.errors?.map(\.field) ?? []) == ["name", "kind", "eik", "municipalityCode", "email"])
            #expect(problem.errors?.first { $0.field == "name" }?.message == "Полето е задължително.")
        }
    }

    @Test("A valid provider is created, placed in its oblast, and audited")
    func createsProvider() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "admin")
            let eik = EIK.make(firstEight: 20_250_001)!.value
            let response = try await api.call(
                .POST,
                "/providers",
                json: #"{"name":"Фондация „Опора за всеки“","kind":"ngo","eik":"\#(eik)","municipalityCode":"KNL48"}"#
            )
            #expect(response.status == .created)
            let provider = try response.json(ProviderDTO.self)
            #expect(provider.oblastCode == "KNL")
            #expect(provider.version == 1)
            let duplicate = try await api.call(
                .POST,
                "/providers",
                json: #"{"name":"Друго","kind":"ngo","eik":"\#(eik)","municipalityCode":"KNL48"}"#
            )
            #expect(try duplicate.json(ProblemDetails.self).errors?.map(\.field) == ["eik"])
            #expect(try await AuditEvent.query(on: app.db).filter(\.$recordID == provider.id.uuidString).count() == 1)
        }
    }

    @Test("Two people edit one provider: the second, with the old version, gets a conflict and loses nothing")
    func concurrentEditsConflict() async throws {
        try await withOpora { app, _ async throws in
            let director = try await APIClient.signIn(app, "director")
            let manager = try await APIClient.signIn(app, "manager")
            let id = DemoProviders.municipal.id
            let first = try await director.call(
                .PATCH,
                "/providers/\(id)",
                json: #"{"address":"ул. „Демокрация“ 44","version":1}"#
            )
            #expect(first.status == .ok)
            let second = try await manager.call(
                .PATCH,
                "/providers/\(id)",
                json: #"{"address":"пл. „Велбъжд“ 1","version":1}"#
            )
            #expect(second.status == .conflict)
            let now = try await director.call(.GET, "/providers/\(id)").json(ProviderDTO.self)
            #expect(now.address == "ул. „Демокрация“ 44")
            #expect(now.version == 2)
        }
    }

    @Test("The edit form posted with a stale version says someone else changed the record")
    func staleFormConflict() async throws {
        try await withOpora { app, _ async throws in
            let browser = Browser(app)
            _ = try await browser.signIn("manager")
            let id = DemoProviders.municipal.id
            _ = try await browser.get("/providers/\(id)/edit")
            _ = try await APIClient.signIn(app, "director").call(
                .PATCH,
                "/providers/\(id)",
                json: #"{"phone":"078 123 456","version":1}"#
            )
            let response = try await browser.post(
                "/providers/\(id)",
                [
                    ("name", DemoProviders.municipal.name), ("kind", "municipal"),
                    ("eik", EIK.make(firstEight: DemoProviders.municipal.eikStem)!.value),
                    ("municipalityCode", "KNL29"), ("version", "1"),
                ]
            )
            #expect(response.status == .conflict)
            #expect(response.body.string.contains("Някой друг промени записа"))
        }
    }

    @Test("A service of a licensed type without a licence is refused; with one it is added")
    func serviceLicence() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "admin")
            let provider = DemoProviders.ngo.id
            let body =
                #"{"providerId":"\#(provider)","name":"Дневен център","serviceType":"dayCare","setting":"inCommunity","settlementEkatte":"41112","capacityPlaces":20,"targetGroups":["elderly"]"#
            let missing = try await api.call(.POST, "/services", json: body + "}")
            #expect(missing.status == .unprocessableEntity)
            #expect(
                Set(try missing.json(ProblemDetails.self).errors?.map(\.field) ?? []) == [
                    "licenceNumber", "licenceExpiry",
                ]
            )
            let licensed = try await api.call(
                .POST,
                "/services",
                json: body + #","licenceNumber":"АКСУ-77","licenceExpiry":"2030-01-31"}"#
            )
            #expect(licensed.status == .created)
            #expect(try licensed.json(ServiceDTO.self).capacityPlaces == 20)
        }
    }

    @Test("Provider names sort in Bulgarian alphabetical order")
    func bulgarianOrder() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "admin")
            let names = try await api.call(.GET, "/providers").json(ListDTO<ProviderDTO>.self).items.map(\.name)
            #expect(names == names.sorted(by: BulgarianCollation.areInIncreasingOrder))
        }
    }
}
