import Fluent
import Foundation
import OporaCore
import Vapor

/// The door-to-door contacts: recorded once per phone entry, read within reach.
enum ContactStore {
    /// Records the contact in the entrance, or answers the contact already recorded under the same
    /// client id (an outbox that sent it twice), with `replayed`.
    static func record(
        _ draft: ContactDraft,
        in entrance: OutreachEntrance,
        of neighbourhood: Neighbourhood,
        worker: CurrentUser,
        request req: Request
    ) async throws -> (contact: OutreachContact, replayed: Bool) {
        let actor = req.auditActor
        let now = req.application.clock.now()
        let key = req.application.dataKey
        let sealed = try [draft.met, draft.talked, draft.wants, draft.promised].map { try key.seal($0) }
        return try await req.write { db in
            // The same entry again: the client id is unique, whoever sends it.
            if let earlier = try await Scoped.unscoped(OutreachContact.self, on: db, .uniqueness)
                .filter(\.$clientID == draft.clientID).first()
            {
                guard earlier.workerID == worker.id else { throw Abort(.conflict) }
                return (earlier, true)
            }
            let contact = OutreachContact()
            contact.clientID = draft.clientID
            contact.providerID = neighbourhood.providerID
            contact.municipalityCode = neighbourhood.municipalityCode
            contact.oblastCode = neighbourhood.oblastCode
            contact.neighbourhoodID = neighbourhood.id!
            contact.entranceID = entrance.id!
            contact.flat = draft.flat
            contact.floor = draft.floor
            contact.day = draft.day.iso
            contact.minutes = draft.minutes
            contact.purpose = draft.purpose.rawValue
            contact.outcome = draft.outcome.rawValue
            contact.workerID = worker.id
            contact.workerName = worker.displayName
            contact.metSealed = sealed[0]
            contact.talkedSealed = sealed[1]
            contact.wantsSealed = sealed[2]
            contact.promisedSealed = sealed[3]
            contact.createdAt = now
            try await contact.create(on: db)
            try await AuditTrail.append(
                on: db,
                actor: actor,
                action: "outreach.contact.recorded",
                recordType: "outreach_contact",
                recordID: contact.id!.uuidString,
                changes: [
                    FieldChange(field: "entrance", old: nil, new: entrance.id!.uuidString),
                    FieldChange(field: "flat", old: nil, new: String(draft.flat)),
                    FieldChange(field: "day", old: nil, new: draft.day.iso),
                    FieldChange(field: "minutes", old: nil, new: String(draft.minutes)),
                    FieldChange(field: "purpose", old: nil, new: draft.purpose.rawValue),
                    FieldChange(field: "outcome", old: nil, new: draft.outcome.rawValue),
                ],
                at: now
            )
            return (contact, false)
        }
    }

    /// The worker's own contacts of a month, for their timesheet.
    static func month(
        of worker: UUID,
        _ month: CalendarMonth,
        _ scope: AccessScope,
        on db: any Database
    ) async throws -> [OutreachContact] {
        let first = CalendarDay(year: month.year, month: month.month, day: 1)!
        let last = CalendarDay(year: month.year, month: month.month, day: month.dayCount)!
        return try await Scoped.query(OutreachContact.self, scope, on: db)
            .filter(\.$workerID == worker)
            .filter(\.$day >= first.iso).filter(\.$day <= last.iso)
            .sort(\.$day).sort(\.$createdAt)
            .all()
    }

    /// The last contacts of an entrance, newest first.
    static func recent(
        in entrance: OutreachEntrance,
        limit: Int = 20,
        on db: any Database
    ) async throws
        -> [OutreachContact]
    {
        // Read through the entrance, whose neighbourhood the caller found in reach.
        try await Scoped.unscoped(OutreachContact.self, on: db, .throughParent)
            .filter(\.$entranceID == entrance.id!)
            .sort(\.$day, .descending).sort(\.$createdAt, .descending)
            .limit(limit).all()
    }
}
