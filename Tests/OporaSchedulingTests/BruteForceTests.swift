import PropertyBased
import Testing

@testable import OporaScheduling

/// On tiny VRPTW instances the search must find the optimum that enumeration finds.
@Suite struct BruteForceTests {
    /// Random Solomon-style instance: depot at the centre, `n` customers, `k` vehicles.
    static func instance(seed: Int, n: Int, k: Int) -> SolomonInstance {
        var r = ProblemRandom(seed)
        var text =
            "T\nVEHICLE\nNUMBER CAPACITY\n \(k) 30\nCUSTOMER\nCUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME\n"
        text += "0 50 50 0 0 400 0\n"
        for c in 1...n {
            let ready = r.int(0...200)
            text +=
                "\(c) \(r.int(0...100)) \(r.int(0...100)) \(r.int(1...12)) \(ready) \(ready + r.int(20...150)) \(r.int(0...10))\n"
        }
        return try! SolomonInstance(text: text)
    }

    /// Cheapest feasible routing by enumerating every order and every cut into at most k routes.
    static func bruteForce(_ inst: SolomonInstance) -> Double {
        let n = inst.customerCount
        var best = Double.infinity
        var perm = Array(1...n)
        func routeCost(_ r: ArraySlice<Int>) -> Double? {
            var t = inst.ready[0]
            var load = 0.0
            var prev = 0
            var d = 0.0
            for c in r {
                let leg = inst.distance(prev, c)
                d += leg
                t = max(t + leg, inst.ready[c])
                if t > inst.due[c] + 1e-9 { return nil }
                t += inst.service[c]
                load += inst.demand[c]
                prev = c
            }
            d += inst.distance(prev, 0)
            if t + inst.distance(prev, 0) > inst.due[0] + 1e-9 || load > inst.capacity { return nil }
            return d
        }
        func visit(_ i: Int) {
            if i == n {
                for mask in 0..<(1 << (n - 1)) where mask.nonzeroBitCount < inst.vehicles {
                    var total = 0.0
                    var start = 0
                    var ok = true
                    for cut in 0..<n where cut == n - 1 || mask & (1 << cut) != 0 {
                        guard let c = routeCost(perm[start...cut]) else {
                            ok = false
                            break
                        }
                        total += c
                        if total >= best {
                            ok = false
                            break
                        }
                        start = cut + 1
                    }
                    if ok { best = min(best, total) }
                }
                return
            }
            for j in i..<n {
                perm.swapAt(i, j)
                visit(i + 1)
                perm.swapAt(i, j)
            }
        }
        visit(0)
        return best
    }

    @Test func searchMatchesEnumerationOnSmallInstances() async {
        await propertyCheck(count: 12, input: Gen.int(in: 1...1_000_000), Gen.int(in: 3...6)) { seed, n in
            let inst = Self.instance(seed: seed, n: n, k: 3)
            let exact = Self.bruteForce(inst)
            let sol = RoutingEngine.solve(
                inst.routingModel(),
                options: SearchOptions(timeLimit: .seconds(30), iterationLimit: 3000, seed: 1)
            )
            if exact.isInfinite {
                #expect(!sol.feasible)
            } else {
                #expect(sol.feasible)
                let found = inst.totalDistance(inst.customerRoutes(sol))
                #expect(abs(found - exact) < 1e-6, "seed \(seed): found \(found), optimum \(exact)")
            }
        }
    }

    @Test func eightCustomersMatchEnumeration() {
        let inst = Self.instance(seed: 2024, n: 8, k: 3)
        let exact = Self.bruteForce(inst)
        let sol = RoutingEngine.solve(
            inst.routingModel(),
            options: SearchOptions(timeLimit: .seconds(30), iterationLimit: 5000, seed: 3)
        )
        #expect(exact.isFinite == sol.feasible)
        if exact.isFinite { #expect(abs(inst.totalDistance(inst.customerRoutes(sol)) - exact) < 1e-6) }
    }
}
