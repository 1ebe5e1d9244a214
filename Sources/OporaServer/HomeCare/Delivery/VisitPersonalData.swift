import Fluent
import Foundation
import OporaCore

/// What home care keeps of a person served: the visits made to them (delivered hours, which
/// the table keeps for the centre's accounts) and the notes workers wrote on those visits, which
/// are free text and go on erasure like case notes.
struct HomeCarePersonalData: PersonalDataHolder {
    var fields: Set<PersonalDataField> { [.deliveredHours, .caseNotes] }

    func load(person: UUID, on db: any Database) async throws -> any HeldPersonalData {
        // Erasure and the subject-access export act for the person, through their file.
        let visits = try await Scoped.unscoped(CareVisit.self, on: db, .throughParent).filter(\.$personID == person)
            .sort(\.$day).sort(\.$startMinute).all()
        return HeldVisits(visits: visits)
    }
}

final class HeldVisits: HeldPersonalData, @unchecked Sendable {
    let visits: [CareVisit]

    init(visits: [CareVisit]) { self.visits = visits }

    func exported(_ field: PersonalDataField, key: DataKey, language: Language) throws -> [String] {
        switch field {
        case .deliveredHours:
            return visits.compactMap { visit in
                guard let day = visit.calendarDay, let start = visit.plannedStart else { return nil }
                let reckoning = VisitReckoning(
                    plannedMinutes: visit.plannedMinutes,
                    plannedStart: start,
                    record: visit.record
                )
                let when = "\(day.display) \(TimeWindow.clock(visit.startMinute))–\(TimeWindow.clock(visit.endMinute))"
                let what = visit.careSkill.label(in: language)
                switch reckoning.outcome {
                case .delivered, .cutShort:
                    return language == .bg
                        ? "\(when) \(what): осъществено, \(reckoning.deliveredMinutes) мин"
                        : "\(when) \(what): delivered, \(reckoning.deliveredMinutes) min"
                case .missed:
                    let reason = visit.record.missed?.label(in: language) ?? ""
                    return language == .bg
                        ? "\(when) \(what): неосъществено (\(reason))" : "\(when) \(what): missed (\(reason))"
                case .open, .notRecorded:
                    return language == .bg ? "\(when) \(what): планирано" : "\(when) \(what): planned"
                }
            }
        case .caseNotes:
            return try visits.compactMap { visit in
                try visit.noteSealed.map { "\(visit.calendarDay?.display ?? visit.day): \(try key.open($0))" }
            }
        default:
            return []
        }
    }

    func erase(_ field: PersonalDataField, as treatment: PersonalDataField.Treatment, key: DataKey) throws {
        switch (field, treatment) {
        case (_, .keep): return
        case (.caseNotes, .remove):
            for visit in visits { visit.noteSealed = nil }
        default:
            throw PersonalDataUnhandled(field: field, treatment: treatment)
        }
    }

    func save(on db: any Database) async throws {
        for visit in visits where visit.hasChanges { try await visit.update(on: db) }
    }
}
