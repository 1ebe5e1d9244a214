import Fluent
import Foundation
import OporaCore
@testable import OporaServer
import Vapor

/// Adds a member of staff with one role at one provider, for scope tests beyond the demo's users.
func addStaff(_ app: Application, username: String, role: Role, provider: UUID) async throws {
    let user = User()
    user.version = 1
    user.username = username
    user.displayName = username
    user.sortKey = username
    user.passwordHash = try await app.password.async.hash(demoPassword)
    user.language = "bg"
    user.disabled = false
    user.failedAttempts = 0
    user.$provider.id = provider
    try await user.create(on: app.db)
    try await RoleGrant(userID: user.id!, role: role, scopeKind: .provider, scopeCode: provider.uuidString).create(on: app.db)
}
