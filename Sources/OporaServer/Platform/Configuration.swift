import Foundation
import Vapor

/// Settings read once from the environment, with each default beside its read.
///
/// Failing fast with the full list of problems saves an operator from fixing one variable per restart.
public struct OporaConfiguration: Sendable {
    public enum Storage: Sendable, Equatable {
        case sqliteFile(path: String)
        case sqliteMemory
        case postgres(url: String)
    }

    public var storage: Storage
    public var dataDirectory: String
    /// Base64 of 32 bytes; when absent a key file is created in the data directory.
    public var dataKey: String?
    public var sessionIdleMinutes: Int
    /// A browser session ends this long after sign-in, however busy.
    public var sessionMaxHours: Int
    /// Lifetime of a personal API token, and of one obtained by signing in through the API.
    public var tokenDays: Int
    public var signInTokenHours: Int
    /// `/metrics` answers only with `Authorization: Bearer` of this value; without it, not at all.
    public var metricsToken: String?
    /// Cookies carry `Secure` when Opora is served behind HTTPS.
    public var secureCookies: Bool
    public var demoPassword: String
    /// Behind nginx the client's address comes from `X-Forwarded-For`; trusting it otherwise
    /// would let anyone dodge the per-address sign-in limit.
    public var trustProxy: Bool
    public var logLevel: Logger.Level
    /// A PostgreSQL schema to work in instead of `public`; tests give each case its own.
    public var postgresSchema: String?
    /// How long one planning of a home-care week searches, and on how many threads; the
    /// server's pages keep the other cores.
    public var planningSeconds: Int = 30
    public var planningThreads: Int = 1

    public static let defaultDemoPassword = "opora-demo-2026"

    public static func fromEnvironment(
        _ env: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> OporaConfiguration {
        var problems: [String] = []
        let dataDirectory = env["OPORA_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "./data"
        let storage: Storage
        if let url = env["DATABASE_URL"], !url.isEmpty {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
                storage = .postgres(url: url)
            } else {
                problems.append("DATABASE_URL must start with postgres:// (got a different scheme)")
                storage = .sqliteMemory
            }
        } else {
            storage = .sqliteFile(path: (dataDirectory as NSString).appendingPathComponent("opora.sqlite"))
        }
        let idle = env["OPORA_SESSION_IDLE_MINUTES"].map { Int($0) } ?? 30
        if idle == nil || !(1...1440).contains(idle!) {
            problems.append("OPORA_SESSION_IDLE_MINUTES must be a whole number of minutes, 1…1440")
        }
        func whole(_ name: String, default value: Int, range: ClosedRange<Int>, unit: String) -> Int {
            guard let raw = env[name], !raw.isEmpty else { return value }
            guard let number = Int(raw), range.contains(number) else {
                problems.append("\(name) must be a whole number of \(unit), \(range.lowerBound)…\(range.upperBound)")
                return value
            }
            return number
        }
        let sessionMaxHours = whole("OPORA_SESSION_MAX_HOURS", default: 12, range: 1...168, unit: "hours")
        let tokenDays = whole("OPORA_TOKEN_DAYS", default: 30, range: 1...366, unit: "days")
        let signInTokenHours = whole("OPORA_SIGN_IN_TOKEN_HOURS", default: 12, range: 1...168, unit: "hours")
        let metricsToken = env["OPORA_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        if let metricsToken, metricsToken.count < 16 {
            problems.append("OPORA_METRICS_TOKEN must be at least 16 characters")
        }
        let secure: Bool
        switch env["OPORA_SECURE_COOKIES"]?.lowercased() {
        case nil, "", "0", "false", "no": secure = false
        case "1", "true", "yes": secure = true
        default:
            problems.append("OPORA_SECURE_COOKIES must be true or false")
            secure = false
        }
        let trustProxy: Bool
        switch env["OPORA_TRUST_PROXY"]?.lowercased() {
        case nil, "", "0", "false", "no": trustProxy = false
        case "1", "true", "yes": trustProxy = true
        default:
            problems.append("OPORA_TRUST_PROXY must be true or false")
            trustProxy = false
        }
        let level = env["LOG_LEVEL"].map { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        if level == nil {
            problems.append("LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical")
        }
        let planningSeconds = whole("OPORA_PLANNING_SECONDS", default: 30, range: 1...3600, unit: "seconds")
        let planningThreads = whole("OPORA_PLANNING_THREADS", default: 1, range: 1...64, unit: "threads")
        if let key = env["OPORA_DATA_KEY"], !key.isEmpty, Data(base64Encoded: key)?.count != 32 {
            problems.append("OPORA_DATA_KEY must be 32 bytes in base64 (openssl rand -base64 32)")
        }
        guard problems.isEmpty else { throw ConfigurationProblems(problems: problems) }
        var configuration = OporaConfiguration(
            storage: storage,
            dataDirectory: dataDirectory,
            dataKey: env["OPORA_DATA_KEY"].flatMap { $0.isEmpty ? nil : $0 },
            sessionIdleMinutes: idle ?? 30,
            sessionMaxHours: sessionMaxHours,
            tokenDays: tokenDays,
            signInTokenHours: signInTokenHours,
            metricsToken: metricsToken,
            secureCookies: secure,
            demoPassword: env["OPORA_DEMO_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultDemoPassword,
            trustProxy: trustProxy,
            logLevel: level ?? .info,
            postgresSchema: nil
        )
        configuration.planningSeconds = planningSeconds
        configuration.planningThreads = planningThreads
        return configuration
    }
}

public struct ConfigurationProblems: Error, CustomStringConvertible {
    public let problems: [String]
    public var description: String {
        "Opora cannot start; fix these settings:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

extension Application {
    private struct ConfigurationKey: StorageKey { typealias Value = OporaConfiguration }

    public var opora: OporaConfiguration {
        get {
            guard let value = storage[ConfigurationKey.self] else { fatalError("configure(_:) has not run") }
            return value
        }
        set { storage[ConfigurationKey.self] = newValue }
    }
}
