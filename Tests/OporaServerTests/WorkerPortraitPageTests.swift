import Fluent
import Foundation
import OporaCore
import Testing
import VaporTesting

@testable import OporaServer

@Suite("A visiting worker's photo on the person's week")
struct WorkerPortraitPageTests {
    /// A JPEG's structure, with an EXIF segment that names a place.
    static let jpeg: [UInt8] = {
        func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
            [0xFF, marker, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xFF)] + payload
        }
        return [0xFF, 0xD8] + segment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
            + segment(0xE1, Array("Exif\0\0GPS 42.2830 22.6911".utf8)) + segment(0xDA, [1, 1, 0, 0, 0x3F, 0])
            + [0x12, 0x34, 0xFF, 0xD9]
    }()

    @Test(
        "The photo is shown only with the worker's agreement, only to people the worker visits, and is gone when taken back"
    )
    func photoOnTheWeek() async throws {
        try await withOpora { app, _ in
            let visited = try await MyPageTests.file(app, given: "Стефка", family: "Ангелова", serial: 21)
            let other = try await MyPageTests.file(app, given: "Милка", family: "Данова", serial: 23)
            let today = CalendarDay.today(at: app.clock.now())
            _ = try await MyPageTests.visit(app, person: visited.person.id, day: today.adding(days: 1), minute: 600)
            let careworker = try #require(try await User.query(on: app.db).filter(\.$username == "careworker").first())
            let photoPath = "/my/workers/\(careworker.id!)/photo"

            let worker = Browser(app)
            _ = try await worker.signIn("careworker")
            func send(
                _ fields: [(String, String)],
                _ bytes: [UInt8],
                type: String = "image/jpeg"
            ) async throws
                -> TestingHTTPResponse
            {
                try await worker.upload(
                    "/home-care/my-photo",
                    fields,
                    file: ("photo", "me.jpg", type, bytes),
                    from: "/home-care/my-photo"
                )
            }
            let unticked = try await send([], Self.jpeg)
            #expect(unticked.status == .unprocessableEntity)
            #expect(unticked.body.string.contains("Снимката се показва само с ваше съгласие"))
            let notAPicture = try await send([("agree", "yes")], Array("<svg/>".utf8), type: "image/svg+xml")
            #expect(notAPicture.status == .unprocessableEntity)
            #expect(notAPicture.body.string.contains("Файлът не е снимка във формат JPEG или PNG"))
            #expect(try await WorkerPortraitRecord.query(on: app.db).count() == 0)

            #expect(try await send([("agree", "yes")], Self.jpeg).status == .seeOther)
            let stored = try #require(try await WorkerPortraitRecord.query(on: app.db).first())
            #expect(!stored.imageSealed.contains(String(Data(Self.jpeg).base64EncodedString().prefix(16))))
            let own = try await worker.get("/home-care/my-photo/image")
            #expect(own.status == .ok && own.headers.contentType == .jpeg)
            #expect(!String(decoding: own.body.readableBytesView, as: UTF8.self).contains("GPS"))
            #expect(own.headers.first(name: .cacheControl) == "private, max-age=300")

            let (person, _) = try await MyPageTests.redeem(app, try await MyPageTests.invite(app, visited.person.id))
            #expect(try await person.get("/my/week").body.string.contains(photoPath))
            #expect(try await person.get(photoPath).status == .ok)
            // Someone the worker does not visit is answered as if there were no photo.
            let (stranger, _) = try await MyPageTests.redeem(app, try await MyPageTests.invite(app, other.person.id))
            #expect(try await stranger.get(photoPath).status == .notFound)
            #expect(try await Browser(app).get(photoPath).status == .seeOther)

            #expect(
                try await worker.post("/home-care/my-photo/remove", [], from: "/home-care/my-photo").status == .seeOther
            )
            #expect(try await WorkerPortraitRecord.query(on: app.db).count() == 0)
            #expect(try await person.get(photoPath).status == .notFound)
            #expect(!(try await person.get("/my/week")).body.string.contains(photoPath))
            let audited = try await AuditEvent.query(on: app.db).filter(\.$recordID == careworker.id!.uuidString)
                .filter(\.$action ~~ ["portrait.agreed", "portrait.withdrawn"]).count()
            #expect(audited == 2)
        }
    }
}
