import Fluent
import OporaCore
import Vapor

/// A user of the provider who makes visits, with the profile planning needs if one is recorded.
struct StaffListEntry: Sendable {
    var user: User
    var profile: StaffMember?
    var absences: [StaffAbsence]
}

/// The centre's staff, always within the caller's scope: users of the provider who do visits
/// (their job title has skills) and their profiles.
enum StaffStore {
    static func list(provider: UUID, _ scope: AccessScope, on db: any Database) async throws -> [StaffListEntry] {
        let users = try await Scoped.query(User.self, scope, on: db)
            .filter(\.$providerID == provider).filter(\.$disabled == false).sort(\.$sortKey).all()
            .filter { $0.jobTitle.map { !CareSkill.defaults(for: $0).isEmpty } ?? false }
        let profiles = try await Scoped.query(StaffMember.self, scope, on: db)
            .filter(\.$providerID == provider).all()
        let byUser = Dictionary(profiles.map { ($0.userID, $0) }, uniquingKeysWith: { a, _ in a })
        let absences = try await StaffAbsence.query(on: db).filter(\.$staff.$id ~~ profiles.map { $0.id! })
            .sort(\.$fromDay).all()
        let byStaff = Dictionary(grouping: absences, by: { $0.$staff.id })
        return users.map { user in
            let profile = byUser[user.id!]
            return StaffListEntry(user: user, profile: profile, absences: profile.flatMap { byStaff[$0.id!] } ?? [])
        }
    }

    /// Those who can be planned: a profile with at least one skill.
    static func roster(provider: UUID, _ scope: AccessScope, on db: any Database) async throws -> [RosterEntry] {
        try await list(provider: provider, scope, on: db).compactMap { entry in
            guard let profile = entry.profile else { return nil }
            return RosterEntry(
                userID: entry.user.id!,
                name: entry.user.displayName,
                job: entry.user.jobTitle,
                skills: profile.skillSet,
                contractHours: profile.contractHours,
                homeSettlement: profile.homeSettlement,
                pattern: WorkingPattern(
                    contractHours: profile.contractHours,
                    shifts: profile.shiftList,
                    absences: entry.absences.compactMap(\.absence)
                )
            )
        }
    }

    /// The user in scope who may have a staff profile; 404 for anyone else.
    static func member(_ userID: UUID, _ scope: AccessScope, on db: any Database) async throws -> StaffListEntry {
        let user = try await Scoped.find(User.self, userID, scope, on: db)
        guard let provider = user.providerID, user.jobTitle.map({ !CareSkill.defaults(for: $0).isEmpty }) ?? false
        else { throw Abort(.notFound) }
        let profile = try await Scoped.query(StaffMember.self, scope, on: db).filter(\.$userID == userID)
            .filter(\.$providerID == provider).first()
        let absences = try await profile.asyncFlatMap {
            try await StaffAbsence.query(on: db).filter(\.$staff.$id == $0.id!).sort(\.$fromDay).all()
        }
        return StaffListEntry(user: user, profile: profile, absences: absences ?? [])
    }

    /// Creates the profile, or updates it if `version` is still the stored one.
    static func save(_ draft: StaffDraft, for entry: StaffListEntry, version: Int?, request req: Request) async throws {
        let shifts = String(decoding: try JSONEncoder().encode(draft.shifts), as: UTF8.self)
        let skills = draft.skills.map(\.rawValue).sorted().joined(separator: ",")
        @Sendable func changes(_ old: StaffMember?) -> [FieldChange] {
            [
                FieldChange(field: "skills", old: old?.skills, new: skills),
                FieldChange(
                    field: "contractHours",
                    old: old.map { String($0.contractHours) },
                    new: String(draft.contractHours)
                ),
                FieldChange(field: "homeSettlement", old: old?.homeSettlement, new: draft.homeSettlement),
                FieldChange(field: "shifts", old: old?.shifts, new: shifts),
            ].filter { $0.old != $0.new }
        }
        guard let existing = entry.profile else {
            let user = entry.user
            let actor = req.auditActor
            let now = req.application.clock.now()
            try await req.write { db in
                let member = StaffMember()
                member.version = 1
                member.userID = user.id!
                member.providerID = user.providerID!
                member.municipalityCode = user.municipalityCode ?? ""
                member.oblastCode = user.oblastCode ?? ""
                member.skills = skills
                member.contractHours = draft.contractHours
                member.homeSettlement = draft.homeSettlement
                member.shifts = shifts
                try await member.create(on: db)
                try await AuditTrail.append(
                    on: db,
                    actor: actor,
                    action: "staff.created",
                    recordType: "staff",
                    recordID: member.id!.uuidString,
                    changes: changes(nil),
                    at: now
                )
            }
            return
        }
        _ = try await req.updateVersioned(StaffMember.self, id: existing.id!, expected: version, recordType: "staff") {
            member,
            _ in
            let changed = changes(member)
            member.skills = skills
            member.contractHours = draft.contractHours
            member.homeSettlement = draft.homeSettlement
            member.shifts = shifts
            return changed.isEmpty ? nil : AuditedChange(action: "staff.updated", changes: changed)
        }
    }

    static func addAbsence(_ absence: Absence, to member: StaffMember, request req: Request) async throws {
        let actor = req.auditActor
        let now = req.application.clock.now()
        let staffID = member.id!
        try await req.write { db in
            let record = StaffAbsence()
            record.$staff.id = staffID
            record.kind = absence.kind.rawValue
            record.fromDay = absence.from.iso
            record.untilDay = absence.until.iso
            record.createdBy = actor.name
            record.createdAt = now
            try await record.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "staff.absence_added",
                recordType: "staff",
                recordID: staffID.uuidString,
                changes: [
                    FieldChange(
                        field: "absence",
                        old: nil,
                        new: "\(absence.kind.rawValue) \(absence.from.iso)…\(absence.until.iso)"
                    )
                ],
                at: now
            )
        }
    }
}
