import Fluent
import Foundation
import NIOConcurrencyHelpers
import OporaCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import OporaServer

/// A clock tests can move forward, so idle limits and lockouts need no waiting.
final class TestClock: Sendable {
    private let current = NIOLockedValueBox(Date(timeIntervalSince1970: 1_795_000_000))

    var now: Date { current.withLockedValue { $0 } }

    func advance(minutes: Double) {
        current.withLockedValue { $0 = $0.addingTimeInterval(minutes * 60) }
    }
}

enum TestDatabase {
    /// `DATABASE_URL` selects PostgreSQL; each test then works in a schema of its own.
    static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else { return nil }
        precondition(
            url.contains("@127.0.0.1") || url.contains("@localhost"),
            "Tests refuse a non-local database: \(url)"
        )
        return url
    }

    static var name: String { postgresURL == nil ? "SQLite" : "PostgreSQL" }
}

/// The package root, so that Leaf, the catalogues and the OpenAPI document are found.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path + "/"
}()

let testMetricsToken = "metrics-scraper-token-for-tests"

/// Builds Opora as production does, on a fresh database, with the demo seeded; always shuts down.
func withOpora(
    seed: Bool = true,
    storage: OporaConfiguration.Storage? = nil,
    _ test: (Application, TestClock) async throws -> Void
) async throws {
    let clock = TestClock()
    let app = try await Application.make(.testing)
    app.directory = DirectoryConfiguration(workingDirectory: packageRoot)
    app.clock = Clock(now: { clock.now })
    var schema: String?
    do {
        var configuration = try OporaConfiguration.fromEnvironment([
            "OPORA_DATA_KEY": Data((0..<32).map { UInt8($0) }).base64EncodedString(),
            "LOG_LEVEL": "warning",
            "OPORA_TRUST_PROXY": "true",
            "OPORA_METRICS_TOKEN": testMetricsToken,
        ])
        if let storage {
            configuration.storage = storage
        } else if let url = TestDatabase.postgresURL {
            schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            configuration.storage = .postgres(url: url)
            configuration.postgresSchema = schema
        } else {
            configuration.storage = .sqliteMemory
        }
        try await configure(app, configuration: configuration, passwordCost: 4)
        if let schema {
            try await PostgresExtensions.ensure(app)
            try await app.db.sql().raw("CREATE SCHEMA \(ident: schema)").run()
        }
        try await migrate(app)
        if seed { _ = try await DemoSeed.seed(app, small: true) }
        try await test(app, clock)
    } catch {
        await cleanUp(app, schema: schema)
        throw error
    }
    await cleanUp(app, schema: schema)
}

private func cleanUp(_ app: Application, schema: String?) async {
    if let schema {
        try? await app.db.sql().raw("DROP SCHEMA \(ident: schema) CASCADE").run()
    }
    try? await app.asyncShutdown()
}

let demoPassword = OporaConfiguration.defaultDemoPassword

/// pg_trgm is installed once per database; tests running at once must not race to create it.
actor PostgresExtensions {
    private static let shared = PostgresExtensions()
    private var installing: Task<Void, any Error>?

    static func ensure(_ app: Application) async throws { try await shared.ensure(app) }

    private func ensure(_ app: Application) async throws {
        if installing == nil {
            let db = app.db
            installing = Task { try await db.sql().raw("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public").run() }
        }
        try await installing!.value
    }
}
