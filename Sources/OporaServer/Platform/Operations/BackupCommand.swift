import Vapor

/// `opora backup FILE`: a consistent copy while the server runs, with a manifest beside it.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Where to write the backup")
        var file: String
    }

    var help: String { "Writes a consistent backup of the database and its manifest" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let path = URL(fileURLWithPath: signature.file).standardizedFileURL.path
        try await migrate(context.application)
        let manifest = try await DatabaseBackup.backup(context.application, to: path)
        let rows = manifest.counts.values.reduce(0, +)
        context.console.print(
            "Backup of \(rows) rows written to \(path) with its manifest \(BackupManifest.path(for: path))."
        )
    }
}

/// `opora restore FILE`: replaces the database with a backup and checks what it restored.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "A file written by `opora backup`")
        var file: String
    }

    var help: String { "Restores a backup and verifies it (stop the server first)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let path = URL(fileURLWithPath: signature.file).standardizedFileURL.path
        let result = try await DatabaseBackup.restore(context.application, from: path)
        let rows = result.manifest.counts.values.reduce(0, +)
        context.console.print(
            "Restored \(path): \(rows) rows in \(result.manifest.counts.count) tables match the manifest; "
                + "audit chain of \(result.auditEntries) entries intact."
        )
    }
}
