import Fluent
import Vapor

/// `opora migrate`: applies pending migrations without asking, so it can run from scripts.
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "revert", help: "Revert the last batch of migrations instead")
        var revert: Bool
    }

    var help: String { "Applies pending database migrations (SQLite or PostgreSQL)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        if signature.revert {
            try await context.application.autoRevert()
            context.console.print("Reverted the last batch of migrations.")
        } else {
            try await migrate(context.application)
            context.console.print("Database is up to date.")
        }
    }
}
