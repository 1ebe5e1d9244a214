import Fluent
import OporaCore
import Vapor

/// The rest of the demo oblast's register, so that planning sees all nine municipalities of
/// Кюстендил: each runs services of its own, sized to its population, and Дупница also has a
/// licensed NGO whose licence is about to expire.
enum DemoRegion {
    struct Entry {
        var provider: DemoProviders.DemoProvider
        var services: [(String, SocialServiceType, DeliverySetting, Int?, Int?, [TargetGroup], String?)]
    }

    static func provider(
        _ n: Int,
        _ name: String,
        _ kind: ProviderKind,
        _ municipality: String
    ) -> DemoProviders.DemoProvider {
        DemoProviders.DemoProvider(
            id: UUID(uuidString: String(format: "0b0b0000-0000-4000-8000-0000000001%02d", n))!,
            name: name,
            kind: kind,
            eikStem: 10_901_000 + n,
            municipality: municipality
        )
    }

    static let entries: [Entry] = [
        Entry(
            provider: provider(1, "Община Бобов дол – Домашен социален патронаж", .municipal, "KNL04"),
            services: [
                (
                    "Асистентска подкрепа – Бобов дол", .assistantSupport, .atHome, 25, 500,
                    [.elderly, .peopleWithDisabilities], nil
                )
            ]
        ),
        Entry(
            provider: provider(2, "Община Бобошево – Социални услуги", .municipal, "KNL05"),
            services: [("Асистентска подкрепа – Бобошево", .assistantSupport, .atHome, 10, 200, [.elderly], nil)]
        ),
        Entry(
            provider: provider(3, "Община Кочериново – Социални услуги", .municipal, "KNL27"),
            services: [
                ("Дневен център за възрастни хора – Кочериново", .dayCare, .inCommunity, 15, nil, [.elderly], nil),
                ("Асистентска подкрепа – Кочериново", .assistantSupport, .atHome, 12, 240, [.elderly], nil),
            ]
        ),
        Entry(
            provider: provider(4, "Община Невестино – Социални услуги", .municipal, "KNL31"),
            services: [("Асистентска подкрепа – Невестино", .assistantSupport, .atHome, 8, 160, [.elderly], nil)]
        ),
        Entry(
            provider: provider(5, "Община Рила – Социални услуги", .municipal, "KNL38"),
            services: [
                (
                    "Асистентска подкрепа – Рила", .assistantSupport, .atHome, 10, 200,
                    [.elderly, .peopleWithDisabilities], nil
                )
            ]
        ),
        Entry(
            provider: provider(6, "Община Сапарева баня – Социални услуги", .municipal, "KNL41"),
            services: [
                ("Асистентска подкрепа – Сапарева баня", .assistantSupport, .atHome, 18, 360, [.elderly], nil),
                (
                    "Информиране и консултиране – Сапарева баня", .informationAndConsultation, .inCommunity, nil, 40,
                    [.lowIncome], nil
                ),
            ]
        ),
        Entry(
            provider: provider(7, "Община Трекляно – Социални услуги", .municipal, "KNL50"),
            services: [("Асистентска подкрепа – Трекляно", .assistantSupport, .atHome, 5, 100, [.elderly], nil)]
        ),
        Entry(
            provider: provider(8, "Община Дупница – Център за социални услуги", .municipal, "KNL48"),
            services: [
                (
                    "Асистентска подкрепа – Дупница", .assistantSupport, .atHome, 60, 1_200,
                    [.peopleWithDisabilities, .elderly], nil
                ),
                (
                    "Център за обществена подкрепа – Дупница", .therapyAndRehabilitation, .inCommunity, 30, nil,
                    [.childrenAtRisk], nil
                ),
            ]
        ),
        Entry(
            provider: provider(9, "Фондация „Шанс за всяко дете“", .ngo, "KNL48"),
            services: [
                (
                    "Кризисен център за жертви на насилие", .shelter, .residential, 8, nil, [.victimsOfViolence],
                    "2027-01-31"
                )
            ]
        ),
    ]

    static func seed(_ demo: DemoSeeding) async throws {
        for entry in entries {
            let provider = entry.provider
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
            for (name, type, setting, places, hours, groups, expiry) in entry.services {
                let service = ProvidedService()
                service.version = 1
                service.$provider.id = provider.id
                service.name = name
                service.serviceType = type
                service.setting = setting
                service.settlementEkatte = municipality.centreEkatte
                service.municipalityCode = municipality.id!
                service.oblastCode = municipality.oblastCode
                service.capacityPlaces = places
                service.capacityHoursPerWeek = hours
                service.targetGroups = groups.map(\.rawValue).joined(separator: ",")
                if type.licenceRequired(by: provider.kind) {
                    service.licenceNumber = "АКСУ-\(provider.eikStem % 10_000)"
                    service.licenceExpiry = expiry ?? "2029-06-30"
                }
                try await service.create(on: demo.db)
                try await demo.audit("service.created", "service", service.id!)
            }
        }
    }
}
