import PropertyBased
import Testing

@testable import OporaScheduling

/// The constant-time segment join must agree with simulating the route stop by stop.
@Suite struct SegmentTests {
    @Test func joinedSegmentsAgreeWithSimulationInAnySplit() async {
        await propertyCheck(count: 200, input: Gen.int(in: 1...1_000_000), Gen.int(in: 1...9)) { seed, n in
            var r = ProblemRandom(seed)
            let places = n + 1
            var xs: [Double] = []
            var ys: [Double] = []
            for _ in 0..<places {
                xs.append(r.double(0...50))
                ys.append(r.double(0...50))
            }
            var travel = [Double](repeating: 0, count: places * places)
            for a in 0..<places {
                for b in 0..<places {
                    travel[a * places + b] = ((xs[a] - xs[b]) * (xs[a] - xs[b]) + (ys[a] - ys[b]) * (ys[a] - ys[b]))
                        .squareRoot()
                }
            }
            var stops: [RoutingModel.Stop] = []
            for c in 1...n {
                let ready = r.double(0...100)
                var s = RoutingModel.Stop(
                    place: c,
                    service: r.double(0...10),
                    ready: ready,
                    due: ready + r.double(0...60)
                )
                s.delivery = SIMD4(r.double(0...5), 0, 0, 0)
                stops.append(s)
            }
            let vehicle = RoutingModel.Vehicle(
                startPlace: 0,
                endPlace: 0,
                shiftStart: 0,
                shiftEnd: 1000,
                capacity: SIMD4(10, 0, 0, 0)
            )
            let model = RoutingModel(
                placeCount: places,
                travel: travel,
                stops: stops,
                vehicles: [vehicle],
                jobs: (0..<n).map { .init(kind: .single, alternatives: [[$0]], unassignedCost: .infinity) }
            )
            let cm = CompiledModel(model)
            // Simulation: leave at 0, wait when early, serve late ones late and count the lateness.
            // Time warp differs from lateness in general, but both are zero together.
            var t = 0.0
            var late = 0.0
            var prev = 0
            var dist = 0.0
            for s in stops {
                let leg = travel[prev * places + s.place]
                dist += leg
                t = max(t + leg, s.ready)
                if t > s.due {
                    late += t - s.due
                    t = s.due
                }
                t += s.service
                prev = s.place
            }
            dist += travel[prev * places]
            let segs = [cm.startSegment[0]] + cm.stopSegment + [cm.endSegment[0]]
            let cut = r.int(1...(segs.count - 1))
            func fold(_ xs: ArraySlice<Segment>) -> Segment {
                xs.dropFirst().reduce(xs.first!) { Segment.joined($0, $1, travelTimes: cm.travel, places: places) }
            }
            let whole = Segment.joined(fold(segs[..<cut]), fold(segs[cut...]), travelTimes: cm.travel, places: places)
            let left = fold(segs[...])
            #expect(abs(whole.travel - dist) < 1e-9)
            #expect(abs(whole.timeWarp - left.timeWarp) < 1e-6)
            #expect(abs(whole.duration - left.duration) < 1e-6)
            #expect((left.timeWarp < 1e-9) == (late < 1e-9))
            let demand = stops.reduce(0) { $0 + $1.delivery.x }
            #expect(abs(whole.excessLoad(capacity: SIMD4(10, 0, 0, 0)) - max(0, demand - 10)) < 1e-9)
        }
    }
}
