import Fluent
import Foundation
import OporaCore
import SQLKit
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Operations")
struct OperationsTests {
    @Test("Health, readiness and metrics answer; metrics count requests by route pattern")
    func probes() async throws {
        try await withOpora(seed: false) { app, _ async throws in
            #expect(try await app.testing().sendRequest(.GET, "/healthz").status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/readyz").status == .ok)
            _ = try await app.testing().sendRequest(.GET, "/sign-in")
            #expect(try await app.testing().sendRequest(.GET, "/metrics").status == .unauthorized)
            let metrics = try await app.testing().sendRequest(
                .GET,
                "/metrics",
                headers: ["Authorization": "Bearer \(testMetricsToken)"]
            ).body.string
            #expect(metrics.contains(#"opora_http_requests_total{method="GET",route="/sign-in",status="200"} 1"#))
            #expect(metrics.contains("opora_http_request_duration_seconds_bucket"))
        }
    }

    @Test("Pages carry the security headers")
    func securityHeaders() async throws {
        try await withOpora(seed: false) { app, _ async throws in
            let response = try await app.testing().sendRequest(.GET, "/sign-in")
            let policy = response.headers.first(name: "Content-Security-Policy") ?? ""
            #expect(policy.contains("frame-ancestors 'none'"))
            #expect(policy.contains("script-src 'self'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(response.headers.first(name: "Referrer-Policy") == "same-origin")
            #expect(!response.body.string.contains("<script>"))
        }
    }

    @Test("All migrations revert and apply again")
    func migrationsRoundTrip() async throws {
        try await withOpora(seed: false) { app, _ async throws in
            #expect(try await Settlement.query(on: app.db).count() == 5256)
            #expect(try await Municipality.query(on: app.db).count() == 265)
            #expect(try await Oblast.query(on: app.db).count() == 28)
            try await app.autoRevert()
            try await app.autoMigrate()
            #expect(try await Settlement.query(on: app.db).filter(\.$municipalityCode == "KNL29").count() == 72)
        }
    }

    @Test("The demo seed brings 300 people with cases in every state and does not run twice")
    func demoSeed() async throws {
        try await withOpora(seed: false) { app, _ async throws in
            #expect(try await DemoSeed.seed(app) == true)
            // The demo's accounts with the Sofia outreach team, the home-care centre's staff who sign
            // in on their phones, and a person served and a representative who see their own page.
            #expect(
                try await User.query(on: app.db).count()
                    == 11 + DemoProviders.outreachAccounts.count + DemoStaff.names.count + 2
            )
            #expect(try await StaffMember.query(on: app.db).count() == 1 + DemoStaff.names.count)
            #expect(try await Person.query(on: app.db).count() == DemoPeople.count)
            let states = Set(try await SupportCase.query(on: app.db).all().map(\.state))
            #expect(states == Set(CaseState.allCases))
            let referralStates = Set(try await Referral.query(on: app.db).all().map(\.status))
            #expect(referralStates == Set(ReferralStatus.allCases))
            #expect(try await SupportPlanVersion.query(on: app.db).count() > 0)
            #expect(try await AuditTrail.verify(on: app.db).firstBreak == nil)
            #expect(try await DemoSeed.seed(app) == false)
            #expect(try await Person.query(on: app.db).count() == DemoPeople.count)
        }
    }
}
