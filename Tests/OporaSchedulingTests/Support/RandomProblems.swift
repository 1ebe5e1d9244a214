import OporaScheduling

/// Small random problems for property tests, fully determined by a seed.
struct ProblemRandom {
    var state: UInt64
    init(_ seed: Int) { state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
    mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(next() % UInt64(r.count)) }
    mutating func double(_ r: ClosedRange<Double>) -> Double {
        r.lowerBound + (r.upperBound - r.lowerBound) * Double(next() % 1_000_000) / 1_000_000
    }
    mutating func chance(_ p: Double) -> Bool { double(0...1) < p }
}

enum RandomProblems {
    static let skills = ["personal_assistance", "home_help", "nursing_care"]

    /// Workers with one or two shifts over `days` days, visits with every kind of rule the
    /// format has: skills, one or two windows, chosen, preferred and refused workers, pins,
    /// two-worker visits and transports.
    static func care(seed: Int, visits: Int, workers: Int = 3, days: Int = 2) -> CareProblem {
        var r = ProblemRandom(seed)
        var places = [CareProblem.Place(id: "centre", latitude: 42.2869, longitude: 22.6939, kind: "city")]
        for i in 0..<(visits + workers) {
            places.append(
                CareProblem.Place(
                    id: "p\(i)",
                    latitude: 42.2869 + r.double(-0.08...0.08),
                    longitude: 22.6939 + r.double(-0.1...0.1),
                    kind: r.chance(0.3) ? "city" : "village"
                )
            )
        }
        var ws: [CareProblem.Worker] = []
        for i in 0..<workers {
            var skills = [skills[i % 3]]
            if r.chance(0.5) { skills.append(Self.skills[r.int(0...2)]) }
            let home = r.chance(0.5) ? "centre" : "p\(visits + i)"
            var shifts: [CareProblem.Shift] = []
            for d in 0..<days where r.chance(0.85) {
                let start = Double(r.int(7...9) * 60)
                shifts.append(
                    CareProblem.Shift(
                        day: d,
                        start: start,
                        end: start + Double(r.int(4...9) * 60),
                        startPlace: home,
                        endPlace: home
                    )
                )
            }
            var w = CareProblem.Worker(id: "W\(i)", skills: Array(Set(skills)).sorted(), shifts: shifts)
            if r.chance(0.5) { w.maxMinutesPerDay = Double(r.int(240...480)) }
            if r.chance(0.3) { w.maxMinutesPerWeek = Double(r.int(300...900)) }
            if r.chance(0.5) {
                w.breakRule = CareProblem.BreakRule(minutes: 30, windowStart: 690, windowEnd: 840, afterMinutes: 360)
            }
            if r.chance(0.4) { w.regularMinutesPerDay = 300 }
            if i == 0 { w.capacity = [3, 1] }
            ws.append(w)
        }
        var vs: [CareProblem.Visit] = []
        for i in 0..<visits {
            let start = Double(r.int(8...14) * 60)
            var windows = [[start, start + Double(r.int(0...3) * 60)]]
            if r.chance(0.15) { windows.append([start + 240, start + 300]) }
            var v = CareProblem.Visit(
                id: "V\(i)",
                person: "P\(r.int(0...max(1, visits / 2)))",
                place: "p\(i)",
                day: r.int(0...(days - 1)),
                duration: Double(r.int(2...8) * 10),
                windows: windows,
                priority: r.int(1...5)
            )
            if r.chance(0.8) { v.skill = skills[r.int(0...2)] }
            let pick = "W\(r.int(0...(workers - 1)))"
            switch r.int(0...9) {
            case 0: v.requiredWorker = pick
            case 1: v.preferredWorkers = [CareProblem.Preference(worker: pick, weight: 1)]
            case 2: v.refusedWorkers = [pick]
            case 3: v.workers = 2
            case 4:
                v.skill = nil
                v.load = [1, r.chance(0.5) ? 1 : 0]
                v.dropOff = CareProblem.DropOff(place: "centre", duration: 5, windows: [[start, start + 240]])
            case 5:
                if let w = ws.first(where: { w in w.shifts.contains { $0.day == v.day } }) {
                    v.skill = nil
                    v.pinned = CareProblem.Pin(worker: w.id, start: nil)
                }
            default: break
            }
            vs.append(v)
        }
        return CareProblem(skills: skills, places: places, workers: ws, visits: vs)
    }
}
