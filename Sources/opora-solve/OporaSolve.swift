import ArgumentParser
import Foundation
import OporaScheduling

/// Solves a Solomon VRPTW instance or an Opora home-care problem from the command line.
@main
struct OporaSolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opora-solve",
        abstract: "Solve a Solomon VRPTW instance or an Opora home-care problem (JSON)."
    )

    @Option(help: "Solomon instance file.")
    var solomon: String?

    @Option(help: "Home-care problem in Opora's JSON format (see docs/SCHEDULING.md).")
    var problem: String?

    @Option(help: "Time limit in seconds.")
    var seconds: Double = 10

    @Option(help: "Step budget; with it the result depends only on the seed.")
    var iterations: Int?

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "Independent searches run in parallel; the best is kept.")
    var threads: Int = 1

    @Option(help: "Where to write the solution (Solomon solution format, or JSON for --problem).")
    var out: String?

    @Flag(help: "With --problem: plan by hand (each person's own worker, visits in time order) instead of optimising.")
    var byHand = false

    @Flag(help: "Leave out the local search between ruin-and-recreate steps (to measure what it adds).")
    var noLocalSearch = false

    @Flag(help: "Print each improvement on standard error.")
    var verbose = false

    func validate() throws {
        if (solomon == nil) == (problem == nil) {
            throw ValidationError("give exactly one of --solomon FILE or --problem FILE.json")
        }
        if seconds <= 0 { throw ValidationError("--seconds must be positive") }
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let verbose = verbose
        var options = SearchOptions(
            timeLimit: .milliseconds(Int64(seconds * 1000)),
            iterationLimit: iterations,
            seed: seed,
            threads: threads,
            onImprovement: { imp in
                if verbose {
                    FileHandle.standardError.write(Data(String(format: "%8.3f s  %.4f\n", imp.seconds, imp.cost).utf8))
                }
            }
        )
        options.localSearch = !noLocalSearch
        if let solomon {
            try SolomonCommand.run(path: solomon, options: options, out: out)
        } else if let problem {
            try ProblemCommand.run(path: problem, options: options, out: out, byHand: byHand)
        }
    }
}
