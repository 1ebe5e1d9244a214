import Dispatch
import Foundation

/// Entry point of the search for a `RoutingModel`.
public enum RoutingEngine {
    /// Runs `options.threads` independent searches (seeds `seed`, `seed + 1`, ...) and returns the
    /// best: feasible before infeasible, then cheaper, then the lower seed, so the answer does
    /// not depend on which thread finishes first.
    public static func solve(
        _ model: RoutingModel,
        options: SearchOptions,
        initial: RoutingSolution? = nil
    )
        -> RoutingSolution
    {
        let compiled = CompiledModel(model)
        let threads = max(1, options.threads)
        if threads == 1 {
            var search = AnnealingSearch(model: compiled, options: options, seed: options.seed, initial: initial)
            return search.run()
        }
        // One thread per search, each started at once: `DispatchQueue.concurrentPerform` on
        // Linux ran the second search on a pool thread that could start half a minute late on
        // a 10,000-visit problem (the main thread's search had used 50 CPU-seconds when the
        // other had used 23), so both searches now get their own thread from the start.
        let results = ResultBox(count: threads)
        let done = DispatchSemaphore(value: 0)
        for i in 0..<threads {
            let thread = Thread {
                var search = AnnealingSearch(
                    model: compiled,
                    options: options,
                    seed: options.seed &+ UInt64(i),
                    initial: initial
                )
                results.set(i, search.run())
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        for _ in 0..<threads { done.wait() }
        var best = results.values[0]!
        for r in results.values.dropFirst().compactMap({ $0 }) {
            if (r.feasible && !best.feasible) || (r.feasible == best.feasible && r.cost < best.cost) { best = r }
        }
        return best
    }
}

/// Collects one result per thread; each index is written by exactly one thread.
private final class ResultBox: @unchecked Sendable {
    var values: [RoutingSolution?]
    private let lock = SerialLock()
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: RoutingSolution) { lock.withLock { values[i] = v } }
}

/// A mutex built on a serial dispatch queue, to keep the target free of Foundation's locks.
private final class SerialLock: @unchecked Sendable {
    private let queue = DispatchQueue(label: "opora.scheduling.results")
    func withLock<T>(_ body: () -> T) -> T { queue.sync(execute: body) }
}
