import Fluent
import Foundation
import OporaCore
import OporaScheduling

/// Writes a published version's visits into `home_care_visits`, in the publishing transaction.
///
/// A visit keeps its row across versions, so what a worker recorded stays with it: a visit moved
/// to another worker or time is updated in place (unless its worker already checked in, when the
/// record stands as made), and one the new version leaves out is withdrawn, not deleted.
enum VisitLedger {
    struct Placement: Equatable {
        var worker: UUID
        var day: String
        var start: Int
        var end: Int
    }

    static func publish(
        plan: CarePlan,
        problem: CareProblem,
        number: Int,
        provider: UUID,
        municipality: String,
        oblast: String,
        monday: CalendarDay,
        on db: any Database
    ) async throws {
        let visits = Dictionary(problem.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var placed: [String: (CareProblem.Visit, Placement)] = [:]
        for route in plan.routes {
            guard let worker = UUID(uuidString: route.worker) else { continue }
            for stop in route.stops where stop.kind == .visit {
                guard let key = stop.visit, let visit = visits[key] else { continue }
                let start = Int(stop.start.rounded())
                let placement = Placement(
                    worker: worker,
                    day: monday.adding(days: route.day).iso,
                    start: start,
                    end: max(start, Int(stop.end.rounded()))
                )
                placed[key] = (visit, placement)
            }
        }
        let existing = try await Scoped.unscoped(CareVisit.self, on: db, .reread).filter(\.$providerID == provider)
            .filter(\.$week == monday.iso).all()
        var seen: Set<String> = []
        for row in existing {
            seen.insert(row.visitKey)
            let started = row.checkInAt != nil || row.missedReason != nil
            if let (_, placement) = placed[row.visitKey] {
                let current = Placement(worker: row.workerID, day: row.day, start: row.startMinute, end: row.endMinute)
                if started || (current == placement && row.visitState == .planned) {
                    if row.planNumber != number {
                        row.planNumber = number
                        try await row.update(on: db)
                    }
                    continue
                }
                (row.workerID, row.day, row.startMinute, row.endMinute) =
                    (placement.worker, placement.day, placement.start, placement.end)
                row.state = CareVisit.State.planned.rawValue
            } else {
                if started || row.visitState == .withdrawn { continue }
                row.state = CareVisit.State.withdrawn.rawValue
            }
            row.planNumber = number
            row.version += 1
            try await row.update(on: db)
        }
        for (key, (visit, placement)) in placed where !seen.contains(key) {
            guard let person = UUID(uuidString: visit.person) else { continue }
            let row = CareVisit()
            row.version = 1
            row.providerID = provider
            row.municipalityCode = municipality
            row.oblastCode = oblast
            row.week = monday.iso
            row.visitKey = key
            row.planNumber = number
            row.state = CareVisit.State.planned.rawValue
            row.workerID = placement.worker
            row.personID = person
            row.day = placement.day
            row.startMinute = placement.start
            row.endMinute = placement.end
            row.skill = visit.skill ?? CareSkill.personalCare.rawValue
            row.settlement = visit.place
            row.tasksDone = ""
            try await row.create(on: db)
        }
        try await WorkerDayLedger.publish(
            plan: plan,
            number: number,
            provider: provider,
            municipality: municipality,
            oblast: oblast,
            monday: monday,
            on: db
        )
    }
}
