import Fluent
import OporaCore
import Vapor

/// A service as a form or an API body sends it.
struct ServiceInput: Content, Sendable {
    var providerId: String?
    var name: String?
    var serviceType: String?
    var setting: String?
    var settlementEkatte: String?
    var capacityPlaces: String?
    var capacityHoursPerWeek: String?
    var targetGroups: [String]?
    var licenceNumber: String?
    var licenceExpiry: String?
    var version: Int?
}

/// A service whose fields have all been checked against the Social Services Act's rules.
struct ServiceDraft: Sendable {
    var name: String
    var serviceType: SocialServiceType
    var setting: DeliverySetting
    var settlement: Settlement
    var capacityPlaces: Int?
    var capacityHoursPerWeek: Int?
    var targetGroups: [TargetGroup]
    var licenceNumber: String?
    var licenceExpiry: CalendarDay?

    /// A service sits where its provider is, unless someone whose scope covers both places puts
    /// it elsewhere (`AccessScope.mayMove`); a service already elsewhere may stay where it is.
    static func validate(
        _ input: ServiceInput,
        provider: Provider,
        existing: ProvidedService? = nil,
        request req: Request
    ) async throws -> ServiceDraft {
        var checks = req.fieldChecks()
        let name = checks.text("name", input.name, maximum: 200)
        let type = input.serviceType.flatMap(SocialServiceType.init(rawValue:))
        if type == nil {
            checks.add(
                "serviceType",
                key: (input.serviceType ?? "").isEmpty ? .errorRequired : .errorChooseFromList
            )
        }
        let setting = input.setting.flatMap(DeliverySetting.init(rawValue:))
        if setting == nil {
            checks.add("setting", key: (input.setting ?? "").isEmpty ? .errorRequired : .errorChooseFromList)
        }
        let ekatte = (input.settlementEkatte ?? "").trimmingCharacters(in: .whitespaces)
        let settlement = ekatte.isEmpty ? nil : try await TerritoryQueries.settlement(ekatte, on: req.db)
        if settlement == nil {
            checks.add("settlementEkatte", key: ekatte.isEmpty ? .errorRequired : .settlementUnknown)
        }
        if let settlement, settlement.id != existing?.settlementEkatte,
            !(try req.currentUser().scope(for: .editServices)).mayMove(
                fromOblast: provider.oblastCode,
                fromMunicipality: provider.municipalityCode,
                toOblast: settlement.oblastCode,
                toMunicipality: settlement.municipalityCode
            )
        {
            checks.add("settlementEkatte", key: .scopeMoveBeyondYours)
        }
        let places = number("capacityPlaces", input.capacityPlaces, maximum: 100_000, checks: &checks)
        let hours = number("capacityHoursPerWeek", input.capacityHoursPerWeek, maximum: 1_000_000, checks: &checks)
        if places == nil, hours == nil, checks.problems.allSatisfy({ !$0.field.hasPrefix("capacity") }) {
            checks.add("capacityPlaces", key: .capacityRequired)
        }
        var groups: [TargetGroup] = []
        for raw in input.targetGroups ?? [] {
            if let group = TargetGroup(rawValue: raw) {
                groups.append(group)
            } else {
                checks.add("targetGroups", key: .errorChooseFromList)
            }
        }
        if (input.targetGroups ?? []).isEmpty { checks.add("targetGroups", key: .targetGroupsRequired) }
        let licenceNumber = checks.text("licenceNumber", input.licenceNumber, maximum: 60, required: false)
        let rawExpiry = (input.licenceExpiry ?? "").trimmingCharacters(in: .whitespaces)
        let expiry = rawExpiry.isEmpty ? nil : CalendarDay(iso: rawExpiry)
        if !rawExpiry.isEmpty, expiry == nil { checks.add("licenceExpiry", key: .dateInvalid) }
        if let type, type.licenceRequired(by: provider.kind) {
            if licenceNumber.isEmpty { checks.add("licenceNumber", key: .licenceRequired) }
            if rawExpiry.isEmpty { checks.add("licenceExpiry", key: .licenceRequired) }
        }
        try checks.finish()
        return ServiceDraft(
            name: name,
            serviceType: type!,
            setting: setting!,
            settlement: settlement!,
            capacityPlaces: places,
            capacityHoursPerWeek: hours,
            targetGroups: groups.uniqued(),
            licenceNumber: licenceNumber.isEmpty ? nil : licenceNumber,
            licenceExpiry: expiry
        )
    }

    private static func number(_ field: String, _ raw: String?, maximum: Int, checks: inout FieldChecks) -> Int? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        guard let value = Int(text), value > 0, value <= maximum else {
            checks.add(field, key: .positiveNumber)
            return nil
        }
        return value
    }

    func apply(to service: ProvidedService) -> [FieldChange] {
        var changes: [FieldChange] = []
        let isNew = service.id == nil
        func set(_ field: String, _ old: String?, _ new: String?, _ assign: () -> Void) {
            if isNew || old != new {
                changes.append(FieldChange(field: field, old: isNew ? nil : old, new: new))
                assign()
            }
        }
        set("name", isNew ? nil : service.name, name) { service.name = name }
        set("serviceType", isNew ? nil : service.serviceType.rawValue, serviceType.rawValue) {
            service.serviceType = serviceType
        }
        set("setting", isNew ? nil : service.setting.rawValue, setting.rawValue) { service.setting = setting }
        set("settlementEkatte", isNew ? nil : service.settlementEkatte, settlement.id!) {
            service.settlementEkatte = settlement.id!
            service.municipalityCode = settlement.municipalityCode
            service.oblastCode = settlement.oblastCode
        }
        set("capacityPlaces", service.capacityPlaces.map(String.init), capacityPlaces.map(String.init)) {
            service.capacityPlaces = capacityPlaces
        }
        set(
            "capacityHoursPerWeek",
            service.capacityHoursPerWeek.map(String.init),
            capacityHoursPerWeek.map(String.init)
        ) {
            service.capacityHoursPerWeek = capacityHoursPerWeek
        }
        let groups = targetGroups.map(\.rawValue).joined(separator: ",")
        set("targetGroups", isNew ? nil : service.targetGroups, groups) { service.targetGroups = groups }
        set("licenceNumber", service.licenceNumber, licenceNumber) { service.licenceNumber = licenceNumber }
        set("licenceExpiry", service.licenceExpiry, licenceExpiry?.iso) { service.licenceExpiry = licenceExpiry?.iso }
        return changes
    }
}
