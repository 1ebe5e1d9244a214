import Fluent
import OporaCore
import Vapor

/// The deterministic demo: Kyustendil municipality, its municipal provider and an NGO, a provider
/// in a neighbouring municipality and one in Sofia (so scope can be seen), services, and one user
/// per role named after the role.
enum DemoSeed {
    static let municipality = "KNL29"
    static let oblast = "KNL"

    struct DemoProvider {
        var id: UUID
        var name: String
        var kind: ProviderKind
        var eikStem: Int
        var municipality: String
    }

    static let municipalProvider = DemoProvider(
        id: UUID(uuidString: "0b0b0000-0000-4000-8000-000000000001")!,
        name: "Община Кюстендил – Център за почасови услуги в дома", kind: .municipal, eikStem: 10_900_001, municipality: "KNL29")
    static let ngoProvider = DemoProvider(
        id: UUID(uuidString: "0b0b0000-0000-4000-8000-000000000002")!,
        name: "Сдружение „Подкрепа за независим живот“", kind: .ngo, eikStem: 17_500_102, municipality: "KNL29")
    static let neighbourProvider = DemoProvider(
        id: UUID(uuidString: "0b0b0000-0000-4000-8000-000000000003")!,
        name: "Община Дупница – Дневен център за възрастни хора", kind: .municipal, eikStem: 10_900_203, municipality: "KNL48")
    static let sofiaProvider = DemoProvider(
        id: UUID(uuidString: "0b0b0000-0000-4000-8000-000000000004")!,
        name: "„Грижа у дома“ ЕООД", kind: .privateCompany, eikStem: 20_400_304, municipality: "SOF46")

    struct DemoUser {
        var username: String
        var displayName: String
        var role: Role
        var scopeKind: ScopeKind
        var scopeCode: String
        var provider: UUID?
        var jobTitle: JobTitle?
    }

    static var users: [DemoUser] {
        let municipal = municipalProvider.id
        return [
            DemoUser(username: "admin", displayName: "Администратор на системата", role: .administrator, scopeKind: .country, scopeCode: ""),
            DemoUser(username: "planner", displayName: "Радослава Петкова", role: .regionalPlanner, scopeKind: .oblast, scopeCode: oblast),
            DemoUser(username: "inspector", displayName: "Огнян Василев", role: .inspector, scopeKind: .oblast, scopeCode: oblast),
            DemoUser(username: "director", displayName: "Весела Николова", role: .municipalDirector, scopeKind: .municipality, scopeCode: municipality),
            DemoUser(username: "manager", displayName: "Стефан Георгиев", role: .providerManager, scopeKind: .provider,
                     scopeCode: municipal.uuidString, provider: municipal, jobTitle: .manager),
            DemoUser(username: "coordinator", displayName: "Мария Стоянова", role: .coordinator, scopeKind: .provider,
                     scopeCode: municipal.uuidString, provider: municipal, jobTitle: .coordinator),
            DemoUser(username: "caseworker", displayName: "Елена Димитрова", role: .caseWorker, scopeKind: .provider,
                     scopeCode: municipal.uuidString, provider: municipal, jobTitle: .socialWorker),
            DemoUser(username: "careworker", displayName: "Йорданка Иванова", role: .careWorker, scopeKind: .provider,
                     scopeCode: municipal.uuidString, provider: municipal, jobTitle: .personalAssistant),
            DemoUser(username: "facilitator", displayName: "Асен Тодоров", role: .workshopFacilitator, scopeKind: .municipality,
                     scopeCode: municipality),
        ]
    }

    /// Returns false when the demo is already there. Tests leave out the people to keep each case small.
    static func seed(_ app: Application, withPeople: Bool = true) async throws -> Bool {
        if try await Scoped.unscoped(User.self, on: app.db, .administration).filter(\.$username == "admin").first() != nil { return false }
        var hashes: [String: String] = [:]
        for user in users { hashes[user.username] = try await app.password.async.hash(app.opora.demoPassword) }
        let passwordHashes = hashes
        let key = app.dataKey
        let now = app.clock.now()
        try await app.db.write(gate: app.writeGate) { db in
            let actor = AuditActor.system("opora seed --demo")
            for demo in [municipalProvider, ngoProvider, neighbourProvider, sofiaProvider] {
                guard let municipality = try await Municipality.find(demo.municipality, on: db), let eik = EIK.make(firstEight: demo.eikStem)
                else { throw CommandUsage(message: "The territory data lacks \(demo.municipality)") }
                let provider = Provider()
                provider.id = demo.id
                provider.version = 1
                provider.name = demo.name
                provider.sortKey = BulgarianCollation.sortKey(demo.name)
                provider.kind = demo.kind
                provider.eik = eik.value
                provider.municipalityCode = municipality.id!
                provider.oblastCode = municipality.oblastCode
                try await provider.create(on: db)
                try await AuditTrail.append(on: db, actor: actor, action: "provider.created", recordType: "provider",
                                            recordID: demo.id.uuidString, at: now)
                for service in services(for: demo, centre: municipality.centreEkatte) {
                    try await service.create(on: db)
                    try await AuditTrail.append(on: db, actor: actor, action: "service.created", recordType: "service",
                                                recordID: service.id!.uuidString, at: now)
                }
            }
            for demo in users {
                let user = User(username: demo.username, displayName: demo.displayName, passwordHash: passwordHashes[demo.username]!,
                                provider: demo.provider, jobTitle: demo.jobTitle)
                try await user.create(on: db)
                try await RoleGrant(userID: user.id!, role: demo.role, scopeKind: demo.scopeKind, scopeCode: demo.scopeCode).create(on: db)
                try await AuditTrail.append(on: db, actor: actor, action: "user.created", recordType: "user", recordID: user.id!.uuidString,
                                            changes: [FieldChange(field: "username", old: nil, new: demo.username)], at: now)
                if withPeople, demo.username == "caseworker" {
                    try await DemoPeople.seed(on: db, key: key, caseWorker: user.id!, now: now)
                }
            }
        }
        return true
    }

    private static func services(for provider: DemoProvider, centre: String) -> [ProvidedService] {
        func make(_ name: String, _ type: SocialServiceType, _ setting: DeliverySetting, places: Int?, hours: Int?, groups: [TargetGroup]) -> ProvidedService {
            let service = ProvidedService()
            service.version = 1
            service.$provider.id = provider.id
            service.name = name
            service.serviceType = type
            service.setting = setting
            service.settlementEkatte = centre
            service.municipalityCode = provider.municipality
            service.oblastCode = String(provider.municipality.prefix(3))
            service.capacityPlaces = places
            service.capacityHoursPerWeek = hours
            service.targetGroups = groups.map(\.rawValue).joined(separator: ",")
            if type.licenceRequired(by: provider.kind) {
                service.licenceNumber = "АКСУ-\(provider.eikStem % 10_000)"
                service.licenceExpiry = "2029-06-30"
            }
            return service
        }
        switch provider.kind {
        case .municipal where provider.municipality == municipality:
            return [
                make("Асистентска подкрепа", .assistantSupport, .atHome, places: 120, hours: 2_400, groups: [.peopleWithDisabilities, .elderly]),
                make("Терапия и рехабилитация в общността", .therapyAndRehabilitation, .inCommunity, places: 40, hours: 160, groups: [.peopleWithDisabilities]),
                make("Информиране и консултиране", .informationAndConsultation, .inCommunity, places: nil, hours: 80, groups: [.lowIncome, .marginalisedCommunity]),
            ]
        case .ngo:
            return [
                make("Дневна грижа за пълнолетни с увреждания", .dayCare, .inCommunity, places: 30, hours: nil, groups: [.peopleWithDisabilities]),
                make("Общностна работа в кв. „Изток“", .communityWork, .inCommunity, places: nil, hours: 60, groups: [.marginalisedCommunity, .childrenAtRisk]),
            ]
        default:
            return [make("Дневна грижа", .dayCare, .inCommunity, places: 25, hours: nil, groups: [.elderly])]
        }
    }

    static func loginSummary(password: String) -> String {
        var lines = ["Demo sign-in (password: \(password)):"]
        for user in users {
            lines.append("  \(user.username.padding(toLength: 12, withPad: " ", startingAt: 0)) \(user.role.label(in: .en))")
        }
        return lines.joined(separator: "\n")
    }
}
