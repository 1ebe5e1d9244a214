import ArgumentParser
import Foundation
import OporaScheduling

/// `--problem`: reads the JSON home-care problem and writes the JSON plan.
enum ProblemCommand {
    static func run(path: String, options: SearchOptions, out: String?) throws {
        throw CleanExit.message("--problem is not available yet")
    }
}
