import Foundation
import OporaScheduling

/// `--solomon`: writes the benchmark kit's solution format; the last line of standard output
/// is `distance=… vehicles=…`, which the benchmark script reads.
enum SolomonCommand {
    static func run(path: String, options: SearchOptions, out: String?) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let instance = try SolomonInstance(text: text)
        let solution = RoutingEngine.solve(instance.routingModel(), options: options)
        let routes = instance.customerRoutes(solution)
        let distance = instance.totalDistance(routes)
        let body = SolomonInstance.solutionText(routes, cost: distance)
        if let out {
            try body.write(toFile: out, atomically: true, encoding: .utf8)
        } else {
            print(body, terminator: "")
        }
        print("instance=\(instance.name) feasible=\(solution.feasible) iterations=\(solution.iterations)")
        print(String(format: "distance=%.4f vehicles=%d", distance, routes.count))
    }
}
