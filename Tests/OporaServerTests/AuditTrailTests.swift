import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Audit trail")
struct AuditTrailTests {
    @Test("Sign-ins and changes are recorded with who, what and the changed fields, and the chain verifies")
    func recordsChanges() async throws {
        try await withOpora { app, _ async throws in
            let api = try await APIClient.signIn(app, "director")
            let response = try await api.call(
                .PATCH,
                "/providers/\(DemoProviders.ngo.id)",
                json: #"{"phone":"+359 78 123 456","version":1}"#
            )
            #expect(response.status == .ok)
            let event = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "provider.updated").first()
            )
            #expect(event.actorName == "director")
            #expect(event.recordID == DemoProviders.ngo.id.uuidString)
            #expect(event.changes == #"{"phone":[null,"+359 78 123 456"]}"#)
            let verdict = try await AuditTrail.verify(on: app.db)
            #expect(verdict.firstBreak == nil)
            #expect(verdict.checked == (try await AuditEvent.query(on: app.db).count()))
        }
    }

    @Test("Editing an entry in the database is detected at that entry")
    func detectsEdit() async throws {
        try await withOpora { app, _ async throws in
            try await app.db.sql().raw("UPDATE audit_events SET actor_name = 'someone-else' WHERE seq = 3").run()
            let verdict = try await AuditTrail.verify(on: app.db)
            #expect(verdict.firstBreak?.seq == 3)
            #expect(verdict.checked == 2)
        }
    }

    @Test("Deleting an entry is detected where the gap is")
    func detectsDeletion() async throws {
        try await withOpora { app, _ async throws in
            try await app.db.sql().raw("DELETE FROM audit_events WHERE seq = 5").run()
            #expect(try await AuditTrail.verify(on: app.db).firstBreak?.seq == 5)
        }
    }

    @Test("Recomputing one entry's hash after editing it still breaks the next link")
    func detectsRehashedEdit() async throws {
        try await withOpora { app, _ async throws in
            let event = try #require(try await AuditEvent.query(on: app.db).filter(\.$seq == 4).first())
            event.action = "nothing.happened"
            event.hash = AuditTrail.hash(of: event, previous: event.prevHash)
            try await event.update(on: app.db)
            #expect(try await AuditTrail.verify(on: app.db).firstBreak?.seq == 5)
        }
    }

    @Test("The administrator filters the trail by user")
    func pageFiltersByUser() async throws {
        try await withOpora { app, _ async throws in
            _ = try await Browser(app).signIn("caseworker")
            let admin = Browser(app)
            _ = try await admin.signIn("admin")
            let page = try await admin.get("/admin/audit?user=caseworker").body.string
            #expect(page.contains("<td>sign-in</td>"))
            #expect(!page.contains("<td>admin</td>"))
            let badDate = try await admin.get("/admin/audit?from=25.11.2026")
            #expect(badDate.body.string.contains("ГГГГ-ММ-ДД"))
        }
    }
}
