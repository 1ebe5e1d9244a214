import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Case numbers per provider and year")
struct CaseNumberingTests {
    /// The sequences a provider has used in a year, in order.
    static func sequences(_ app: Application, provider: UUID, year: Int) async throws -> [Int] {
        try await SupportCase.query(on: app.db).filter(\.$provider.$id == provider).filter(\.$numberYear == year)
            .all().compactMap(\.numberSequence).sorted()
    }

    @Test("Thirty intakes opened at once at one provider take thirty new numbers, each once, with no gap in the year")
    func intakesAtOnce() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "caseworker")
            var people: [PersonDTO] = []
            // Thirty people of one name, told apart by their birth dates.
            for index in 0..<30 {
                let born = CalendarDay(year: 1950, month: 5 + index / 28, day: 1 + index % 28)!
                let egn = EGN.make(birthDate: born, sex: .female, serial: 1)!
                people.append(
                    try await api.call(.POST, "/people", json: PeopleTests.registerBody(egn: egn.value)).json(
                        PersonDTO.self
                    )
                )
            }
            let before = try await Self.sequences(app, provider: DemoProviders.municipal.id, year: 2026)

            let opened = try await withThrowingTaskGroup(of: CaseDTO.self) { group in
                for person in people {
                    group.addTask {
                        let response = try await api.call(
                            .POST,
                            "/people/\(person.id)/cases",
                            json:
                                #"{"referralSource":"self","legalBasis":"socialServicesAct","request":"Помощ вкъщи"}"#
                        )
                        #expect(response.status == .created)
                        return try response.json(CaseDTO.self)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            let numbers = opened.compactMap(\.number)
            #expect(numbers.count == 30)
            #expect(Set(numbers).count == 30)
            #expect(numbers.allSatisfy { $0.hasPrefix("ОКЦП-2026-") })
            let after = try await Self.sequences(app, provider: DemoProviders.municipal.id, year: 2026)
            #expect(after == Array(1...(before.count + 30)))
        }
    }

    /// A new case of the same person at the same provider as `existing`, not yet numbered.
    static func another(_ existing: SupportCase) -> SupportCase {
        let draft = SupportCase()
        draft.version = 1
        draft.$person.id = existing.$person.id
        draft.$provider.id = existing.$provider.id
        draft.municipalityCode = existing.municipalityCode
        draft.oblastCode = existing.oblastCode
        draft.state = CaseLifeCycle.initialState
        draft.referralSource = .selfReferral
        draft.legalBasis = .socialServicesAct
        draft.requestSealed = existing.requestSealed
        draft.openedOn = existing.openedOn
        draft.planNumber = 0
        return draft
    }

    @Test(
        "On PostgreSQL an intake numbering while another has not yet committed waits for it and takes the next number",
        .enabled(if: TestDatabase.postgresURL != nil)
    )
    func numberingWaitsForTheOtherTransaction() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let existing = try #require(try await SupportCase.find(s.supportCase.id, on: app.db))
            // Two event loops, two connections: the transactions really overlap.
            let loops = Array(app.eventLoopGroup.makeIterator())
            let first = app.databases.database(logger: app.logger, on: loops[0])!
            let second = app.databases.database(logger: app.logger, on: loops[1 % loops.count])!
            let (numbered, signal) = AsyncStream<Void>.makeStream()
            let earlier = Task {
                try await first.transaction { db in
                    let draft = Self.another(existing)
                    try await CaseStore.numberCase(draft, on: db)
                    try await draft.create(on: db)
                    signal.yield()
                    // Holds its number uncommitted while the other intake asks for one.
                    try await Task.sleep(for: .milliseconds(600))
                    return draft.numberSequence!
                }
            }
            for await _ in numbered { break }
            let later = try await second.transaction { db in
                let draft = Self.another(existing)
                try await CaseStore.numberCase(draft, on: db)
                try await draft.create(on: db)
                return draft.numberSequence!
            }
            let taken = try await earlier.value
            #expect(later == taken + 1)
        }
    }

    @Test("A case opened by accepting a referral takes the receiver's next number, as one opened by hand does")
    func acceptedReferralIsNumbered() async throws {
        try await withOpora { app, _ async throws in
            let s = try await CaseFlowTests.setUp(app)
            let dayCare = try await ReferralLoopTests.dayCare(app)
            let sent = try await s.api.call(
                .POST,
                "/referrals",
                json:
                    #"{"caseId":"\#(s.supportCase.id)","reason":"Дневна грижа","urgency":"routine","contactName":"Елена Димитрова","toServiceId":"\#(dayCare.id)","share":["identification"],"consentForm":"written","consentGivenOn":"2026-11-16"}"#
            ).json(ReferralDTO.self)
            let receiver = try await APIClient.signIn(app, "ngo-manager")
            let accepted = try await receiver.call(
                .POST,
                "/referrals/\(sent.id)/decision",
                json: #"{"status":"accepted","version":1}"#
            ).json(ReferralDTO.self)
            let intake = try await receiver.call(.GET, "/cases/\(try #require(accepted.acceptedCaseId))").json(
                CaseDTO.self
            )
            #expect(intake.number == "СПНЖ-2026-0001")
            let byHand = try await receiver.call(
                .POST,
                "/people/\(intake.personId)/cases",
                json: #"{"referralSource":"self","legalBasis":"socialServicesAct","request":"Втори случай"}"#
            ).json(CaseDTO.self)
            #expect(byHand.number == "СПНЖ-2026-0002")
        }
    }
}
