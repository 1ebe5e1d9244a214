import Fluent
import OporaCore
import SQLKit
import Vapor

/// Issuing codes, and turning a code into a signed-in account.
enum InvitationStore {
    /// What the letter shows: the only time the code is seen in clear.
    struct Issued: Sendable {
        var code: String
        var username: String
        var expiresAt: Date
        var recipientName: String
        var personName: String
        var forRepresentative: Bool
    }

    /// A new code for the person (`member` nil) or their representative; older unused codes for
    /// the same pair stop working, so only the last letter counts.
    static func issue(
        person: OwnFile.Summary,
        representative: OwnFile.Representative?,
        appointmentEnds: CalendarDay?,
        request req: Request
    ) async throws -> Issued {
        let user = try req.currentUser()
        let now = req.application.clock.now()
        let code = try newCode()
        let memberID = representative?.memberID
        let personID = person.id
        let existing = try await Scoped.query(MyPageLink.self, AccessScope(people: [person.id]), on: req.db)
            .filter(\.$memberID == memberID).first()
        let existingName = try await existing.asyncFlatMap {
            try await Scoped.unscopedFind(User.self, $0.userID, on: req.db, .throughParent)?.username
        }
        let username: String
        if let existingName {
            username = existingName
        } else {
            username = try await freeUsername(for: representative?.name ?? person.name, on: req.db)
        }
        let expiresAt = InvitationCode.expiry(issuedAt: now)
        let actor = req.auditActor
        let key = req.application.dataKey
        try await req.write { db in
            let older = try await Scoped.query(MyPageInvitation.self, AccessScope(people: [personID]), on: db)
                .filter(\.$memberID == memberID).filter(\.$usedAt == nil).filter(\.$revoked == false).all()
            for invitation in older {
                invitation.revoked = true
                try await invitation.update(on: db)
            }
            let invitation = MyPageInvitation()
            invitation.personID = personID
            invitation.memberID = memberID
            invitation.providerID = person.providerID
            invitation.municipalityCode = person.municipalityCode
            invitation.oblastCode = person.oblastCode
            invitation.username = username
            invitation.codeDigest = Secrets.digest(code)
            invitation.createdAt = now
            invitation.expiresAt = expiresAt
            invitation.revoked = false
            invitation.issuedBy = user.id
            invitation.appointmentEnds = appointmentEnds?.iso
            try await invitation.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "my-page.invited",
                recordType: "person",
                recordID: personID.uuidString,
                changes: [
                    FieldChange(field: "for", old: nil, new: memberID == nil ? "person" : "representative"),
                    FieldChange(field: "replaced", old: nil, new: String(older.count)),
                ],
                sealingWith: key,
                at: now
            )
        }
        return Issued(
            code: code,
            username: username,
            expiresAt: expiresAt,
            recipientName: representative?.name ?? person.name,
            personName: person.name,
            forRepresentative: representative != nil
        )
    }

    enum Mode: String, Sendable {
        /// Sets a password and signs in with it from now on.
        case password
        /// Comes in with a new code from the case worker each time.
        case codes
    }

    enum Outcome: Sendable {
        case signedIn(token: String, language: String)
        case refused(InvitationProblem)
        case invalid(ValidationFailure)
    }

    /// Uses a code: checks it, then in one transaction claims it, makes the account (or finds it)
    /// and starts the session. A code claimed by another request meanwhile is refused, and nothing
    /// is written for any refusal.
    static func redeem(
        code typed: String,
        mode: Mode?,
        password: String,
        request req: Request
    ) async throws
        -> Outcome
    {
        let now = req.application.clock.now()
        let address = req.clientAddress
        if try await SignIn.isThrottled(address: address, now: now, on: req.db) { return .refused(.tooManyAttempts) }
        guard let code = InvitationCode.normalised(typed),
            let invitation = try await Scoped.unscoped(MyPageInvitation.self, on: req.db, .authentication)
                .filter(\.$codeDigest == Secrets.digest(code)).first()
        else {
            try await req.write { db in try await SignIn.countFailure(address: address, now: now, on: db) }
            return .refused(.unknown)
        }
        if let problem = InvitationCode.problem(
            usedAt: invitation.usedAt,
            expiresAt: invitation.expiresAt,
            revoked: invitation.revoked,
            now: now
        ) {
            return .refused(problem)
        }
        let scope = AccessScope(people: [invitation.personID])
        let key = req.application.dataKey
        if let memberID = invitation.memberID {
            let recorded = try await OwnFile.representatives(of: invitation.personID, scope, key: key, on: req.db)
                .contains { $0.memberID == memberID }
            let ends = invitation.appointmentEnds.flatMap(CalendarDay.init(iso:))
            guard Representation.isInForce(recorded: recorded, lastDay: ends, today: CalendarDay.today(at: now))
            else { return .refused(.appointmentEnded) }
        }
        guard let person = try await OwnFile.people([invitation.personID], scope, on: req.db).first else {
            return .refused(.unknown)
        }
        let link = try await Scoped.query(MyPageLink.self, scope, on: req.db).filter(\.$memberID == invitation.memberID)
            .first()
        // A representative of several people signed in with one ward's code adds the next ward to
        // the same account: the code in hand is what gives the file, as it would for a new account.
        let joining = req.auth.get(CurrentUser.self).flatMap { user in
            user.can(.useMyPage) && invitation.memberID != nil && link == nil ? user.id : nil
        }
        var checks = req.fieldChecks()
        let newAccount = link == nil && joining == nil
        if newAccount, mode == nil { checks.add("mode", key: .myPageModeRequired) }
        if mode == .password {
            for problem in PasswordPolicy.problems(password: password, username: invitation.username) {
                checks.add("password", problem)
            }
        }
        if !checks.problems.isEmpty { return .invalid(ValidationFailure(problems: checks.problems)) }
        let passwordHash =
            mode == .password
            ? try await req.password.async.hash(password) : try await req.password.async.hash(Secrets.token())
        let displayName: String
        if let memberID = invitation.memberID {
            displayName =
                try await OwnFile.representatives(of: invitation.personID, scope, key: key, on: req.db)
                .first { $0.memberID == memberID }?.name ?? invitation.username
        } else {
            displayName = person.name
        }
        let invitationID = try invitation.requireID()
        let claimed: (token: String, language: String)? = try await req.write { db in
            try await db.lockRow(table: MyPageInvitation.schema, id: invitationID)
            guard
                let fresh = try await Scoped.unscopedFind(MyPageInvitation.self, invitationID, on: db, .reread),
                fresh.usedAt == nil, !fresh.revoked
            else { return nil }
            fresh.usedAt = now
            try await fresh.update(on: db)
            let account: User
            if let joining, let found = try await Scoped.unscopedFind(User.self, joining, on: db, .reread) {
                account = found
                try await RoleGrant(
                    userID: account.id!,
                    role: .serviceUser,
                    scopeKind: .person,
                    scopeCode: fresh.personID.uuidString
                ).create(on: db)
                let others = try await Scoped.unscoped(MyPageLink.self, on: db, .throughParent)
                    .filter(\.$userID == joining).all()
                try await makeLink(
                    fresh,
                    to: account,
                    hasPassword: others.contains(where: \.hasPassword),
                    now: now,
                    on: db
                )
            } else if let link, let found = try await Scoped.unscopedFind(User.self, link.userID, on: db, .reread) {
                account = found
                link.appointmentEnds = fresh.appointmentEnds
                if mode == .password {
                    account.passwordHash = passwordHash
                    account.version += 1
                    try await account.update(on: db)
                    link.hasPassword = true
                }
                try await link.update(on: db)
            } else {
                account = User(username: fresh.username, displayName: displayName, passwordHash: passwordHash)
                try await account.create(on: db)
                try await RoleGrant(
                    userID: account.id!,
                    role: .serviceUser,
                    scopeKind: .person,
                    scopeCode: fresh.personID.uuidString
                ).create(on: db)
                try await makeLink(fresh, to: account, hasPassword: mode == .password, now: now, on: db)
            }
            let actor = AuditActor(id: account.id, name: account.username, address: address)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "my-page.code-used",
                recordType: "person",
                recordID: fresh.personID.uuidString,
                changes: [
                    FieldChange(
                        field: "account",
                        old: nil,
                        new: joining != nil ? "joined" : newAccount ? "created" : "existing"
                    ),
                    FieldChange(field: "password", old: nil, new: mode == .password ? "set" : "unchanged"),
                ],
                sealingWith: key,
                at: now
            )
            let token = try await SessionStart.create(for: account.id!, actor: actor, at: now, on: db)
            return (token, account.language)
        }
        guard let claimed else { return .refused(.alreadyUsed) }
        return .signedIn(token: claimed.token, language: claimed.language)
    }

    private static func makeLink(
        _ invitation: MyPageInvitation,
        to account: User,
        hasPassword: Bool,
        now: Date,
        on db: any Database
    ) async throws {
        let made = MyPageLink()
        made.userID = account.id!
        made.personID = invitation.personID
        made.memberID = invitation.memberID
        made.providerID = invitation.providerID
        made.municipalityCode = invitation.municipalityCode
        made.oblastCode = invitation.oblastCode
        made.appointmentEnds = invitation.appointmentEnds
        made.hasPassword = hasPassword
        made.createdAt = now
        try await made.create(on: db)
    }

    private static func newCode() throws -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<InvitationCode.length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        guard let code = InvitationCode.make(from: bytes) else { throw Abort(.internalServerError) }
        return code
    }

    /// The family name in Latin letters and three digits, free among all accounts (a uniqueness
    /// rule across scopes: it answers only whether the name is taken).
    private static func freeUsername(for name: String, on db: any Database) async throws -> String {
        let family = name.split(separator: " ").last.map(String.init) ?? "person"
        let stem = String(Transliteration.latin(family).lowercased().filter { $0.isASCII && $0.isLetter }.prefix(20))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let candidate = (stem.isEmpty ? "person" : stem) + String(Int.random(in: 100...999, using: &generator))
            let taken = try await Scoped.unscoped(User.self, on: db, .uniqueness).filter(\.$username == candidate)
                .count()
            if taken == 0 { return candidate }
        }
        throw Abort(.serviceUnavailable)
    }
}
