import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

@Suite("My page through the API")
struct MyPageAPITests {
    /// A person with a password, signed in with a token.
    static func signedIn(_ app: Application, _ person: UUID) async throws -> APIClient {
        let code = try await MyPageTests.invite(app, person)
        _ = try await MyPageTests.redeem(app, code, mode: "password", password: "Осоговска-планина-2026")
        let username = try #require(
            try await MyPageInvitation.query(on: app.db).filter(\.$personID == person).first()
        ).username
        return try await APIClient.signIn(app, username, password: "Осоговска-планина-2026")
    }

    @Test("A person reads their plan, week and openings, rates a visit and sends a request, in their own file only")
    func ownFileThroughTheAPI() async throws {
        try await withOpora { app, _ in
            let file = try await MyPageTests.file(app, given: "Стефка", family: "Ангелова", serial: 21)
            let other = try await MyPageTests.file(app, given: "Радка", family: "Божилова", serial: 31)
            let now = app.clock.now()
            let today = CalendarDay.today(at: now)
            let done = try await MyPageTests.visit(app, person: file.person.id, day: today, minute: 0, checkedOut: now)
            let coming = try await MyPageTests.visit(
                app,
                person: file.person.id,
                day: today.adding(days: 1),
                minute: 600
            )
            let theirs = try await MyPageTests.visit(
                app,
                person: other.person.id,
                day: today,
                minute: 60,
                checkedOut: now
            )
            let api = try await Self.signedIn(app, file.person.id)

            let files = try await api.call(.GET, "/my/files").json([MyPageAPI.FileDTO].self)
            #expect(files.map(\.id) == [file.person.id] && files[0].representative == false)
            let plan = try await api.call(.GET, "/my/plan").json(MyPlanJSON.self)
            #expect(plan.plans.flatMap(\.goals).contains("Да излизам на разходка"))
            let week = try await api.call(.GET, "/my/week").json(MyWeekJSON.self)
            let visits = week.weeks.flatMap(\.days).flatMap(\.visits)
            #expect(Set(visits.map(\.id)) == [done, coming])
            #expect(visits.first { $0.id == done }?.canRate == true)
            #expect(week.weeks.flatMap(\.days).first?.day == today.iso)

            let rated = try await api.call(
                .POST,
                "/my/visits/\(done)/rating",
                json: #"{"face":"good","word":"Благодаря"}"#
            )
            #expect(rated.status == .created)
            let twice = try await api.call(.POST, "/my/visits/\(done)/rating", json: #"{"face":"poor"}"#)
            #expect(twice.status == .unprocessableEntity)
            #expect(twice.body.string.contains("Вече оценихте"))
            let noFace = try await api.call(.POST, "/my/visits/\(coming)/rating", json: #"{"word":"?"}"#)
            #expect(noFace.status == .unprocessableEntity && noFace.body.string.contains("Изберете едно от трите лица"))
            #expect(
                try await api.call(.POST, "/my/visits/\(theirs)/rating", json: #"{"face":"good"}"#).status == .notFound
            )

            let sent = try await api.call(
                .POST,
                "/my/requests",
                json: #"{"kind":"anotherTime","visit":"\#(coming)","text":"По-късно, моля"}"#
            )
            #expect(sent.status == .created, "\(sent.body.string)")
            let request = try sent.json(MyRequestJSON.self)
            #expect(request.stateClass == "open" && request.text == "По-късно, моля")
            let refused = try await api.call(.POST, "/my/requests", json: #"{"kind":"newNeed","text":""}"#)
            #expect(refused.status == .unprocessableEntity)
            #expect(try await ChangeRequestRecord.query(on: app.db).count() == 1)
            #expect(
                try await api.call(.GET, "/my/requests").json(MyRequestsJSON.self).requests.map(\.id) == [request.id]
            )

            // The case worker's opening of the file is in the person's list.
            _ = try await APIClient.signIn(app, "caseworker").call(.GET, "/people/\(file.person.id)")
            let openings = try await api.call(.GET, "/my/openings").body.string
            #expect(openings.contains("\"openings\""))
            #expect(openings.contains("Община Кюстендил"))

            // Another person's file is not found; a malformed id is refused; staff are not service users.
            #expect(try await api.call(.GET, "/my/week?for=\(other.person.id)").status == .notFound)
            #expect(try await api.call(.GET, "/my/week?for=nobody").status == .badRequest)
            #expect(try await APIClient.signIn(app, "caseworker").call(.GET, "/my/week").status == .forbidden)
            #expect(try await APIClient(app: app).call(.GET, "/my/week").status == .unauthorized)
        }
    }

    struct MyPlanJSON: Decodable {
        struct Plan: Decodable { var goals: [String] }
        var plans: [Plan]
    }

    struct MyWeekJSON: Decodable {
        struct Visit: Decodable {
            var id: UUID
            var canRate: Bool
        }
        struct Day: Decodable {
            var day: String
            var visits: [Visit]
        }
        struct Week: Decodable { var days: [Day] }
        var weeks: [Week]
    }

    struct MyRequestJSON: Decodable {
        var id: UUID
        var text: String
        var stateClass: String
    }

    struct MyRequestsJSON: Decodable { var requests: [MyRequestJSON] }
}
