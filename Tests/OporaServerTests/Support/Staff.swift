import Fluent
import Foundation
import OporaCore
import Vapor

@testable import OporaServer

/// Adds a member of staff with one role at one provider, for scope tests beyond the demo's users.
func addStaff(_ app: Application, username: String, role: Role, provider: UUID) async throws {
    let place = try await app.scopeDirectory.place(of: .provider, provider.uuidString, on: app.db)
    let user = User(
        username: username,
        displayName: username,
        passwordHash: try await app.password.async.hash(demoPassword),
        provider: provider,
        place: place
    )
    try await user.create(on: app.db)
    try await RoleGrant(userID: user.id!, role: role, scopeKind: .provider, scopeCode: provider.uuidString).create(
        on: app.db
    )
}
