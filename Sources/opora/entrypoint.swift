import OporaServer
import Vapor

@main
enum Entrypoint {
    static func main() async throws {
        var env = try Environment.detect()
        // Without `--env`, Opora runs as production: in Vapor's development mode Leaf parses every
        // template from disk on every request, which cost most of a page's time. `--env development`
        // brings that back while editing templates.
        let named = CommandLine.arguments.contains { $0 == "--env" || $0 == "-e" || $0.hasPrefix("--env=") }
        if !named, ProcessInfo.processInfo.environment["VAPOR_ENV"] == nil {
            env = Environment(name: Environment.production.name, arguments: env.arguments)
        }
        // The same default level in every environment (Vapor's production default is notice).
        if ProcessInfo.processInfo.environment["LOG_LEVEL"] == nil { setenv("LOG_LEVEL", "info", 0) }
        try LoggingSystem.bootstrap(from: &env)
        let app = try await Application.make(env)
        do {
            try await configure(app)
            try await migrateIfServing(app)
            try await app.execute()
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
