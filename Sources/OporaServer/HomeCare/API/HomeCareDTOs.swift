import Foundation
import OporaCore
import Vapor

struct ShiftDTO: Content, Sendable {
    var weekday: String
    /// "08:00".
    var start: String
    var end: String
}

struct AbsenceDTO: Content, Sendable {
    var kind: String
    var from: String
    var until: String
}

struct StaffDTO: Content, Sendable {
    var userId: UUID
    var name: String
    var jobTitle: String?
    var version: Int?
    var skills: [String]
    var contractHours: Int?
    var homeSettlement: String?
    var shifts: [ShiftDTO]
    var absences: [AbsenceDTO]

    init(_ entry: StaffListEntry) {
        userId = entry.user.id!
        name = entry.user.displayName
        jobTitle = entry.user.jobTitle?.rawValue
        version = entry.profile?.version
        skills = (entry.profile?.skillSet ?? []).map(\.rawValue).sorted()
        contractHours = entry.profile?.contractHours
        homeSettlement = entry.profile?.homeSettlement
        shifts = (entry.profile?.shiftList ?? []).map {
            ShiftDTO(
                weekday: $0.weekday.rawValue,
                start: TimeWindow.clock($0.startMinute),
                end: TimeWindow.clock($0.endMinute)
            )
        }
        absences = entry.absences.compactMap(\.absence).map {
            AbsenceDTO(kind: $0.kind.rawValue, from: $0.from.iso, until: $0.until.iso)
        }
    }
}

/// A staff profile as the API takes it; checked by the same rules as the page's form.
struct StaffBody: Content, Sendable {
    var version: Int?
    var skills: [String]
    var contractHours: Int
    var homeSettlement: String
    var shifts: [ShiftDTO]

    var input: StaffInput {
        StaffInput(
            version: version,
            skills: skills,
            contractHours: String(contractHours),
            homeSettlement: homeSettlement,
            shiftDay: shifts.map(\.weekday),
            shiftStart: shifts.map(\.start),
            shiftEnd: shifts.map(\.end)
        )
    }
}

struct DemandVisitDTO: Content, Sendable {
    var visitId: String
    var caseId: UUID
    var personId: UUID
    var settlementEkatte: String
    var skill: String
    var day: String
    var from: String
    var until: String
    var minutes: Int
    var chosenWorkerId: UUID?
    var substituteWorkerId: UUID?
    /// Set when the chosen worker works that day: the planner must give them the visit.
    var requiredWorkerId: UUID?
    var cancelled: Bool
    var notes: [String]
}

struct PersonWeekDTO: Content, Sendable {
    var caseId: UUID
    var plannedWeeklyMinutes: Int
    var generatedMinutes: Int
    var minutesBeyondEntitlement: Int
}

struct WeekDTO: Content, Sendable {
    var monday: String
    var visits: [DemandVisitDTO]
    var people: [PersonWeekDTO]
    var staffAtWork: Int

    init(_ week: PlanningWeek) {
        monday = week.monday.iso
        visits = week.rows.map { row in
            DemandVisitDTO(
                visitId: row.visitID,
                caseId: row.caseID,
                personId: row.personID,
                settlementEkatte: row.settlement,
                skill: row.skill.rawValue,
                day: row.visit.day.iso,
                from: TimeWindow.clock(row.visit.window.startMinute),
                until: TimeWindow.clock(row.visit.window.endMinute),
                minutes: row.visit.minutes,
                chosenWorkerId: row.visit.chosenWorkerID,
                substituteWorkerId: row.visit.substituteWorkerID,
                requiredWorkerId: row.requiredWorker,
                cancelled: row.cancelled,
                notes: row.notes
            )
        }
        people = week.people.map {
            PersonWeekDTO(
                caseId: $0.caseID,
                plannedWeeklyMinutes: $0.demand.plannedWeeklyMinutes,
                generatedMinutes: $0.demand.generatedMinutes,
                minutesBeyondEntitlement: $0.demand.minutesBeyondEntitlement
            )
        }
        staffAtWork = week.problem().workers.count
    }
}

struct RunDTO: Content, Sendable {
    var id: UUID
    var week: String
    var state: String
    var baseVersion: Int?
    var requestedBy: String
    var createdAt: Date
    var secondsLeft: Int?
    var error: String?
    var figures: PlanFigures?
    var baseline: PlanFigures?

    init(_ run: PlanningRun, _ req: Request) {
        let decoder = JSONDecoder()
        id = run.id!
        week = run.week
        state = run.state
        baseVersion = run.baseVersion
        requestedBy = run.requestedBy
        createdAt = run.createdAt
        secondsLeft = RunRoutes.progress(run, req).secondsLeft
        error = run.error
        figures = run.progress.flatMap { try? decoder.decode(PlanFigures.self, from: Data($0.utf8)) }
        baseline = run.baseline.flatMap { try? decoder.decode(PlanFigures.self, from: Data($0.utf8)) }
    }
}

struct VersionDTO: Content, Sendable {
    var id: UUID
    var week: String
    var number: Int
    var runId: UUID
    var publishedBy: String
    var publishedAt: Date

    init(_ version: WeekPlanVersion) {
        id = version.id!
        week = version.week
        number = version.number
        runId = version.runID
        publishedBy = version.publishedBy
        publishedAt = version.publishedAt
    }
}
