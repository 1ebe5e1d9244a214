import Fluent
import OporaCore
import Vapor

/// A candidate with the sealed fields opened, as the pages and the API show them.
struct OpenCandidate: Sendable {
    var record: PoolCandidate
    var name: String
    var phone: String?
    var registration: CandidateRegistration
}

/// A candidate was hired already (a second press of „Назначи“); the answer is the staff member made then.
struct AlreadyHired: Error, Sendable {
    var userID: UUID?
}

/// The centre's assistant candidates, always within the caller's scope.
enum PoolStore {
    static func open(_ record: PoolCandidate, key: DataKey) throws -> OpenCandidate {
        OpenCandidate(
            record: record,
            name: try key.open(record.nameSealed),
            phone: try record.phoneSealed.map { try key.open($0) },
            registration: try key.openJSON(CandidateRegistration.self, record.registrationSealed)
        )
    }

    /// The centre's candidates in Bulgarian order of their names (opened here, since they are sealed).
    static func list(
        provider: UUID,
        _ scope: AccessScope,
        key: DataKey,
        on db: any Database
    ) async throws
        -> [OpenCandidate]
    {
        let records = try await Scoped.query(PoolCandidate.self, scope, on: db).filter(\.$providerID == provider).all()
        return try records.map { try open($0, key: key) }
            .sorted {
                (BulgarianCollation.sortKey($0.name), $0.record.id!.uuidString) < (
                    BulgarianCollation.sortKey($1.name), $1.record.id!.uuidString
                )
            }
    }

    /// The candidate if they lie in the scope; 404 otherwise (another provider's candidate too).
    static func find(_ id: UUID, _ scope: AccessScope, key: DataKey, on db: any Database) async throws -> OpenCandidate
    {
        try open(try await Scoped.find(PoolCandidate.self, id, scope, on: db), key: key)
    }

    static func create(_ draft: CandidateDraft, provider: UUID, request req: Request) async throws -> PoolCandidate {
        guard let place = try await req.application.scopeDirectory.place(of: .provider, provider.uuidString, on: req.db)
        else { throw Abort(.notFound) }
        let key = req.application.dataKey
        let actor = req.auditActor
        let now = req.application.clock.now()
        let record = PoolCandidate()
        record.version = 1
        record.providerID = provider
        record.municipalityCode = place.municipality ?? ""
        record.oblastCode = place.oblast
        try apply(draft, to: record, key: key)
        record.status = PoolCandidate.Status.available.rawValue
        record.createdBy = actor.name
        record.createdAt = now
        return try await req.write { db in
            try await record.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "candidate.created",
                recordType: "candidate",
                recordID: record.id!.uuidString,
                changes: changes(nil, record),
                at: now
            )
            return record
        }
    }

    /// Saves the edit if `version` is still the stored one (409 otherwise).
    static func update(
        _ candidate: OpenCandidate,
        _ draft: CandidateDraft,
        version: Int?,
        request req: Request
    )
        async throws
    {
        let key = req.application.dataKey
        let same =
            candidate.name == draft.name && candidate.phone == draft.phone
            && candidate.registration == draft.registration
        _ = try await req.updateVersioned(
            PoolCandidate.self,
            id: candidate.record.id!,
            expected: version,
            recordType: "candidate"
        ) { stored, _ in
            let before = PoolCandidate()
            before.settlementEkatte = stored.settlementEkatte
            before.availability = stored.availability
            before.skills = stored.skills
            try apply(draft, to: stored, key: same ? nil : key)
            let changed = changes(before, stored).filter { $0.field == "personal" ? !same : $0.old != $0.new }
            return changed.isEmpty ? nil : AuditedChange(action: "candidate.updated", changes: changed)
        }
    }

    /// Writes the draft into the record; the sealed fields only when `key` is given.
    private static func apply(_ draft: CandidateDraft, to record: PoolCandidate, key: DataKey?) throws {
        if let key {
            record.nameSealed = try key.seal(draft.name)
            record.phoneSealed = try draft.phone.map { try key.seal($0) }
            record.registrationSealed = try key.sealJSON(draft.registration)
        }
        record.settlementEkatte = draft.settlement
        record.availability = String(decoding: try JSONEncoder().encode(draft.availability), as: UTF8.self)
        record.skills = draft.skills.map(\.rawValue).sorted().joined(separator: ",")
    }

    /// For the audit trail: where, when and what, in clear; the personal fields only as changed.
    private static func changes(_ old: PoolCandidate?, _ new: PoolCandidate) -> [FieldChange] {
        [
            FieldChange(field: "settlement", old: old?.settlementEkatte, new: new.settlementEkatte),
            FieldChange(field: "availability", old: old?.availability, new: new.availability),
            FieldChange(field: "skills", old: old?.skills, new: new.skills),
            FieldChange(field: "personal", old: nil, new: nil),
        ]
    }

    /// A candidate who asked to leave the pool: marked withdrawn, the name, phone and registration
    /// overwritten, so that nothing of them stays readable.
    static func withdraw(_ candidate: OpenCandidate, version: Int?, request req: Request) async throws {
        let key = req.application.dataKey
        let blank = try key.seal("—")
        let registration = try key.sealJSON(CandidateRegistration(registeredUnemployed: false, office: ""))
        _ = try await req.updateVersioned(
            PoolCandidate.self,
            id: candidate.record.id!,
            expected: version,
            recordType: "candidate"
        ) { stored, _ in
            guard stored.candidateStatus == .available else { return nil }
            stored.status = PoolCandidate.Status.withdrawn.rawValue
            stored.nameSealed = blank
            stored.phoneSealed = nil
            stored.registrationSealed = registration
            return AuditedChange(
                action: "candidate.withdrawn",
                changes: [FieldChange(field: "status", old: "available", new: "withdrawn")]
            )
        }
    }

    /// Makes the candidate staff in one transaction: the account (a care worker of the provider,
    /// a personal assistant by job), its role, the staff profile with the candidate's settlement,
    /// skills and availability as working pattern, and the hire record; each audited. The candidate's
    /// row is locked and read again first, so a second submission finds them hired and creates nothing.
    static func hire(
        _ candidate: OpenCandidate,
        _ draft: HireDraft,
        version: Int?,
        request req: Request
    ) async throws
        -> UUID
    {
        guard let version else {
            throw ValidationFailure(problems: [FieldProblem(field: "version", message: req.text(.errorRequired))])
        }
        let hash = try await req.password.async.hash(draft.password)
        let actor = req.auditActor
        let now = req.application.clock.now()
        let today = CalendarDay.today(at: now)
        let id = candidate.record.id!
        let name = candidate.name
        let formerlyUnemployed = candidate.registration.registeredUnemployed
        let taken = req.text(.usernameTaken)
        return try await req.write { db in
            try await db.lockRow(table: PoolCandidate.schema, id: id)
            guard let stored = try await Scoped.unscopedFind(PoolCandidate.self, id, on: db, .reread) else {
                throw Abort(.notFound)
            }
            guard stored.candidateStatus != .hired else { throw AlreadyHired(userID: stored.hiredUserID) }
            guard stored.candidateStatus == .available else { throw Abort(.notFound) }
            guard stored.version == version else { throw EditConflict(recordType: "candidate") }
            if try await Scoped.unscoped(User.self, on: db, .uniqueness).filter(\.$username == draft.username).first()
                != nil
            {
                throw ValidationFailure(problems: [FieldProblem(field: "username", message: taken)])
            }
            let user = User(
                username: draft.username,
                displayName: name,
                passwordHash: hash,
                provider: stored.providerID,
                place: ScopePlace(oblast: stored.oblastCode, municipality: stored.municipalityCode),
                jobTitle: .personalAssistant
            )
            try await user.create(on: db)
            let grant = RoleGrant(
                userID: user.id!,
                role: .careWorker,
                scopeKind: .provider,
                scopeCode: stored.providerID.uuidString
            )
            try await grant.create(on: db)
            let member = StaffMember()
            member.version = 1
            member.userID = user.id!
            member.providerID = stored.providerID
            member.municipalityCode = stored.municipalityCode
            member.oblastCode = stored.oblastCode
            member.skills = stored.skillSet.union([.personalCare]).map(\.rawValue).sorted().joined(separator: ",")
            member.contractHours = draft.contractHours
            member.homeSettlement = stored.settlementEkatte
            member.shifts = stored.availability
            try await member.create(on: db)
            let hire = AssistantHire()
            hire.providerID = stored.providerID
            hire.municipalityCode = stored.municipalityCode
            hire.oblastCode = stored.oblastCode
            hire.candidateID = id
            hire.userID = user.id!
            hire.hiredOn = today.iso
            hire.formerlyUnemployed = formerlyUnemployed
            hire.hiredBy = actor.name
            hire.createdAt = now
            try await hire.create(on: db)
            stored.status = PoolCandidate.Status.hired.rawValue
            stored.hiredUserID = user.id!
            stored.version += 1
            try await stored.update(on: db)
            let events: [(String, String, String, [FieldChange])] = [
                (
                    "user.created", "user", user.id!.uuidString,
                    [
                        FieldChange(field: "username", old: nil, new: draft.username),
                        FieldChange(field: "grant", old: nil, new: "careWorker provider:\(stored.providerID)"),
                    ]
                ),
                (
                    "staff.created", "staff", member.id!.uuidString,
                    [FieldChange(field: "contractHours", old: nil, new: String(draft.contractHours))]
                ),
                (
                    "candidate.hired", "candidate", id.uuidString,
                    [
                        FieldChange(field: "status", old: "available", new: "hired"),
                        FieldChange(field: "userId", old: nil, new: user.id!.uuidString),
                    ]
                ),
            ]
            for (action, type, record, changes) in events {
                try await AuditTrail.append(
                    on: db,
                    actor: actor,
                    action: action,
                    recordType: type,
                    recordID: record,
                    changes: changes,
                    at: now
                )
            }
            return user.id!
        }
    }
}
