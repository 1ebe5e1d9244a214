import Fluent
import OporaCore
import Vapor

/// A person as a form or an API body sends it.
struct PersonInput: Content, Sendable {
    var givenName: String?
    var middleName: String?
    var familyName: String?
    var identifierType: String?
    var identifier: String?
    var birthDate: String?
    var sex: String?
    var settlementEkatte: String?
    var address: String?
    var phone: String?
    var targetGroups: [String]?
    /// Per target group: since when (ISO date) and the evidence (decision, document).
    var targetGroupSince: [String: String]?
    var targetGroupEvidence: [String: String]?
    var disabilityPercent: String?
    var decisionExpiry: String?
    /// Set when the user has seen the possible-duplicate warning and registers the person anyway.
    var confirmDuplicate: String?
    var version: Int?
}

/// A person's details after every field has been checked; birth date and sex come from an ЕГН.
struct PersonDraft: Sendable {
    var name: PersonName
    var identifierType: IdentifierType
    var identifier: String?
    var birthDate: CalendarDay?
    var sex: Sex?
    var settlement: Settlement
    var address: String?
    var phone: String?
    var targetGroups: [TargetGroup]
    var evidence: [TargetGroupEvidence]
    var health: HealthDetails?

    static func validate(_ input: PersonInput, request req: Request) async throws -> PersonDraft {
        var checks = req.fieldChecks()
        let given = checks.text("givenName", input.givenName, maximum: 80)
        let middle = checks.text("middleName", input.middleName, maximum: 80, required: false)
        let family = checks.text("familyName", input.familyName, maximum: 80)
        let type = IdentifierType(rawValue: input.identifierType ?? "")
        if type == nil { checks.add("identifierType", key: .errorChooseFromList) }
        let raw = (input.identifier ?? "").trimmingCharacters(in: .whitespaces)
        var identifier: String?
        var birthDate: CalendarDay?
        var sex: Sex?
        switch type {
        case .egn:
            do {
                let egn = try EGN.parse(raw)
                identifier = egn.value
                birthDate = egn.birthDate
                sex = egn.sex
            } catch { checks.add("identifier", error) }
        case .lnch:
            do { identifier = try LNCh.parse(raw).value } catch { checks.add("identifier", error) }
        case .foreign:
            if raw.isEmpty {
                checks.add("identifier", key: .passportRequired)
            } else if raw.count > 40 {
                _ = checks.text("identifier", raw, maximum: 40)
            } else {
                identifier = raw.uppercased()
            }
        case .some(.none), nil:
            break
        }
        if birthDate == nil, let text = input.birthDate?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            birthDate = CalendarDay(iso: text)
            if birthDate == nil { checks.add("birthDate", key: .dateInvalid) }
        }
        if sex == nil, let text = input.sex, !text.isEmpty {
            sex = Sex(rawValue: text)
            if sex == nil { checks.add("sex", key: .errorChooseFromList) }
        }
        let ekatte = (input.settlementEkatte ?? "").trimmingCharacters(in: .whitespaces)
        var settlement = ekatte.isEmpty ? nil : try await TerritoryQueries.settlement(ekatte, on: req.db)
        // A person lives in the region of whoever registers them; a settlement elsewhere is
        // answered like one that does not exist.
        let region = try await ProviderStore.region(of: try req.currentUser().scope(for: .editPeople), on: req.db)
        if let found = settlement,
            !region.coversTerritory(oblast: found.oblastCode, municipality: found.municipalityCode)
        {
            settlement = nil
        }
        if settlement == nil {
            checks.add("settlementEkatte", key: ekatte.isEmpty ? .errorRequired : .settlementUnknown)
        }
        let address = checks.text("address", input.address, maximum: 300, required: false)
        let phone = checks.text("phone", input.phone, maximum: 40, required: false)
        if !phone.isEmpty, !PhoneNumber.isPlausible(phone) {
            checks.add("phone", key: .phoneInvalid)
        }
        var groups: [TargetGroup] = []
        for raw in input.targetGroups ?? [] {
            if let group = TargetGroup(rawValue: raw) {
                groups.append(group)
            } else {
                checks.add("targetGroups", key: .errorChooseFromList)
            }
        }
        var evidence: [TargetGroupEvidence] = []
        for group in groups {
            let since = (input.targetGroupSince?[group.rawValue] ?? "").trimmingCharacters(in: .whitespaces)
            let text = (input.targetGroupEvidence?[group.rawValue] ?? "").trimmingCharacters(
                in: .whitespacesAndNewlines
            )
            guard !since.isEmpty || !text.isEmpty else { continue }
            if !since.isEmpty, CalendarDay(iso: since) == nil {
                checks.add("targetGroupSince.\(group.rawValue)", key: .dateInvalid)
            }
            if text.count > 300 { checks.add("targetGroupEvidence.\(group.rawValue)", key: .errorTooLong) }
            evidence.append(TargetGroupEvidence(group: group.rawValue, since: since, evidence: text))
        }
        var health: HealthDetails?
        let percentText = (input.disabilityPercent ?? "").trimmingCharacters(in: .whitespaces)
        let expiryText = (input.decisionExpiry ?? "").trimmingCharacters(in: .whitespaces)
        if !percentText.isEmpty || !expiryText.isEmpty {
            let percent = Int(percentText)
            if percent == nil || !(1...100).contains(percent!) {
                checks.add("disabilityPercent", key: .percentInvalid)
            }
            let expiry = expiryText.isEmpty ? nil : CalendarDay(iso: expiryText)
            if !expiryText.isEmpty, expiry == nil { checks.add("decisionExpiry", key: .dateInvalid) }
            health = HealthDetails(
                disabilityPercent: percent,
                decisionExpiry: expiry?.iso,
                needsAnotherPersonsHelp: nil,
                notes: nil
            )
            if !groups.contains(.peopleWithDisabilities) { groups.append(.peopleWithDisabilities) }
        }
        try checks.finish()
        return PersonDraft(
            name: PersonName(given: given, middle: middle, family: family),
            identifierType: type!,
            identifier: identifier,
            birthDate: birthDate,
            sex: sex,
            settlement: settlement!,
            address: address.isEmpty ? nil : address,
            phone: phone.isEmpty ? nil : phone,
            targetGroups: groups.uniqued(),
            evidence: evidence,
            health: health
        )
    }

    /// Writes the draft into the record, sealing what must not be stored in the clear.
    func apply(to person: Person, key: DataKey) throws -> [FieldChange] {
        var changes: [FieldChange] = []
        let isNew = person.id == nil
        func note(_ field: String, _ old: String?, _ new: String?) {
            if isNew || old != new { changes.append(FieldChange(field: field, old: isNew ? nil : old, new: new)) }
        }
        note("givenName", person.$givenName.value, name.given)
        note("middleName", person.$middleName.value, name.middle)
        note("familyName", person.$familyName.value, name.family)
        person.givenName = name.given
        person.middleName = name.middle
        person.familyName = name.family
        person.nameLatin = name.latin
        person.searchText = name.searchText
        person.sortKey = name.sortKey
        let provider = person.$provider.id
        let hash = identifier.map { key.identifierHash(type: identifierType, value: $0, provider: provider) }
        // The audit trail records that the identifier changed, never the identifier itself.
        if isNew || person.identifierHash != hash {
            changes.append(FieldChange(field: "identifier", old: nil, new: nil))
        }
        person.identifierType = identifierType
        person.identifierSealed = try identifier.map { try key.seal($0) }
        person.identifierHash = hash
        person.identifierTailHash = identifier.flatMap { key.identifierTailHash($0, provider: provider) }
        note("birthDate", person.birthDate, birthDate?.iso)
        person.birthDate = birthDate?.iso
        note("sex", person.sex, sex?.rawValue)
        person.sex = sex?.rawValue
        note("settlementEkatte", person.$settlementEkatte.value, settlement.id!)
        person.settlementEkatte = settlement.id!
        person.municipalityCode = settlement.municipalityCode
        person.oblastCode = settlement.oblastCode
        person.addressSealed = try address.map { try key.seal($0) }
        note("phone", isNew ? nil : try person.phone(key: key), phone)
        person.phoneSealed = try phone.map { try key.seal($0) }
        let groups = targetGroups.map(\.rawValue).joined(separator: ",")
        note("targetGroups", isNew ? nil : try person.targetGroups(key: key).joined(separator: ","), groups)
        person.targetGroupsSealed = try key.seal(groups)
        if !evidence.isEmpty || person.targetGroupEvidenceSealed != nil {
            changes.append(FieldChange(field: "targetGroupEvidence", old: nil, new: nil))
        }
        person.targetGroupEvidenceSealed = evidence.isEmpty ? nil : try key.sealJSON(evidence)
        let sealedHealth = try health.map {
            try key.seal(String(decoding: try JSONEncoder().encode($0), as: UTF8.self))
        }
        if health != nil || person.healthSealed != nil {
            changes.append(FieldChange(field: "health", old: nil, new: nil))
        }
        person.healthSealed = sealedHealth
        return changes
    }
}
