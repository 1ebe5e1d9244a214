import Fluent
import OporaCore
import Vapor

/// What a person agrees to share with which provider; withdrawn consents stay on record. A consent
/// is given in the referral it is for (`ReferralStore.send`, which holds the witness rule).
enum ConsentStore {
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
