import Fluent
import OporaCore
import Vapor

/// Someone who lives with the person, or acts for them. Names are sealed: they are personal data
/// of people who are not themselves users of services.
final class HouseholdMember: Model, @unchecked Sendable {
    static let schema = "household_members"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Field(key: "name_sealed") var nameSealed: String
    @Enum(key: "relation") var relation: HouseholdRelation
    @OptionalField(key: "phone_sealed") var phoneSealed: String?
    @Field(key: "lives_with") var livesWith: Bool
    /// Parent of a minor, guardian (настойник) or trustee (попечител); empty when not a representative.
    @Field(key: "legal_role") var legalRole: String
    @Field(key: "since") var since: String

    init() {}
}

/// A member of the multidisciplinary team around one case.
final class CaseTeamMember: Model, @unchecked Sendable {
    static let schema = "case_team"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var supportCase: SupportCase
    @Parent(key: "user_id") var user: User
    @Field(key: "added_at") var addedAt: Date

    init() {}
}

/// Legal representation as the Persons and Family Act knows it.
enum LegalRole: String, CaseIterable, Codable, Sendable {
    case parent, guardian, trustee

    func label(in language: Language) -> String {
        switch (self, language) {
        case (.parent, .bg): "родител на ненавършил пълнолетие"
        case (.parent, .en): "parent of a minor"
        case (.guardian, .bg): "настойник"
        case (.guardian, .en): "guardian"
        case (.trustee, .bg): "попечител"
        case (.trustee, .en): "trustee"
        }
    }
}

struct CreateHouseholdsAndTeams: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HouseholdMember.schema)
            .id()
            .field("person_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("name_sealed", .string, .required)
            .field("relation", .string, .required)
            .field("phone_sealed", .string)
            .field("lives_with", .bool, .required)
            .field("legal_role", .string, .required)
            .field("since", .string, .required)
            .create()
        try await database.schema(CaseTeamMember.schema)
            .id()
            .field("case_id", .uuid, .required, .references(SupportCase.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("added_at", .datetime, .required)
            .unique(on: "case_id", "user_id")
            .create()
        let sql = try database.sql()
        try await sql.raw("CREATE INDEX household_person ON household_members (person_id)").run()
        try await sql.raw("CREATE INDEX case_team_user ON case_team (user_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseTeamMember.schema).delete()
        try await database.schema(HouseholdMember.schema).delete()
    }
}

struct HouseholdMemberDTO: Codable, Sendable {
    var id: UUID
    var name: String
    var relation: String
    var phone: String?
    var livesWith: Bool
    var legalRole: String?
    var since: String
}

struct TeamMemberDTO: Codable, Sendable {
    var userId: UUID
    var displayName: String
    var jobTitle: String?
}

enum HouseholdStore {
    struct Input: Content, Sendable {
        var name: String?
        var relation: String?
        var phone: String?
        var livesWith: Bool?
        var legalRole: String?
    }

    static func add(to person: Person, _ input: Input, request req: Request) async throws -> HouseholdMember {
        var checks = req.fieldChecks()
        let name = checks.text("name", input.name, maximum: 200)
        let relation = HouseholdRelation(rawValue: input.relation ?? "")
        if relation == nil { checks.add("relation", key: .errorChooseFromList) }
        let role = (input.legalRole ?? "").isEmpty ? nil : LegalRole(rawValue: input.legalRole!)
        if !(input.legalRole ?? "").isEmpty, role == nil { checks.add("legalRole", key: .errorChooseFromList) }
        let phone = checks.text("phone", input.phone, maximum: 40, required: false)
        if !phone.isEmpty, !PhoneNumber.isPlausible(phone) { checks.add("phone", key: .phoneInvalid) }
        try checks.finish()
        let key = req.application.dataKey
        let actor = req.auditActor
        let now = req.application.clock.now()
        let sealedName = try key.seal(name)
        let sealedPhone = try phone.isEmpty ? nil : key.seal(phone)
        let personID = person.id!
        return try await req.write { db in
            let member = HouseholdMember()
            member.$person.id = personID
            member.nameSealed = sealedName
            member.relation = relation!
            member.phoneSealed = sealedPhone
            member.livesWith = input.livesWith ?? true
            member.legalRole = role?.rawValue ?? ""
            member.since = CalendarDay.today(at: now).iso
            try await member.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "household.added",
                recordType: "person",
                recordID: personID.uuidString,
                changes: [
                    FieldChange(field: "relation", old: nil, new: relation!.rawValue),
                    FieldChange(field: "legalRole", old: nil, new: role?.rawValue),
                ],
                sealingWith: key,
                at: now
            )
            return member
        }
    }

    static func remove(_ memberID: UUID, from person: Person, request req: Request) async throws {
        let actor = req.auditActor
        let now = req.application.clock.now()
        let personID = person.id!
        try await req.write { db in
            guard
                let member = try await HouseholdMember.query(on: db).filter(\.$id == memberID).filter(
                    \.$person.$id == personID
                ).first()
            else { throw Abort(.notFound) }
            try await member.delete(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "household.removed",
                recordType: "person",
                recordID: personID.uuidString,
                at: now
            )
        }
    }

    static func members(of person: Person, key: DataKey, on db: any Database) async throws -> [HouseholdMemberDTO] {
        try await HouseholdMember.query(on: db).filter(\.$person.$id == person.id!).sort(\.$since).all().map {
            HouseholdMemberDTO(
                id: $0.id!,
                name: try key.open($0.nameSealed),
                relation: $0.relation.rawValue,
                phone: try $0.phoneSealed.map { try key.open($0) },
                livesWith: $0.livesWith,
                legalRole: $0.legalRole.isEmpty ? nil : $0.legalRole,
                since: $0.since
            )
        }
    }
}

enum TeamStore {
    /// Adds a member of staff to the team; only staff the caller could see as users of the case's provider.
    static func add(
        userID: UUID?,
        to caseID: UUID,
        scope: AccessScope,
        request req: Request
    ) async throws -> [TeamMemberDTO] {
        let supportCase = try await CaseStore.find(caseID, scope, on: req.db)
        guard let userID,
            let user = try await Scoped.query(User.self, AccessScope(providers: [supportCase.$provider.id]), on: req.db)
                .filter(\.$id == userID).first(), !user.disabled
        else {
            throw ValidationFailure(problems: [FieldProblem(field: "userId", message: req.text(.teamMemberUnknown))])
        }
        let actor = req.auditActor
        let now = req.application.clock.now()
        try await req.write { db in
            if try await CaseTeamMember.query(on: db).filter(\.$supportCase.$id == caseID).filter(\.$user.$id == userID)
                .first() == nil
            {
                let member = CaseTeamMember()
                member.$supportCase.id = caseID
                member.$user.id = userID
                member.addedAt = now
                try await member.create(on: db)
                try await AuditTrail.append(
                    on: db,
                    actor: actor,
                    action: "case.team.added",
                    recordType: "case",
                    recordID: caseID.uuidString,
                    changes: [FieldChange(field: "team", old: nil, new: user.username)],
                    at: now
                )
            }
        }
        return try await members(of: caseID, on: req.db)
    }

    static func members(of caseID: UUID, on db: any Database) async throws -> [TeamMemberDTO] {
        try await CaseTeamMember.query(on: db).filter(\.$supportCase.$id == caseID).with(\.$user).all().map {
            TeamMemberDTO(userId: $0.$user.id, displayName: $0.user.displayName, jobTitle: $0.user.jobTitle?.rawValue)
        }
    }
}
