import Fluent
import OporaCore
import Vapor

/// `opora seed --demo`: the demo municipality of Kyustendil with its providers and one user per role.
struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "demo", help: "Seed the demo municipality (Kyustendil) and one user per role")
        var demo: Bool
    }

    var help: String { "Seeds demo data; only this command creates the demo users" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.demo else { throw CommandUsage(message: "Nothing to seed; use: opora seed --demo") }
        let app = context.application
        try await migrate(app)
        let created = try await DemoSeed.seed(app)
        if created {
            context.console.print("Demo municipality Кюстендил (KNL29) seeded.")
        } else {
            context.console.print("Demo data is already present; nothing changed.")
        }
        context.console.print(DemoSeed.loginSummary(app))
    }
}
