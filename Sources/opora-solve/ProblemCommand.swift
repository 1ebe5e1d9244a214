import ArgumentParser
import Foundation
import OporaScheduling

/// `--problem`: reads the JSON home-care problem and writes the JSON plan. A rejected problem
/// prints every reason, in Bulgarian and English, and exits with status 2.
enum ProblemCommand {
    static func run(path: String, options: SearchOptions, out: String?, byHand: Bool) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let plan: CarePlan
        do {
            let problem = try CareSolver.decode(data)
            plan = byHand ? try CareSolver.handPlan(problem) : try CareSolver.solve(problem, options: options)
        } catch {
            for e in error.errors {
                FileHandle.standardError.write(Data("\(e.message(.bulgarian))\n  \(e.message(.english))\n".utf8))
            }
            throw ExitCode(2)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = try encoder.encode(plan)
        if let out {
            try json.write(to: URL(fileURLWithPath: out))
        } else {
            FileHandle.standardOutput.write(json)
            print()
        }
        let o = plan.objective
        print(
            String(
                format:
                    "routes=%d unassigned=%d travel=%.1f paid=%.1f travelShare=%.3f preferred=%d/%d distinctPerPerson=%.2f total=%.1f",
                plan.routes.count,
                o.unassignedVisits,
                o.travelMinutes,
                o.paidMinutes,
                o.travelShareOfPaidTime,
                o.visitsWithPreferredWorker,
                o.visitsWithPreference,
                o.meanDistinctWorkersPerPerson,
                o.total
            )
        )
    }
}
