import Fluent
import OporaCore
import Vapor

/// A new user's details after every field has been checked.
struct UserDraft: Sendable {
    var username: String
    var displayName: String
    var password: String
    var providerID: UUID?
    var place: ScopePlace?
    var jobTitle: JobTitle?
    var grant: GrantValue

    /// Usernames are lowercase Latin letters, digits, dots, hyphens and underscores, 3 to 40 long.
    static func isValidUsername(_ name: String) -> Bool {
        (3...40).contains(name.count)
            && name.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || ".-_".contains($0) }
    }

    static func validate(
        _ input: AdminUserRoutes.CreateForm,
        admin: CurrentUser,
        request req: Request
    ) async throws -> UserDraft {
        var checks = req.fieldChecks()
        let username = checks.text("username", input.username, maximum: 40).lowercased()
        if !username.isEmpty, !isValidUsername(username) { checks.add("username", key: .usernameInvalid) }
        let displayName = checks.text("displayName", input.displayName, maximum: 120)
        let password = input.password ?? ""
        if let problem = PasswordPolicy.problems(password: password, username: username).first {
            checks.add("password", problem)
        }
        var providerID: UUID?
        var place: ScopePlace?
        if let raw = input.providerID, !raw.isEmpty {
            let directory = req.application.scopeDirectory
            let scope = admin.scope(for: .manageUsers)
            if let id = UUID(uuidString: raw),
                try await UserDirectory.canGrant(
                    kind: .provider,
                    code: id.uuidString,
                    scope: scope,
                    directory: directory,
                    on: req.db
                )
            {
                providerID = id
                place = try await directory.place(of: .provider, id.uuidString, on: req.db)
            } else {
                checks.add("providerID", key: .providerUnknown)
            }
        } else if !admin.scope(for: .manageUsers).country {
            checks.add("providerID", key: .errorRequired)
        }
        var jobTitle: JobTitle?
        if let raw = input.jobTitle, !raw.isEmpty {
            jobTitle = JobTitle(rawValue: raw)
            if jobTitle == nil { checks.add("jobTitle", key: .errorChooseFromList) }
        }
        var grant: GrantValue?
        do {
            grant = try await validateGrant(
                role: input.role,
                kind: input.scopeKind,
                code: input.scopeCode,
                admin: admin,
                request: req
            )
        } catch let failure as ValidationFailure {
            for problem in failure.problems { checks.add(problem.field, message: problem.message) }
        }
        try checks.finish()
        return UserDraft(
            username: username,
            displayName: displayName,
            password: password,
            providerID: providerID,
            place: place,
            jobTitle: jobTitle,
            grant: grant!
        )
    }

    static func validateGrant(
        role: String?,
        kind: String?,
        code: String?,
        admin: CurrentUser,
        request req: Request
    ) async throws -> GrantValue {
        var checks = req.fieldChecks()
        let role = role.flatMap(Role.init(rawValue:))
        if role == nil { checks.add("role", key: .errorChooseFromList) }
        let kind = kind.flatMap(ScopeKind.init(rawValue:))
        if kind == nil { checks.add("scopeKind", key: .errorChooseFromList) }
        let code = (code ?? "").trimmingCharacters(in: .whitespaces)
        if let kind {
            let normalised = kind == .country ? "" : (kind == .provider ? code.lowercased() : code.uppercased())
            let directory = req.application.scopeDirectory
            if !(try await UserDirectory.scopeExists(
                kind: kind,
                code: kind == .provider ? code : normalised,
                directory: directory,
                on: req.db
            )) {
                checks.add("scopeCode", key: kind == .country ? .scopeCountryNoCode : .scopeUnknown)
            } else if !(try await UserDirectory.canGrant(
                kind: kind,
                code: kind == .provider ? code : normalised,
                scope: admin.scope(for: .manageUsers),
                directory: directory,
                on: req.db
            )) {
                checks.add("scopeCode", key: .scopeBeyondYours)
            }
            try checks.finish()
            let stored = kind == .provider ? (UUID(uuidString: code)?.uuidString ?? code) : normalised
            return GrantValue(role: role!, scopeKind: kind, scopeCode: stored)
        }
        try checks.finish()
        throw ValidationFailure(problems: checks.problems)
    }
}
