import Fluent
import Foundation
import OporaCore

/// The notices of schedule changes that name a person served: those sent to them and those
/// sent to the workers who visit them. They carry the person's name and visit times; erasure
/// removes them whole, since a notice is a message already delivered, not a record to keep.
struct NoticePersonalData: PersonalDataHolder {
    var fields: Set<PersonalDataField> { [.givenName, .familyName, .plannedServices] }

    func load(person: UUID, on db: any Database) async throws -> any HeldPersonalData {
        HeldNotices(
            notices: try await CareNotice.query(on: db).filter(\.$aboutPersonID == person).sort(\.$createdAt).all()
        )
    }
}

final class HeldNotices: HeldPersonalData, @unchecked Sendable {
    let notices: [CareNotice]
    private var erased = false

    init(notices: [CareNotice]) { self.notices = notices }

    func exported(_ field: PersonalDataField, key: DataKey, language: Language) throws -> [String] {
        guard field == .plannedServices else { return [] }
        return try notices.map { notice in
            let to =
                notice.recipientKind == "person"
                ? (language == .bg ? "до човека" : "to the person")
                : (language == .bg ? "до работещ" : "to a worker")
            let text = try key.open(notice.textSealed).replacingOccurrences(of: "\n", with: " ")
            return "\(SofiaTime.dateTime(notice.createdAt)) (\(to)): \(text)"
        }
    }

    func erase(_ field: PersonalDataField, as treatment: PersonalDataField.Treatment, key: DataKey) throws {
        switch (field, treatment) {
        case (_, .keep): return
        case (.givenName, .remove), (.familyName, .remove): erased = true
        default: throw PersonalDataUnhandled(field: field, treatment: treatment)
        }
    }

    func save(on db: any Database) async throws {
        guard erased, !notices.isEmpty else { return }
        try await CareNotice.query(on: db).filter(\.$id ~~ notices.compactMap(\.id)).delete()
    }
}
