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
    @OptionalField(key: "provider_id") var providerID: UUID?
    /// Where the user's provider lies, kept with the account so that an administrator's scope
    /// finds the account without reading the provider (`UserDirectory.providerMoved`).
    @OptionalField(key: "oblast_code") var oblastCode: String?
    @OptionalField(key: "municipality_code") var municipalityCode: String?
    @OptionalEnum(key: "job_title") var jobTitle: JobTitle?

    @Children(for: \.$user) var grants: [RoleGrant]

    init() {}

    /// A new, enabled account in Bulgarian.
    init(
        username: String,
        displayName: String,
        passwordHash: String,
        provider: UUID? = nil,
        place: ScopePlace? = nil,
        jobTitle: JobTitle? = nil
    ) {
        self.version = 1
        self.username = username
        self.displayName = displayName
        self.sortKey = BulgarianCollation.sortKey(displayName)
        self.passwordHash = passwordHash
        self.language = Language.bg.rawValue
        self.disabled = false
        self.providerID = provider
        self.oblastCode = place?.oblast
        self.municipalityCode = place?.municipality
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
    /// After this instant the token no longer signs anything in.
    @Field(key: "expires_at") var expiresAt: Date

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

/// Failed sign-ins of one account from one client address, for the growing delay of `SignIn`.
final class SignInThrottle: Model, @unchecked Sendable {
    static let schema = "sign_in_throttles"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "address") var address: String
    @Field(key: "failures") var failures: Int
    @Field(key: "last_failure_at") var lastFailureAt: Date

    init() {}

    init(username: String, address: String) {
        self.username = username
        self.address = address
        self.failures = 0
        self.lastFailureAt = .distantPast
    }
}

/// Token expiry, throttling per account and address, and no more account-wide lockout.
struct CreateCredentialLimits: AsyncMigration {
    /// Tokens issued before expiry existed get the personal-token lifetime from now.
    static let existingTokenDays = 30

    func prepare(on database: any Database) async throws {
        try await database.schema(APIToken.schema).field("expires_at", .datetime).update()
        let until = Date().addingTimeInterval(TimeInterval(Self.existingTokenDays * 24 * 3600))
        try await APIToken.query(on: database).set(\.$expiresAt, to: until).update()
        try await database.schema(SignInThrottle.schema)
            .id()
            .field("username", .string, .required)
            .field("address", .string, .required)
            .field("failures", .int, .required)
            .field("last_failure_at", .datetime, .required)
            .unique(on: "username", "address")
            .create()
        // The account-wide lock let anyone lock a colleague out; the pair throttle replaces it.
        try await database.schema(User.schema).deleteField("failed_attempts").update()
        try await database.schema(User.schema).deleteField("locked_until").update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).field("failed_attempts", .int, .required, .sql(.default(0))).update()
        try await database.schema(User.schema).field("locked_until", .datetime).update()
        try await database.schema(SignInThrottle.schema).delete()
        try await database.schema(APIToken.schema).deleteField("expires_at").update()
    }
}

extension User: ScopedModel {
    /// A user is in scope through the provider they belong to; users without a provider are
    /// visible to country-wide scopes only.
    static func restrict(_ query: QueryBuilder<User>, to scope: AccessScope) -> QueryBuilder<User> {
        if scope.country { return query }
        return query.group(.or) { group in
            group.filter(.sql(unsafeRaw: "1 = 0"))
            if !scope.oblasts.isEmpty { group.filter(\.$oblastCode ~~ scope.oblasts.map(Optional.some)) }
            if !scope.municipalities.isEmpty {
                group.filter(\.$municipalityCode ~~ scope.municipalities.map(Optional.some))
            }
            if !scope.providers.isEmpty { group.filter(\.$providerID ~~ scope.providers.map(Optional.some)) }
        }
    }
}
