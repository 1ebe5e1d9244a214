import Fluent
import OporaCore
import Vapor

/// The demo's organisations: Kyustendil municipality, its municipal provider and an NGO, a
/// provider in a neighbouring municipality and one in Sofia (so scope can be seen), their
/// services, one account per role of the municipality named after the role, and the NGO's manager
/// and case worker.
enum DemoProviders {
    static let municipality = "KNL29"
    static let oblast = "KNL"

    struct DemoProvider {
        var id: UUID
        var name: String
        var kind: ProviderKind
        var eikStem: Int
        var municipality: String
    }

    static let municipal = DemoProvider(
        id: UUID(uuidString: "0b0b0000-0000-4000-8000-000000000001")!,
        name: "Община Кюстендил – Център за почасови услуги в дома",
        kind: .municipal,
        eikStem: 10_900_001,
        municipality: "KNL29"
    )
    static let ngo = DemoProvider(
        id: UUID(uuidString: "0b0b0000-0000-4000-8000-000000000002")!,
        name: "Сдружение „Подкрепа за независим живот“",
        kind: .ngo,
        eikStem: 17_500_102,
        municipality: "KNL29"
    )
    static let neighbour = DemoProvider(
        id: UUID(uuidString: "0b0b0000-0000-4000-8000-000000000003")!,
        name: "Община Дупница – Дневен център за възрастни хора",
        kind: .municipal,
        eikStem: 10_900_203,
        municipality: "KNL48"
    )
    static let sofia = DemoProvider(
        id: UUID(uuidString: "0b0b0000-0000-4000-8000-000000000004")!,
        name: "„Грижа у дома“ ЕООД",
        kind: .privateCompany,
        eikStem: 20_400_304,
        municipality: "SOF46"
    )

    /// Sofia's social-services directorate, whose outreach team works in кв. „Факултета“.
    static let sofiaDirectorate = DemoProvider(
        id: UUID(uuidString: "0b0b0000-0000-4000-8000-000000000005")!,
        name: "Столична община – Дирекция „Социални дейности“",
        kind: .municipal,
        eikStem: 10_900_405,
        municipality: "SOF46"
    )

    /// The directorate's outreach team of four, its coordinator, and Sofia's director.
    static var outreachAccounts: [DemoAccount] {
        let directorate = sofiaDirectorate.id.uuidString
        let team = [
            ("outreach", "Снежана Асенова"), ("outreach2", "Мирослав Кирилов"), ("outreach3", "Анелия Борисова"),
            ("outreach4", "Росица Петрова"),
        ]
        return team.map {
            DemoAccount(
                username: $0.0,
                displayName: $0.1,
                role: .outreachWorker,
                scopeKind: .provider,
                scopeCode: directorate,
                provider: sofiaDirectorate.id,
                jobTitle: $0.0 == "outreach4" ? .socialMediator : .socialWorker
            )
        } + [
            DemoAccount(
                username: "outreach-coordinator",
                displayName: "Владимир Стаменов",
                role: .coordinator,
                scopeKind: .provider,
                scopeCode: directorate,
                provider: sofiaDirectorate.id,
                jobTitle: .coordinator
            ),
            DemoAccount(
                username: "sofia-director",
                displayName: "Деница Колева",
                role: .municipalDirector,
                scopeKind: .municipality,
                scopeCode: sofiaDirectorate.municipality
            ),
        ]
    }

    static var accounts: [DemoAccount] {
        let centre = municipal.id
        return [
            DemoAccount(
                username: "planner",
                displayName: "Радослава Петкова",
                role: .regionalPlanner,
                scopeKind: .oblast,
                scopeCode: oblast
            ),
            DemoAccount(
                username: "inspector",
                displayName: "Огнян Василев",
                role: .inspector,
                scopeKind: .oblast,
                scopeCode: oblast
            ),
            DemoAccount(
                username: "director",
                displayName: "Весела Николова",
                role: .municipalDirector,
                scopeKind: .municipality,
                scopeCode: municipality
            ),
            DemoAccount(
                username: "manager",
                displayName: "Стефан Георгиев",
                role: .providerManager,
                scopeKind: .provider,
                scopeCode: centre.uuidString,
                provider: centre,
                jobTitle: .manager
            ),
            DemoAccount(
                username: "coordinator",
                displayName: "Мария Стоянова",
                role: .coordinator,
                scopeKind: .provider,
                scopeCode: centre.uuidString,
                provider: centre,
                jobTitle: .coordinator
            ),
            DemoAccount(
                username: "caseworker",
                displayName: "Елена Димитрова",
                role: .caseWorker,
                scopeKind: .provider,
                scopeCode: centre.uuidString,
                provider: centre,
                jobTitle: .socialWorker
            ),
            DemoAccount(
                username: "careworker",
                displayName: "Йорданка Иванова",
                role: .careWorker,
                scopeKind: .provider,
                scopeCode: centre.uuidString,
                provider: centre,
                jobTitle: .personalAssistant
            ),
            // The NGO's own staff, so that a referral can be sent by the centre and received here.
            DemoAccount(
                username: "ngo-manager",
                displayName: "Калина Маринова",
                role: .providerManager,
                scopeKind: .provider,
                scopeCode: ngo.id.uuidString,
                provider: ngo.id,
                jobTitle: .manager
            ),
            DemoAccount(
                username: "ngo-caseworker",
                displayName: "Цветана Христова",
                role: .caseWorker,
                scopeKind: .provider,
                scopeCode: ngo.id.uuidString,
                provider: ngo.id,
                jobTitle: .socialWorker
            ),
            DemoAccount(
                username: "facilitator",
                displayName: "Асен Тодоров",
                role: .workshopFacilitator,
                scopeKind: .municipality,
                scopeCode: municipality
            ),
        ] + outreachAccounts
    }

    static func seed(_ demo: DemoSeeding) async throws {
        for provider in [municipal, ngo, neighbour, sofia, sofiaDirectorate] {
            guard let municipality = try await TerritoryQueries.municipality(provider.municipality, on: demo.db),
                let eik = EIK.make(firstEight: provider.eikStem)
            else { throw CommandUsage(message: "The territory data lacks \(provider.municipality)") }
            let record = Provider()
            record.id = provider.id
            record.version = 1
            record.name = provider.name
            record.sortKey = BulgarianCollation.sortKey(provider.name)
            record.kind = provider.kind
            record.eik = eik.value
            record.municipalityCode = municipality.id!
            record.oblastCode = municipality.oblastCode
            try await record.create(on: demo.db)
            try await demo.audit("provider.created", "provider", provider.id)
            for service in services(for: provider, centre: municipality.centreEkatte) {
                try await service.create(on: demo.db)
                try await demo.audit("service.created", "service", service.id!)
            }
        }
        if !demo.small { try await DemoRegion.seed(demo) }
    }

    private static func services(for provider: DemoProvider, centre: String) -> [ProvidedService] {
        func make(
            _ name: String,
            _ type: SocialServiceType,
            _ setting: DeliverySetting,
            places: Int?,
            hours: Int?,
            groups: [TargetGroup]
        ) -> ProvidedService {
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
                make(
                    "Асистентска подкрепа",
                    .assistantSupport,
                    .atHome,
                    places: 120,
                    hours: 2_400,
                    groups: [.peopleWithDisabilities, .elderly]
                ),
                make(
                    "Терапия и рехабилитация в общността",
                    .therapyAndRehabilitation,
                    .inCommunity,
                    places: 40,
                    hours: 160,
                    groups: [.peopleWithDisabilities]
                ),
                make(
                    "Информиране и консултиране",
                    .informationAndConsultation,
                    .inCommunity,
                    places: nil,
                    hours: 80,
                    groups: [.lowIncome, .marginalisedCommunity]
                ),
            ]
        case .ngo:
            return [
                make(
                    "Дневна грижа за пълнолетни с увреждания",
                    .dayCare,
                    .inCommunity,
                    places: 30,
                    hours: nil,
                    groups: [.peopleWithDisabilities]
                ),
                make(
                    "Общностна работа в кв. „Изток“",
                    .communityWork,
                    .inCommunity,
                    places: nil,
                    hours: 60,
                    groups: [.marginalisedCommunity, .childrenAtRisk]
                ),
            ]
        case .municipal where provider.id == sofiaDirectorate.id:
            return [
                make(
                    "Теренна работа „От вход до вход“ в кв. „Факултета“",
                    .communityWork,
                    .inCommunity,
                    places: nil,
                    hours: 160,
                    groups: [.marginalisedCommunity, .childrenAtRisk, .lowIncome]
                )
            ]
        default:
            return [make("Дневна грижа", .dayCare, .inCommunity, places: 25, hours: nil, groups: [.elderly])]
        }
    }
}
