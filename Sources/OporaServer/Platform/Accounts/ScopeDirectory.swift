import Fluent
import Foundation
import OporaCore
import Vapor

/// The oblasts, municipalities and providers that role grants and accounts name.
///
/// They belong to the reference capabilities, which set the directory in `configure`; accounts
/// ask it and name none of their types.
protocol ScopeDirectory: Sendable {
    /// The unit's name in the language, or `nil` when `code` names nothing.
    func name(of kind: ScopeKind, _ code: String, in language: Language, on db: any Database) async throws -> String?
    /// Where a municipality or a provider lies; `nil` when `code` names nothing.
    func place(of kind: ScopeKind, _ code: String, on db: any Database) async throws -> ScopePlace?
    /// The providers in the scope, in Bulgarian order, for choosing the provider a user works for.
    func providers(in scope: AccessScope, on db: any Database) async throws -> [ScopeUnit]
    /// Names of the providers with these ids; ids that name nothing are left out.
    func providerNames(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String]
}

struct ScopePlace: Sendable, Equatable {
    var oblast: String
    var municipality: String?
}

struct ScopeUnit: Sendable {
    var code: String
    var name: String
}

extension Application {
    private struct ScopeDirectoryKey: StorageKey { typealias Value = any ScopeDirectory }

    var scopeDirectory: any ScopeDirectory {
        get {
            guard let directory = storage[ScopeDirectoryKey.self] else {
                fatalError("configure sets the scope directory before any request")
            }
            return directory
        }
        set { storage[ScopeDirectoryKey.self] = newValue }
    }
}
