import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import SQLKit
import Vapor

/// Builds the application exactly as production runs it; tests call it with their own settings.
public func configure(_ app: Application, configuration: OporaConfiguration? = nil, passwordCost: Int = 12) async throws
{
    let configuration = try configuration ?? OporaConfiguration.fromEnvironment()
    app.opora = configuration
    app.logger.logLevel = configuration.logLevel
    app.catalogue = try Catalogue.load(from: app.directory.resourcesDirectory)
    app.dataKey = try DataKey.load(configuration: configuration)
    app.passwords.use(.bcrypt(cost: passwordCost))
    app.routes.defaultMaxBodySize = "1mb"
    ContentConfiguration.global.use(decoder: FormLineEndings(), for: .urlEncodedForm)

    switch configuration.storage {
    case .sqliteFile(let path):
        try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        try DatabaseFiles.restrict(path)
        app.databases.use(.sqlite(.file(path), sqlLogLevel: .debug), as: .sqlite)
        app.databases.use(.sqlite(.file(path), sqlLogLevel: .debug), as: .sqliteWrites, isDefault: false)
        app.writesDatabase = .sqliteWrites
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory, sqlLogLevel: .debug), as: .sqlite)
    case .postgres(let url):
        // TLS follows the URL's `sslmode`/`tlsmode` (default: prefer).
        var postgres = try SQLPostgresConfiguration(url: url)
        // pg_trgm lives in `public`; the schema comes first so Opora's tables are found there.
        if let schema = configuration.postgresSchema { postgres.searchPath = [schema, "public"] }
        app.databases.use(.postgres(configuration: postgres, sqlLogLevel: .debug), as: .psql)
    }

    app.capabilities = Capabilities(
        reference: [TerritoryCapability(), OrganisationsCapability()],
        others: [
            CasesCapability(), HomeCareCapability(), MyPageCapability(), OutreachCapability(), CoDesignCapability(),
            PlanningCapability(),
        ]
    )
    app.scopeDirectory = OrganisationDirectory()
    app.migrations.add(Migrations.all(app.capabilities, key: app.dataKey))
    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(SeedCommand(), as: "seed")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(AuditCommand(), as: "audit")
    app.asyncCommands.use(CreateAdminCommand(), as: "create-admin")
    app.asyncCommands.use(HoursBenchCommand(), as: "bench-hours")

    app.views.use(.leaf)
    app.leaf.configuration.rootDirectory = app.directory.viewsDirectory
    app.leaf.tags["t"] = TranslationTag()
    app.middleware = Middlewares()
    app.middleware.use(RoutePatternLogging())
    app.middleware.use(MetricsMiddleware())
    app.middleware.use(SecurityHeaders())
    app.middleware.use(ErrorPages())
    app.middleware.use(PublicFiles(publicDirectory: app.directory.publicDirectory))

    try routes(app)
    for capability in app.capabilities.all { capability.start(app) }
}

/// Runs pending migrations before `serve`, so the first command of the README needs no other step.
public func migrateIfServing(_ app: Application) async throws {
    let command = app.environment.arguments.dropFirst().first
    if command == nil || command == "serve" || command?.hasPrefix("-") == true {
        try await migrate(app)
    }
}

/// Applies pending migrations; on a SQLite file also switches to WAL, which the file remembers,
/// so readers proceed while one writer commits. The driver turns foreign keys on per connection.
func migrate(_ app: Application) async throws {
    if case .sqliteFile = app.opora.storage {
        _ = try await app.db.sql().raw("PRAGMA journal_mode=WAL").all()
    }
    try await app.autoMigrate()
}

enum Migrations {
    /// In order: the reference capabilities' tables, Platform's (accounts belong to providers), then
    /// the other capabilities'. Those that rewrite sealed data are given the data key.
    static func all(_ capabilities: Capabilities, key: DataKey) -> [any Migration] {
        capabilities.reference.flatMap { $0.migrations(key: key) } + platform
            + capabilities.others.flatMap { $0.migrations(key: key) }
    }

    /// One migration per change, in order.
    static let platform: [any Migration] = [
        CreateAccounts(),
        CreateAuditEvents(),
        CreateSubjectKeys(),
        CreateCredentialLimits(),
        CreateFormSubmissions(),
        PlaceUsersByProvider(),
    ]
}
