import Fluent
import OporaCore
import Vapor

/// The plan in force in short sentences, with the earlier versions and what changed in each.
enum MyPlanPage {
    struct ServiceView: Encodable, Sendable {
        var name: String
        var often: String
        var days: String?
        var time: String?
        var assistant: String?
        var substitute: String?
    }

    struct VersionView: Encodable, Sendable {
        var number: Int
        var agreedOn: String
        var changes: [String]
    }

    struct PlanView: Encodable, Sendable {
        var caseNumber: String
        var goals: [String]
        var services: [ServiceView]
        var startDate: String
        var reviewDate: String
        var earlier: [VersionView]
    }

    struct Context: Encodable, Sendable {
        var header: MyHeader
        var plans: [PlanView]
    }

    static func build(_ files: MyFiles, request req: Request) async throws -> Context {
        let language = req.language
        let histories = try await OwnFile.plans(
            of: files.chosen.id,
            files.scope,
            key: req.application.dataKey,
            on: req.db
        )
        var plans: [PlanView] = []
        for history in histories {
            guard let current = history.versions.last else { continue }
            let services = try await ServiceStore.list(
                AccessScope(providers: [history.providerID]),
                providerID: history.providerID,
                on: req.db
            )
            let serviceNames = Dictionary(services.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
            let workerIDs = Set(
                history.versions.flatMap { version in
                    version.plan.services.flatMap { [$0.chosenWorkerID, $0.substituteWorkerID].compactMap { $0 } }
                }
            )
            let workers = try await MyPageNames.users(workerIDs, on: req.db)
            let names = PlanNames(services: serviceNames, people: workers)
            let plan = current.plan
            var earlier: [VersionView] = []
            for (index, version) in history.versions.enumerated().dropFirst() {
                let changes = SupportPlanDiff.changes(from: history.versions[index - 1].plan, to: version.plan)
                earlier.append(
                    VersionView(
                        number: version.number,
                        agreedOn: SofiaTime.date(version.agreedAt),
                        changes: changes.map { $0.message(in: language, names: names) }
                    )
                )
            }
            if let first = history.versions.first {
                earlier.append(VersionView(number: first.number, agreedOn: SofiaTime.date(first.agreedAt), changes: []))
            }
            plans.append(
                PlanView(
                    caseNumber: history.caseNumber ?? "",
                    goals: plan.goals,
                    services: plan.services.map { service in
                        let days = Weekday.allCases.filter(service.preferredDays.contains).map {
                            $0.label(in: language)
                        }
                        return ServiceView(
                            name: serviceNames[service.serviceID] ?? service.type.label(in: language),
                            often: MyPageText.often(service.frequency, req),
                            days: days.isEmpty ? nil : days.joined(separator: ", "),
                            time: service.preferredTime?.display,
                            assistant: service.chosenWorkerID.flatMap { workers[$0] },
                            substitute: service.substituteWorkerID.flatMap { workers[$0] }
                        )
                    },
                    startDate: plan.startDate.display,
                    reviewDate: plan.reviewDate.display,
                    earlier: earlier.sorted { $0.number > $1.number }
                )
            )
        }
        return Context(header: MyHeader(files, active: "plan", request: req), plans: plans)
    }
}

/// Names the own page shows of staff, read from Platform's accounts.
enum MyPageNames {
    /// Display names of these accounts; they are reached through the person's own plan or visits.
    static func users(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let users = try await Scoped.unscoped(User.self, on: db, .throughParent).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(users.map { ($0.id!, $0.displayName) }, uniquingKeysWith: { a, _ in a })
    }
}

/// Short sentences the pages share.
enum MyPageText {
    /// "3 times a week, 60 minutes each time."
    static func often(_ frequency: ServiceFrequency, _ req: Request) -> String {
        req.text(.myPageOften)
            .replacingOccurrences(of: "{visits}", with: String(frequency.visits))
            .replacingOccurrences(of: "{minutes}", with: String(frequency.minutesPerVisit))
            .replacingOccurrences(of: "{period}", with: frequency.period.label(in: req.language))
    }
}
