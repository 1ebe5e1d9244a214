import OporaCore
import Vapor

/// View contexts of provider and service pages.
struct ProviderRow: Encodable, Sendable {
    var id: String
    var name: String
    var kind: String
    var eik: String
    var municipality: String
}

struct ServiceRow: Encodable, Sendable {
    var id: String
    var name: String
    var type: String
    var setting: String
    var settlement: String
    var capacity: String
    var licence: String
}

extension ProvidedService {
    func row(_ language: Language, settlements: [String: String]) -> ServiceRow {
        let capacity = [
            capacityPlaces.map { "\($0) " + (language == .bg ? "места" : "places") },
            capacityHoursPerWeek.map { "\($0) " + (language == .bg ? "ч./седм." : "h/week") },
        ]
        .compactMap { $0 }.joined(separator: ", ")
        return ServiceRow(
            id: id!.uuidString,
            name: name,
            type: serviceType.label(in: language),
            setting: setting.label(in: language),
            settlement: settlements[settlementEkatte] ?? settlementEkatte,
            capacity: capacity,
            licence: [licenceNumber, licenceExpiry.flatMap { CalendarDay(iso: $0)?.display }].compactMap { $0 }.joined(
                separator: " / "
            )
        )
    }
}

enum Choices {
    static func kinds(_ language: Language, selected: String?) -> [Choice] {
        ProviderKind.allCases.map {
            Choice(value: $0.rawValue, label: $0.label(in: language), selected: $0.rawValue == selected)
        }
    }

    static func serviceTypes(_ language: Language, selected: String?) -> [Choice] {
        SocialServiceType.allCases.map {
            Choice(value: $0.rawValue, label: $0.label(in: language), selected: $0.rawValue == selected)
        }
    }

    static func settings(_ language: Language, selected: String?) -> [Choice] {
        DeliverySetting.allCases.map {
            Choice(value: $0.rawValue, label: $0.label(in: language), selected: $0.rawValue == selected)
        }
    }

    static func targetGroups(_ language: Language, selected: [String]) -> [Choice] {
        TargetGroup.allCases.map {
            Choice(value: $0.rawValue, label: $0.label(in: language), selected: selected.contains($0.rawValue))
        }
    }
}
