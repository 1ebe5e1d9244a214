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
    /// Cookies carry `Secure` when Opora is served behind HTTPS.
    public var secureCookies: Bool
    public var demoPassword: String
    /// Behind nginx the client's address comes from `X-Forwarded-For`; trusting it otherwise
    /// would let anyone dodge the per-address sign-in limit.
    public var trustProxy: Bool
    public var logLevel: Logger.Level
    /// A PostgreSQL schema to work in instead of `public`; tests give each case its own.
    public var postgresSchema: String?

    public static let defaultDemoPassword = "opora-demo-2026"

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> OporaConfiguration {
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
        if idle == nil || idle! < 1 {
            problems.append("OPORA_SESSION_IDLE_MINUTES must be a whole number of minutes, at least 1")
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
        if level == nil { problems.append("LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical") }
        if let key = env["OPORA_DATA_KEY"], !key.isEmpty, Data(base64Encoded: key)?.count != 32 {
            problems.append("OPORA_DATA_KEY must be 32 bytes in base64 (openssl rand -base64 32)")
        }
        guard problems.isEmpty else { throw ConfigurationProblems(problems: problems) }
        return OporaConfiguration(
            storage: storage,
            dataDirectory: dataDirectory,
            dataKey: env["OPORA_DATA_KEY"].flatMap { $0.isEmpty ? nil : $0 },
            sessionIdleMinutes: idle ?? 30,
            secureCookies: secure,
            demoPassword: env["OPORA_DEMO_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultDemoPassword,
            trustProxy: trustProxy,
            logLevel: level ?? .info,
            postgresSchema: nil
        )
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
