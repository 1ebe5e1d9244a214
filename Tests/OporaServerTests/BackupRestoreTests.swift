import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import OporaServer

@Suite("Backup and restore")
struct BackupRestoreTests {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "opora-backup-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("A backup restores to exactly what it held, and the restore checks itself")
    func roundTrip() async throws {
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let backup = folder + "/opora.backup"
        if TestDatabase.postgresURL != nil {
            try await withOpora { app, _ async throws in
                let taken = try await DatabaseBackup.backup(app, to: backup)
                try await AddressThrottle.query(on: app.db).delete()
                try await Provider.query(on: app.db).set(\.$name, to: "Променено след архива").update()
                let restored = try await DatabaseBackup.restore(app, from: backup)
                #expect(restored.manifest.counts == taken.counts)
                #expect(try await Provider.query(on: app.db).filter(\.$name == "Променено след архива").count() == 0)
            }
            return
        }
        let database = folder + "/opora.sqlite"
        var taken: BackupManifest?
        try await withOpora(storage: .sqliteFile(path: database)) { app, _ in
            _ = try await Browser(app).signIn("admin")
            taken = try await DatabaseBackup.backup(app, to: backup)
            try await Provider.query(on: app.db).set(\.$name, to: "Променено след архива").update()
        }
        try await withOpora(seed: false, storage: .sqliteFile(path: database)) { app, _ in
            let changed = try await Provider.query(on: app.db).filter(\.$name == "Променено след архива").count()
            #expect(changed == 5)
        }
        try await restoreIntoFreshProcess(database: database, backup: backup) { _, result in
            #expect(result.manifest.counts == taken?.counts)
            #expect(result.auditEntries > 10)
        }
        try await withOpora(seed: false, storage: .sqliteFile(path: database)) { app, _ in
            let changed = try await Provider.query(on: app.db).filter(\.$name == "Променено след архива").count()
            #expect(changed == 0)
            let users = try await User.query(on: app.db).count()
            #expect(users == 11 + DemoProviders.outreachAccounts.count)
        }
    }

    @Test("A restore into a fresh data folder checks the restored file, not the empty one it replaced")
    func restoreIntoFreshFolder() async throws {
        guard TestDatabase.postgresURL == nil else { return }
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let backup = folder + "/opora.backup"
        var taken: BackupManifest?
        try await withOpora(storage: .sqliteFile(path: folder + "/source.sqlite")) { app, _ in
            taken = try await DatabaseBackup.backup(app, to: backup)
        }
        try await restoreIntoFreshProcess(database: folder + "/fresh.sqlite", backup: backup) { _, result in
            #expect(result.manifest.counts == taken?.counts)
        }
    }

    @Test("A restore that does not match its manifest is reported, naming the table")
    func mismatchIsReported() async throws {
        guard TestDatabase.postgresURL == nil else { return }
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/opora.sqlite"
        let backup = folder + "/opora.backup"
        try await withOpora(storage: .sqliteFile(path: database)) { app, _ in
            _ = try await DatabaseBackup.backup(app, to: backup)
        }
        var manifest = try BackupManifest.load(from: BackupManifest.path(for: backup))
        manifest.counts["providers"] = 99
        try FileManager.default.removeItem(atPath: BackupManifest.path(for: backup))
        try manifest.write(to: BackupManifest.path(for: backup))
        await #expect(throws: CommandUsage.self) {
            try await restoreIntoFreshProcess(database: database, backup: backup) { _, _ in }
        }
    }

    /// The server is stopped for a restore; a new application stands in for the `opora restore` process.
    private func restoreIntoFreshProcess(
        database: String,
        backup: String,
        _ check: (Application, (manifest: BackupManifest, auditEntries: Int)) async throws -> Void
    ) async throws {
        let app = try await Application.make(.testing)
        app.directory = DirectoryConfiguration(workingDirectory: packageRoot)
        do {
            var configuration = try OporaConfiguration.fromEnvironment([
                "OPORA_DATA_KEY": Data(repeating: 7, count: 32).base64EncodedString()
            ])
            configuration.storage = .sqliteFile(path: database)
            try await configure(app, configuration: configuration, passwordCost: 4)
            // As `opora restore` does when it starts: its connections are open before the restore.
            _ = try await app.db.sql().raw("SELECT 1").all()
            let result = try await DatabaseBackup.restore(app, from: backup)
            try await check(app, result)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
