import Fluent
import Foundation
import OporaCore
import OporaScheduling
import Vapor

/// A member of staff as planning sees them in one week.
struct RosterEntry: Sendable {
    var userID: UUID
    var name: String
    var job: JobTitle?
    var skills: Set<CareSkill>
    var contractHours: Int
    var homeSettlement: String
    var pattern: WorkingPattern
}

/// One visit of the week's demand, as the demand page lists it.
struct DemandRow: Sendable {
    var visitID: String
    var caseID: UUID
    var caseNumber: String?
    var personID: UUID
    var personName: String
    var settlement: String
    var skill: CareSkill
    var visit: DemandVisit
    /// Set when the person's chosen worker works that day: a hard choice for the planner.
    var requiredWorker: UUID?
    var preferredWorker: UUID?
    /// What the coordinator should know: the chosen worker has left, or is away that day.
    var notes: [String]
    /// Cancelled for this week: listed, but not planned.
    var cancelled = false
}

/// A person's minutes in the week against their plan and entitlement.
struct PersonWeek: Sendable {
    var caseID: UUID
    var personName: String
    var demand: WeekDemand
}

/// The week as planning sees it: the demand of every plan in force and the staff who work.
struct PlanningWeek: Sendable {
    var monday: CalendarDay
    var rows: [DemandRow]
    var people: [PersonWeek]
    var roster: [RosterEntry]
    var places: [String: CareProblem.Place]

    var days: [CalendarDay] { (0..<7).map { monday.adding(days: $0) } }

    /// The engine's problem: one visit per row, one worker per member of staff with the week's
    /// shifts (none on an absence or a rest day), travel from the settlements' coordinates.
    func problem() -> CareProblem {
        let workers = roster.compactMap { entry -> CareProblem.Worker? in
            let shifts = days.enumerated().flatMap { index, day in
                entry.pattern.shifts(on: day).map {
                    CareProblem.Shift(
                        day: index,
                        start: Double($0.startMinute),
                        end: Double($0.endMinute),
                        startPlace: entry.homeSettlement,
                        endPlace: entry.homeSettlement
                    )
                }
            }
            guard !shifts.isEmpty, !entry.skills.isEmpty else { return nil }
            return CareProblem.Worker(
                id: entry.userID.uuidString,
                skills: entry.skills.map(\.rawValue).sorted(),
                shifts: shifts,
                maxMinutesPerWeek: Double(entry.contractHours * 60),
                regularMinutesPerDay: 8 * 60
            )
        }
        let planned = Set(workers.map(\.id))
        let visits = rows.filter { !$0.cancelled }.map { row in
            let window = row.visit.window
            let latestStart = max(window.startMinute, window.endMinute - row.visit.minutes)
            return CareProblem.Visit(
                id: row.visitID,
                person: row.personID.uuidString,
                place: row.settlement,
                day: monday.days(until: row.visit.day),
                duration: Double(row.visit.minutes),
                windows: [[Double(window.startMinute), Double(latestStart)]],
                skill: row.skill.rawValue,
                priority: row.visit.source == .personalAssistance ? 1 : row.visit.source == .oneOff ? 2 : 3,
                requiredWorker: row.requiredWorker?.uuidString,
                preferredWorkers: row.preferredWorker.map(\.uuidString).flatMap { planned.contains($0) ? $0 : nil }.map
                {
                    [CareProblem.Preference(worker: $0)]
                }
            )
        }
        let used = Set(rows.map(\.settlement) + roster.map(\.homeSettlement))
        return CareProblem(
            skills: CareSkill.allCases.map(\.rawValue),
            places: used.sorted().compactMap { places[$0] },
            workers: workers,
            visits: visits
        )
    }
}

/// Builds the week of a provider from Cases' plans in force and the centre's staff.
enum WeekDemandBuilder {
    static func week(
        provider: UUID,
        monday: CalendarDay,
        scope: AccessScope,
        language: Language,
        key: DataKey,
        on db: any Database
    ) async throws -> PlanningWeek {
        let plans = try await PlansInForce.at(provider: provider, scope, key: key, on: db)
        let roster = try await StaffStore.roster(provider: provider, scope, on: db)
        let byUser = Dictionary(roster.map { ($0.userID, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [DemandRow] = []
        var people: [PersonWeek] = []
        for entry in plans.sorted(by: {
            BulgarianCollation.sortKey($0.personName) < BulgarianCollation.sortKey($1.personName)
        }) {
            let demand = VisitDemandRule.week(of: entry.plan, monday: monday, suspended: entry.suspended)
            people.append(PersonWeek(caseID: entry.caseID, personName: entry.personName, demand: demand))
            var counts: [String: Int] = [:]
            for visit in demand.visits {
                let stem = "\(entry.caseID.uuidString)/\(visit.day.iso)/\(sourceCode(visit.source))"
                let ordinal = counts[stem, default: 0]
                counts[stem] = ordinal + 1
                var notes: [String] = []
                var required: UUID?
                var preferred = visit.substituteWorkerID.flatMap { byUser[$0] == nil ? nil : $0 }
                if let chosen = visit.chosenWorkerID {
                    if let worker = byUser[chosen] {
                        if worker.pattern.shifts(on: visit.day).isEmpty {
                            notes.append(
                                language == .bg
                                    ? "\(worker.name) не е на работа в този ден"
                                    : "\(worker.name) is not at work that day"
                            )
                        } else {
                            required = chosen
                            preferred = nil
                        }
                    } else {
                        notes.append(
                            language == .bg
                                ? "избраният служител вече не работи в центъра"
                                : "the chosen worker no longer works at the centre"
                        )
                    }
                }
                rows.append(
                    DemandRow(
                        visitID: "\(stem)/\(ordinal)",
                        caseID: entry.caseID,
                        caseNumber: entry.caseNumber,
                        personID: entry.personID,
                        personName: entry.personName,
                        settlement: entry.settlementEkatte,
                        skill: CareSkill.needed(for: visit.source),
                        visit: visit,
                        requiredWorker: required,
                        preferredWorker: preferred,
                        notes: notes
                    )
                )
            }
        }
        let changes = try await Scoped.query(DemandChange.self, scope, on: db).filter(\.$providerID == provider)
            .filter(\.$week == monday.iso).sort(\.$createdAt).all()
        let cancelled = Set(changes.filter { $0.kind == DemandChange.Kind.cancel.rawValue }.compactMap(\.visitID))
        for index in rows.indices where cancelled.contains(rows[index].visitID) { rows[index].cancelled = true }
        let plansByCase = Dictionary(plans.map { ($0.caseID, $0) }, uniquingKeysWith: { a, _ in a })
        for change in changes where change.kind == DemandChange.Kind.extra.rawValue {
            guard let caseID = change.caseID, let entry = plansByCase[caseID],
                let day = change.day.flatMap(CalendarDay.init(iso:)),
                let window = TimeWindow(startMinute: change.startMinute ?? 0, endMinute: change.endMinute ?? 0),
                let skill = change.skill.flatMap(CareSkill.init(rawValue:))
            else { continue }
            let visitID = "extra/\(change.id!.uuidString)"
            rows.append(
                DemandRow(
                    visitID: visitID,
                    caseID: caseID,
                    caseNumber: entry.caseNumber,
                    personID: entry.personID,
                    personName: entry.personName,
                    settlement: entry.settlementEkatte,
                    skill: skill,
                    visit: DemandVisit(day: day, source: .oneOff, window: window, minutes: change.minutes ?? 60),
                    requiredWorker: nil,
                    preferredWorker: nil,
                    notes: [],
                    cancelled: cancelled.contains(visitID)
                )
            )
        }
        let codes = Set(rows.map(\.settlement) + roster.map(\.homeSettlement))
        let settlements = try await TerritoryQueries.settlements(codes: Array(codes), on: db)
        let places = Dictionary(
            settlements.map { settlement in
                (
                    settlement.id!,
                    CareProblem.Place(
                        id: settlement.id!,
                        latitude: settlement.latitude,
                        longitude: settlement.longitude,
                        kind: placeKind(settlement)
                    )
                )
            },
            uniquingKeysWith: { a, _ in a }
        )
        return PlanningWeek(monday: monday, rows: rows, people: people, roster: roster, places: places)
    }

    static func sourceCode(_ source: DemandVisit.Source) -> String {
        switch source {
        case .personalAssistance: "pa"
        case .oneOff: "extra"
        case .service(let id, _): id.uuidString
        }
    }

    /// The engine's speeds: a large town's streets are slow, village roads fast.
    static func placeKind(_ settlement: Settlement) -> String {
        guard settlement.kind == "град" else { return "village" }
        return (settlement.population ?? 0) >= 50_000 ? "city" : "town"
    }
}
