import Fluent
import OporaCore
import Vapor

/// Administrators create users, reset passwords, disable accounts and grant roles with a scope.
struct AdminUserRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let users = routes.grouped("admin", "users")
        users.get(use: list)
        users.get("new", use: newForm)
        users.post(use: create)
        users.get(":userID", use: show)
        users.post(":userID", "password", use: resetPassword)
        users.post(":userID", "status", use: setStatus)
        users.post(":userID", "grants", use: addGrant)
        users.post(":userID", "grants", ":grantID", "delete", use: removeGrant)
    }

    struct UserRow: Encodable, Sendable {
        var id: String
        var username: String
        var displayName: String
        var provider: String
        var roles: String
        var disabled: Bool
    }

    struct ListContext: Encodable, Sendable {
        var q: String
        var users: [UserRow]
    }

    func list(req: Request) async throws -> View {
        let admin = try req.require(.manageUsers)
        let q = try SearchText.from(req)
        var query = UserDirectory.query(scope: admin.scope(for: .manageUsers), on: req.db).with(\.$grants)
        if !q.isEmpty {
            query = query.group(.or) { $0.filter(\.$username ~~ q.lowercased()).filter(\.$displayName ~~ q) }
        }
        let users = try await query.sort(\.$sortKey).limit(500).all()
        let providers = try await req.application.scopeDirectory.providerNames(
            Set(users.compactMap(\.providerID)),
            on: req.db
        )
        let rows = users.map { user in
            UserRow(
                id: user.id!.uuidString,
                username: user.username,
                displayName: user.displayName,
                provider: user.providerID.flatMap { providers[$0] } ?? "",
                roles: user.grants.map { $0.role.label(in: req.language) }.uniqued().joined(separator: ", "),
                disabled: user.disabled
            )
        }
        return try await req.view.render(
            "platform/users",
            req.page(title: req.text(.usersTitle), ListContext(q: q, users: rows))
        )
    }

    struct UserFormContext: Encodable, Sendable {
        var values: [String: String]
        var errors: [String: String]
        var summary: ErrorSummary?
        var providers: [Choice]
        var jobTitles: [Choice]
        var roles: [Choice]
        var scopeKinds: [Choice]
    }

    func newForm(req: Request) async throws -> View {
        let admin = try req.require(.manageUsers)
        return try await renderForm(req, admin: admin, values: [:], errors: [:])
    }

    private func renderForm(
        _ req: Request,
        admin: CurrentUser,
        values: [String: String],
        errors: [String: String],
        summary: ErrorSummary? = nil
    ) async throws -> View {
        let language = req.language
        let providers = try await req.application.scopeDirectory.providers(
            in: admin.scope(for: .manageUsers),
            on: req.db
        )
        let context = UserFormContext(
            values: values,
            errors: errors,
            summary: summary,
            providers: [Choice(value: "", label: "—", selected: (values["providerID"] ?? "").isEmpty)]
                + providers.map { Choice(value: $0.code, label: $0.name, selected: values["providerID"] == $0.code) },
            jobTitles: [Choice(value: "", label: "—", selected: (values["jobTitle"] ?? "").isEmpty)]
                + JobTitle.allCases.map {
                    Choice(
                        value: $0.rawValue,
                        label: $0.label(in: language),
                        selected: values["jobTitle"] == $0.rawValue
                    )
                },
            roles: Role.staff.map {
                Choice(value: $0.rawValue, label: $0.label(in: language), selected: values["role"] == $0.rawValue)
            },
            scopeKinds: ScopeKind.grantable.map {
                Choice(value: $0.rawValue, label: $0.label(in: language), selected: values["scopeKind"] == $0.rawValue)
            }
        )
        return try await req.view.render("platform/user-new", req.page(title: req.text(.userNewTitle), context))
    }

    struct CreateForm: Content {
        var username: String?
        var displayName: String?
        var password: String?
        var providerID: String?
        var jobTitle: String?
        var role: String?
        var scopeKind: String?
        var scopeCode: String?
    }

    func create(req: Request) async throws -> Response {
        let admin = try req.require(.manageUsers)
        let input = try req.content.decode(CreateForm.self)
        let values = [
            "username": input.username ?? "", "displayName": input.displayName ?? "",
            "providerID": input.providerID ?? "",
            "jobTitle": input.jobTitle ?? "", "role": input.role ?? "", "scopeKind": input.scopeKind ?? "",
            "scopeCode": input.scopeCode ?? "",
        ]
        do {
            let draft = try await UserDraft.validate(input, admin: admin, request: req)
            let hash = try await req.password.async.hash(draft.password)
            let actor = req.auditActor
            let now = req.application.clock.now()
            let id = try await req.write { db -> UUID in
                if try await Scoped.unscoped(User.self, on: db, .uniqueness).filter(\.$username == draft.username)
                    .first() != nil
                {
                    throw ValidationFailure(problems: [
                        FieldProblem(field: "username", message: req.text(.usernameTaken))
                    ])
                }
                let user = User(
                    username: draft.username,
                    displayName: draft.displayName,
                    passwordHash: hash,
                    provider: draft.providerID,
                    place: draft.place,
                    jobTitle: draft.jobTitle
                )
                try await user.create(on: db)
                let grant = RoleGrant(
                    userID: user.id!,
                    role: draft.grant.role,
                    scopeKind: draft.grant.scopeKind,
                    scopeCode: draft.grant.scopeCode
                )
                try await grant.create(on: db)
                try await AuditTrail.append(
                    on: db,
                    actor: actor,
                    action: "user.created",
                    recordType: "user",
                    recordID: user.id!.uuidString,
                    changes: [
                        FieldChange(field: "username", old: nil, new: draft.username),
                        FieldChange(field: "grant", old: nil, new: draft.grant.description),
                    ],
                    at: now
                )
                return user.id!
            }
            return req.redirect(to: "/admin/users/\(id)", flash: .userCreated)
        } catch let failure as ValidationFailure {
            return try await renderForm(
                req,
                admin: admin,
                values: values,
                errors: failure.byField,
                summary: req.errorSummary(failure)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    struct GrantRow: Encodable, Sendable {
        var id: String
        var role: String
        var scope: String
    }

    struct ShowContext: Encodable, Sendable {
        var id: String
        var username: String
        var displayName: String
        var provider: String
        var jobTitle: String
        var disabled: Bool
        var locked: Bool
        var grants: [GrantRow]
        var roles: [Choice]
        var scopeKinds: [Choice]
        var errors: [String: String]
        var summary: ErrorSummary?
    }

    func show(req: Request) async throws -> View {
        let admin = try req.require(.manageUsers)
        let id = try req.uuidParameter("userID")
        return try await renderShow(req, admin: admin, id: id, errors: [:])
    }

    private func renderShow(
        _ req: Request,
        admin: CurrentUser,
        id: UUID,
        errors: [String: String],
        summary: ErrorSummary? = nil
    ) async throws -> View {
        let user = try await UserDirectory.find(id, scope: admin.scope(for: .manageUsers), on: req.db)
        let language = req.language
        let providers = try await req.application.scopeDirectory.providerNames(
            Set(user.providerID.map { [$0] } ?? []),
            on: req.db
        )
        let context = ShowContext(
            id: id.uuidString,
            username: user.username,
            displayName: user.displayName,
            provider: user.providerID.flatMap { providers[$0] } ?? "",
            jobTitle: user.jobTitle?.label(in: language) ?? "",
            disabled: user.disabled,
            locked: try await SignIn.isThrottled(username: user.username, now: req.application.clock.now(), on: req.db),
            grants: user.grants.map {
                GrantRow(
                    id: $0.id!.uuidString,
                    role: $0.role.label(in: language),
                    scope: $0.scopeKind.label(in: language) + ($0.scopeCode.isEmpty ? "" : " " + $0.scopeCode)
                )
            },
            roles: Role.staff.map { Choice(value: $0.rawValue, label: $0.label(in: language), selected: false) },
            scopeKinds: ScopeKind.grantable.map {
                Choice(value: $0.rawValue, label: $0.label(in: language), selected: false)
            },
            errors: errors,
            summary: summary
        )
        return try await req.view.render("platform/user", req.page(title: user.displayName, context))
    }

    struct PasswordForm: Content { var password: String? }

    func resetPassword(req: Request) async throws -> Response {
        let admin = try req.require(.manageUsers)
        let id = try req.uuidParameter("userID")
        let user = try await UserDirectory.find(id, scope: admin.scope(for: .manageUsers), on: req.db)
        let password = try req.content.decode(PasswordForm.self).password ?? ""
        if let problem = PasswordPolicy.problems(password: password, username: user.username).first {
            let failure = ValidationFailure(problems: [
                FieldProblem(field: "password", message: problem.message(in: req.language))
            ])
            return try await renderShow(
                req,
                admin: admin,
                id: id,
                errors: failure.byField,
                summary: req.errorSummary(failure)
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let hash = try await req.password.async.hash(password)
        let actor = req.auditActor
        let now = req.application.clock.now()
        try await req.write { db in
            guard let user = try await Scoped.unscopedFind(User.self, id, on: db, .reread) else {
                throw Abort(.notFound)
            }
            user.passwordHash = hash
            user.version += 1
            try await user.update(on: db)
            try await SignInThrottle.query(on: db).filter(\.$username == user.username).delete()
            try await Credentials.revokeAll(of: id, exceptSession: nil, at: now, on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "password.reset",
                recordType: "user",
                recordID: id.uuidString,
                at: now
            )
        }
        return req.redirect(to: "/admin/users/\(id)", flash: .passwordReset)
    }

    struct StatusForm: Content { var disabled: String? }

    func setStatus(req: Request) async throws -> Response {
        let admin = try req.require(.manageUsers)
        let id = try req.uuidParameter("userID")
        _ = try await UserDirectory.find(id, scope: admin.scope(for: .manageUsers), on: req.db)
        let disable = try req.content.decode(StatusForm.self).disabled == "true"
        if disable && id == admin.id { throw Abort(.badRequest) }
        let actor = req.auditActor
        let now = req.application.clock.now()
        try await req.write { db in
            guard let user = try await Scoped.unscopedFind(User.self, id, on: db, .reread) else {
                throw Abort(.notFound)
            }
            let old = user.disabled
            user.disabled = disable
            user.version += 1
            try await user.update(on: db)
            if disable { try await UserSession.query(on: db).filter(\.$user.$id == id).delete() }
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: disable ? "user.disabled" : "user.enabled",
                recordType: "user",
                recordID: id.uuidString,
                changes: [FieldChange(field: "disabled", old: String(old), new: String(disable))],
                at: now
            )
        }
        return req.redirect(to: "/admin/users/\(id)", flash: disable ? .userDisabled : .userEnabled)
    }

    struct GrantForm: Content {
        var role: String?
        var scopeKind: String?
        var scopeCode: String?
    }

    func addGrant(req: Request) async throws -> Response {
        let admin = try req.require(.manageUsers)
        let id = try req.uuidParameter("userID")
        _ = try await UserDirectory.find(id, scope: admin.scope(for: .manageUsers), on: req.db)
        let input = try req.content.decode(GrantForm.self)
        do {
            let grant = try await UserDraft.validateGrant(
                role: input.role,
                kind: input.scopeKind,
                code: input.scopeCode,
                admin: admin,
                request: req
            )
            let actor = req.auditActor
            let now = req.application.clock.now()
            try await req.write { db in
                let exists =
                    try await RoleGrant.query(on: db).filter(\.$user.$id == id).filter(\.$role == grant.role)
                    .filter(\.$scopeKind == grant.scopeKind).filter(\.$scopeCode == grant.scopeCode).first() != nil
                guard !exists else { return }
                try await RoleGrant(
                    userID: id,
                    role: grant.role,
                    scopeKind: grant.scopeKind,
                    scopeCode: grant.scopeCode
                ).create(on: db)
                try await AuditTrail.append(
                    on: db,
                    actor: actor,
                    action: "grant.added",
                    recordType: "user",
                    recordID: id.uuidString,
                    changes: [FieldChange(field: "grant", old: nil, new: grant.description)],
                    at: now
                )
            }
            return req.redirect(to: "/admin/users/\(id)", flash: .grantAdded)
        } catch let failure as ValidationFailure {
            return try await renderShow(
                req,
                admin: admin,
                id: id,
                errors: failure.byField,
                summary: req.errorSummary(failure)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func removeGrant(req: Request) async throws -> Response {
        let admin = try req.require(.manageUsers)
        let id = try req.uuidParameter("userID")
        let grantID = try req.uuidParameter("grantID")
        _ = try await UserDirectory.find(id, scope: admin.scope(for: .manageUsers), on: req.db)
        let actor = req.auditActor
        let now = req.application.clock.now()
        try await req.write { db in
            guard
                let grant = try await RoleGrant.query(on: db).filter(\.$id == grantID).filter(\.$user.$id == id).first()
            else { throw Abort(.notFound) }
            let description = GrantValue(role: grant.role, scopeKind: grant.scopeKind, scopeCode: grant.scopeCode)
                .description
            try await grant.delete(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "grant.removed",
                recordType: "user",
                recordID: id.uuidString,
                changes: [FieldChange(field: "grant", old: description, new: nil)],
                at: now
            )
        }
        return req.redirect(to: "/admin/users/\(id)", flash: .grantRemoved)
    }
}

extension GrantValue: CustomStringConvertible {
    var description: String { "\(role.rawValue)@\(scopeKind.rawValue)" + (scopeCode.isEmpty ? "" : ":\(scopeCode)") }
}
