import Fluent
import OporaCore
import Vapor

/// What a person agrees to share with which provider; withdrawn consents stay on record.
enum ConsentStore {
    struct Input: Content, Sendable {
        var recipientProviderId: UUID?
        var categories: [String]?
    }

    static func give(person: Person, _ input: Input, request req: Request) async throws -> SharingConsent {
        var checks = req.fieldChecks()
        var recipient: Provider?
        if let id = input.recipientProviderId {
            // A consent names a provider of the region the user refers within.
            let region = try await ProviderStore.region(of: try req.currentUser().scope(for: .editPeople), on: req.db)
            recipient = try await ProviderStore.query(region, on: req.db).filter(\.$id == id).first()
        }
        if recipient == nil { checks.add("recipientProviderId", key: .providerUnknown) }
        var categories: [SharedDataCategory] = []
        for raw in input.categories ?? [] {
            if let category = SharedDataCategory(rawValue: raw) {
                categories.append(category)
            } else {
                checks.add("categories", key: .errorChooseFromList)
            }
        }
        if categories.isEmpty { checks.add("categories", key: .errorRequired) }
        try checks.finish()
        let actor = req.auditActor
        let key = req.application.dataKey
        let now = req.application.clock.now()
        let recipientID = recipient!.id!
        let chosen = categories.map(\.rawValue).uniqued().joined(separator: ",")
        return try await req.write { db in
            let consent = SharingConsent()
            consent.$person.id = person.id!
            consent.$recipient.id = recipientID
            consent.categories = chosen
            consent.givenOn = CalendarDay.today(at: now).iso
            try await consent.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "consent.given",
                recordType: "person",
                recordID: person.id!.uuidString,
                changes: [FieldChange(field: "consent", old: nil, new: "\(recipientID.uuidString): \(chosen)")],
                sealingWith: key,
                at: now
            )
            return consent
        }
    }

    static func withdraw(person: Person, consentID: UUID, request req: Request) async throws -> SharingConsent {
        let actor = req.auditActor
        let key = req.application.dataKey
        let now = req.application.clock.now()
        return try await req.write { db in
            guard
                let consent = try await SharingConsent.query(on: db).filter(\.$id == consentID).filter(
                    \.$person.$id == person.id!
                )
                .filter(\.$withdrawnOn == nil).first()
            else { throw Abort(.notFound) }
            consent.withdrawnOn = CalendarDay.today(at: now).iso
            try await consent.update(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "consent.withdrawn",
                recordType: "person",
                recordID: person.id!.uuidString,
                changes: [FieldChange(field: "consent", old: consentID.uuidString, new: nil)],
                sealingWith: key,
                at: now
            )
            return consent
        }
    }
}

extension SharingConsent {
    var dto: ConsentDTO {
        ConsentDTO(
            id: id!,
            recipientProviderId: $recipient.id,
            categories: categories.split(separator: ",").map(String.init),
            givenOn: givenOn,
            withdrawnOn: withdrawnOn,
            form: form,
            witnessName: witnessName
        )
    }
}
