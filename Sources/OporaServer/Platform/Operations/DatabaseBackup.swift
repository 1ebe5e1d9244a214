import Fluent
import Foundation
import SQLKit
import Vapor

/// Backup and verified restore for both databases.
///
/// SQLite: `VACUUM INTO` writes a transactionally consistent snapshot through SQLite itself (the
/// guarantee of the online backup API) while the server keeps running. PostgreSQL: `pg_dump
/// --format=custom`, which reads one snapshot, and `pg_restore` in a single transaction.
enum DatabaseBackup {
    static func backup(_ app: Application, to path: String) async throws -> BackupManifest {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CommandUsage(message: "\(path) exists already; choose a new file name")
        }
        let manifest: BackupManifest
        switch app.opora.storage {
        case .sqliteFile, .sqliteMemory:
            try await app.db.sql().raw("VACUUM INTO \(bind: path)").run()
            // The manifest describes the snapshot itself, read back from the file just written.
            let id = DatabaseID(string: "backup-\(UUID().uuidString)")
            app.databases.use(.sqlite(.file(path)), as: id, isDefault: false)
            manifest = try await BackupManifest.read(from: app.db(id), kind: "sqlite", at: app.clock.now())
        case .postgres(let url):
            // pg_dump reads the snapshot this transaction exports, so the manifest counts the very
            // rows the dump holds even while the server keeps writing.
            manifest = try await app.db.transaction { db in
                let sql = try db.sql()
                try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").run()
                let row = try await sql.raw("SELECT pg_export_snapshot() AS snapshot").first()
                let snapshot = try row?.decode(column: "snapshot", as: String.self) ?? ""
                let manifest = try await BackupManifest.read(from: db, kind: "postgresql", at: app.clock.now())
                try PostgresTools.run(
                    "pg_dump",
                    ["--format=custom", "--no-owner", "--snapshot=\(snapshot)", "--file=\(path)"]
                        + schemaArguments(app) + [url]
                )
                return manifest
            }
        }
        try manifest.write(to: BackupManifest.path(for: path))
        return manifest
    }

    /// Stop the server first: the database is replaced underneath any open connection, and the
    /// application's own connections still see the replaced file until it restarts.
    static func restore(
        _ app: Application,
        from path: String
    ) async throws -> (manifest: BackupManifest, auditEntries: Int) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandUsage(message: "\(path) does not exist")
        }
        let expected = try BackupManifest.load(from: BackupManifest.path(for: path))
        // What was restored is read through connections opened after it: on SQLite the
        // application's own were opened on the file that the restore replaced, and would check it.
        var restored: any Database = app.db
        switch app.opora.storage {
        case .sqliteFile(let target):
            try SQLiteRestore.replace(target: target, with: path)
            let id = DatabaseID(string: "restored-\(UUID().uuidString)")
            app.databases.use(.sqlite(.file(target)), as: id, isDefault: false)
            restored = app.db(id)
        case .sqliteMemory:
            throw CommandUsage(message: "An in-memory database cannot be restored into")
        case .postgres(let url):
            try PostgresTools.run(
                "pg_restore",
                ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname=\(url)"]
                    + schemaArguments(app) + [path]
            )
        }
        if case .sqliteFile = app.opora.storage {
            let integrity = try await restored.sql().raw("PRAGMA integrity_check").first()
            let verdict = try integrity?.decode(column: "integrity_check", as: String.self) ?? ""
            guard verdict == "ok" else {
                throw CommandUsage(message: "The restored database failed its integrity check: \(verdict)")
            }
        }
        let found = try await BackupManifest.read(from: restored, kind: expected.database, at: app.clock.now())
        let differences = expected.differences(from: found)
        guard differences.isEmpty else {
            throw CommandUsage(
                message: "The restored database does not match the backup:\n  " + differences.joined(separator: "\n  ")
            )
        }
        let audit = try await AuditTrail.verify(on: restored)
        if let broken = audit.firstBreak { throw AuditChainBroken(seq: broken.seq) }
        return (found, audit.checked)
    }

    private static func schemaArguments(_ app: Application) -> [String] {
        app.opora.postgresSchema.map { ["--schema=\($0)"] } ?? []
    }
}

enum SQLiteRestore {
    /// Copies the backup beside the target and renames it into place, removing the old WAL files
    /// so SQLite does not replay them over the restored pages.
    static func replace(target: String, with backup: String) throws {
        let files = FileManager.default
        let staging = target + ".restoring"
        try? files.removeItem(atPath: staging)
        try files.copyItem(atPath: backup, toPath: staging)
        for suffix in ["-wal", "-shm"] { try? files.removeItem(atPath: target + suffix) }
        if files.fileExists(atPath: target) { try files.removeItem(atPath: target) }
        try files.moveItem(atPath: staging, toPath: target)
    }
}

/// `pg_dump` and `pg_restore` from PostgreSQL 15's Debian location or PATH.
enum PostgresTools {
    static func run(_ tool: String, _ arguments: [String]) throws {
        let candidates = ["/usr/lib/postgresql/15/bin/\(tool)", "/usr/bin/\(tool)", "/usr/local/bin/\(tool)"]
        guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CommandUsage(message: "\(tool) is not installed (apt-get install postgresql-client-15)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandUsage(message: "\(tool) failed: \(message)")
        }
    }
}
