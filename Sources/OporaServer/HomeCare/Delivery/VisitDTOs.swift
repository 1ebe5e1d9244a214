import Foundation
import OporaCore
import Vapor

/// A visit as the API and the phone's script see it, with what the worker may know of the person.
struct VisitDTO: Codable, Sendable {
    var id: UUID
    var day: String
    var startMinute: Int
    var endMinute: Int
    var state: String
    var skill: String
    var settlement: String
    var personId: UUID
    var personName: String?
    var address: String?
    var checkInAt: Date?
    var checkOutAt: Date?
    var missedReason: String?
    var tasksDone: [String]
    var outcome: String
    var version: Int

    init(_ visit: CareVisit, card: VisitingCard? = nil) {
        id = visit.id!
        day = visit.day
        startMinute = visit.startMinute
        endMinute = visit.endMinute
        state = visit.state
        skill = visit.skill
        settlement = visit.settlement
        personId = visit.personID
        personName = card?.name
        address = card?.address
        checkInAt = visit.checkInAt
        checkOutAt = visit.checkOutAt
        missedReason = visit.missedReason
        tasksDone = visit.tasks.map(\.rawValue).sorted()
        outcome =
            VisitReckoning(
                plannedMinutes: visit.plannedMinutes,
                plannedStart: visit.plannedStart ?? .distantPast,
                record: visit.record
            )
            .outcome.rawValue
        version = visit.version
    }
}

/// The answer to one submission: recorded (201), recorded before under the same id (200), or
/// refused because the visit moved on (409), with the reason in the asker's language.
struct VisitEventResultDTO: Codable, Sendable {
    var clientId: String
    var outcome: String
    var replayed: Bool
    var problem: String?
    var message: String?
    var visit: VisitDTO

    var status: HTTPStatus {
        outcome == VisitEvent.Outcome.refused.rawValue ? .conflict : replayed ? .ok : .created
    }
}

/// One handler for the API (bearer token) and for the phone page's script (session and CSRF):
/// the same body, checks and answers either way.
enum VisitEventsEndpoint {
    static func submit(req: Request) async throws -> Response {
        let user = try req.require(.recordVisits)
        let id = try req.uuidParameter("visitID")
        let visit = try await VisitStore.visit(id, user.scope(for: .recordVisits), on: req.db)
        let input = try req.decodeJSON(VisitSubmission.Input.self)
        var checks = req.fieldChecks()
        let submission = VisitSubmission.parse(
            input,
            skill: visit.careSkill,
            now: req.application.clock.now(),
            checks: &checks
        )
        try checks.finish()
        let answer = try await VisitStore.submit(submission!, to: id, request: req)
        let result = VisitEventResultDTO(
            clientId: submission!.clientID,
            outcome: answer.outcome.rawValue,
            replayed: answer.replayed,
            problem: answer.problem?.code,
            message: answer.message(in: req.language),
            visit: VisitDTO(answer.visit)
        )
        return try req.json(result, status: result.status)
    }
}
