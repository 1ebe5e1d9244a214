import Fluent
import OporaCore
import Vapor

/// A person who signs in. Staff of a provider carry the provider and their job title.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int

    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "sort_key") var sortKey: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "language") var language: String
    @Field(key: "disabled") var disabled: Bool
    @Field(key: "failed_attempts") var failedAttempts: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @OptionalParent(key: "provider_id") var provider: Provider?
    @OptionalEnum(key: "job_title") var jobTitle: JobTitle?

    @Children(for: \.$user) var grants: [RoleGrant]

    init() {}

    /// A new, enabled account in Bulgarian.
    init(username: String, displayName: String, passwordHash: String, provider: UUID? = nil, jobTitle: JobTitle? = nil) {
        self.version = 1
        self.username = username
        self.displayName = displayName
        self.sortKey = BulgarianCollation.sortKey(displayName)
        self.passwordHash = passwordHash
        self.language = Language.bg.rawValue
        self.disabled = false
        self.failedAttempts = 0
        self.$provider.id = provider
        self.jobTitle = jobTitle
    }

    var preferredLanguage: Language { Language(rawValue: language) ?? .bg }
}

/// One role a user holds, limited to a part of the territory or to one provider.
final class RoleGrant: Model, @unchecked Sendable {
    static let schema = "role_grants"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Enum(key: "role") var role: Role
    @Enum(key: "scope_kind") var scopeKind: ScopeKind
    /// Oblast code, municipality code or provider id; empty for the whole country.
    @Field(key: "scope_code") var scopeCode: String

    init() {}

    init(userID: UUID, role: Role, scopeKind: ScopeKind, scopeCode: String) {
        self.$user.id = userID
        self.role = role
        self.scopeKind = scopeKind
        self.scopeCode = scopeCode
    }
}

/// A signed-in browser. Only the SHA-256 of the cookie value is stored, so a copy of the
/// database does not let anyone take over a session.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "user_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date

    init() {}
}

/// A personal API token, shown once at creation and stored only as its hash.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}
}

/// Failed sign-ins per client address, so that guessing across many accounts is slowed too.
final class AddressThrottle: Model, @unchecked Sendable {
    static let schema = "address_throttles"

    @ID(custom: "address", generatedBy: .user) var id: String?
    @Field(key: "window_start") var windowStart: Date
    @Field(key: "failures") var failures: Int

    init() {}
}
