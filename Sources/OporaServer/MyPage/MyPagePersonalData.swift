import Fluent
import Foundation
import OporaCore

/// What the own page keeps of a person: their requests with the centre's answers and their
/// ratings of visits. The words are free text, so erasure removes them like case notes; what a
/// rating's face and a request's kind count stays for the centre's figures.
struct MyPagePersonalData: PersonalDataHolder {
    var fields: Set<PersonalDataField> { [.caseNotes, .deliveredHours] }

    func load(person: UUID, on db: any Database) async throws -> any HeldPersonalData {
        HeldRequestsAndRatings(
            requests: try await Scoped.unscoped(ChangeRequestRecord.self, on: db, .throughParent)
                .filter(\.$personID == person).sort(\.$submittedAt).all(),
            ratings: try await Scoped.unscoped(VisitRatingRecord.self, on: db, .throughParent)
                .filter(\.$personID == person).sort(\.$ratedAt).all()
        )
    }
}

final class HeldRequestsAndRatings: HeldPersonalData, @unchecked Sendable {
    let requests: [ChangeRequestRecord]
    let ratings: [VisitRatingRecord]

    init(requests: [ChangeRequestRecord], ratings: [VisitRatingRecord]) {
        self.requests = requests
        self.ratings = ratings
    }

    func exported(_ field: PersonalDataField, key: DataKey, language: Language) throws -> [String] {
        switch field {
        case .caseNotes:
            let asked = try requests.map { request in
                let kind = ChangeRequestKind(rawValue: request.kind)?.label(in: language) ?? request.kind
                var line = "\(SofiaTime.dateTime(request.submittedAt)) \(kind): \(try key.open(request.textSealed))"
                if let answer = request.answerSealed {
                    line += (language == .bg ? " — отговор: " : " — answer: ") + (try key.open(answer))
                }
                return line
            }
            let words = try ratings.compactMap { rating in
                try rating.wordSealed.map { "\(SofiaTime.dateTime(rating.ratedAt)): \(try key.open($0))" }
            }
            return asked + words
        case .deliveredHours:
            return ratings.map { rating in
                let face = VisitFace(rawValue: rating.face)?.label(in: language) ?? rating.face
                return "\(SofiaTime.dateTime(rating.ratedAt)) " + (language == .bg ? "оценка: " : "rating: ") + face
            }
        default:
            return []
        }
    }

    func erase(_ field: PersonalDataField, as treatment: PersonalDataField.Treatment, key: DataKey) throws {
        switch (field, treatment) {
        case (_, .keep): return
        case (.caseNotes, .remove):
            for request in requests {
                request.textSealed = try key.seal("")
                request.answerSealed = nil
            }
            for rating in ratings { rating.wordSealed = nil }
        default:
            throw PersonalDataUnhandled(field: field, treatment: treatment)
        }
    }

    func save(on db: any Database) async throws {
        for request in requests where request.hasChanges { try await request.update(on: db) }
        for rating in ratings where rating.hasChanges { try await rating.update(on: db) }
    }
}
