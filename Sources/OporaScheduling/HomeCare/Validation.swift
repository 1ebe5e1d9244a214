extension CareProblem {
    /// Every reason the problem cannot be solved as given, all at once, so a coordinator can
    /// fix the file in one pass. An empty list means the problem may be solved.
    public func validate() -> [ProblemError] {
        var errors: [ProblemError] = []
        if format != Self.currentFormat {
            errors.append(ProblemError(.problem, field: "format", .unsupportedFormat(format)))
        }
        let skillSet = Set(skills)
        var placeIds = Set<String>()
        for p in places {
            if !placeIds.insert(p.id).inserted { errors.append(ProblemError(.place(p.id), field: "id", .duplicateId)) }
            if travelMatrix == nil {
                if p.latitude == nil || p.longitude == nil {
                    errors.append(ProblemError(.place(p.id), field: "latitude/longitude", .missingCoordinates))
                }
            }
            if let k = p.kind, !["city", "town", "village"].contains(k) {
                errors.append(ProblemError(.place(p.id), field: "kind", .badValue(k)))
            }
        }
        if let m = travelMatrix {
            if m.count != places.count {
                errors.append(
                    ProblemError(.problem, field: "travelMatrix", .matrixSize(expected: places.count, found: m.count))
                )
            } else if let bad = m.first(where: { $0.count != places.count }) {
                errors.append(
                    ProblemError(.problem, field: "travelMatrix", .matrixSize(expected: places.count, found: bad.count))
                )
            } else if m.contains(where: { $0.contains { $0 < 0 || !$0.isFinite } }) {
                errors.append(ProblemError(.problem, field: "travelMatrix", .negativeTravel))
            }
        }
        var workerIds = Set<String>()
        for w in workers {
            let who = ProblemError.Subject.worker(w.id)
            if !workerIds.insert(w.id).inserted { errors.append(ProblemError(who, field: "id", .duplicateId)) }
            for s in w.skills where !skillSet.contains(s) {
                errors.append(ProblemError(who, field: "skills", .unknownSkill(s)))
            }
            for (i, sh) in w.shifts.enumerated() {
                if sh.end < sh.start {
                    errors.append(
                        ProblemError(who, field: "shifts[\(i)]", .windowEndsBeforeStart(start: sh.start, end: sh.end))
                    )
                }
                if sh.day < 0 { errors.append(ProblemError(who, field: "shifts[\(i)].day", .negative(Double(sh.day)))) }
                for (f, p) in [("startPlace", sh.startPlace), ("endPlace", sh.endPlace)] where !placeIds.contains(p) {
                    errors.append(ProblemError(who, field: "shifts[\(i)].\(f)", .unknownPlace(p)))
                }
            }
            // Two shifts of one worker that overlap would let the worker be in two places at once.
            for (i, a) in w.shifts.enumerated() {
                for b in w.shifts[(i + 1)...] where a.day == b.day && a.start < b.end && b.start < a.end {
                    errors.append(
                        ProblemError(who, field: "shifts[\(i)]", .badValue("overlaps another shift on day \(a.day)"))
                    )
                    break
                }
            }
            for (f, v) in [
                ("maxMinutesPerDay", w.maxMinutesPerDay), ("maxMinutesPerWeek", w.maxMinutesPerWeek),
                ("regularMinutesPerDay", w.regularMinutesPerDay),
            ] {
                if let v, v < 0 { errors.append(ProblemError(who, field: f, .negative(v))) }
            }
            if let c = w.capacity {
                if c.count > 4 {
                    errors.append(ProblemError(who, field: "capacity", .badValue("\(c.count) dimensions (at most 4)")))
                }
                if let v = c.first(where: { $0 < 0 }) {
                    errors.append(ProblemError(who, field: "capacity", .negative(v)))
                }
            }
            if let b = w.breakRule {
                if b.minutes < 0 { errors.append(ProblemError(who, field: "breakRule.minutes", .negative(b.minutes))) }
                if b.windowEnd < b.windowStart {
                    errors.append(
                        ProblemError(
                            who,
                            field: "breakRule.window",
                            .windowEndsBeforeStart(start: b.windowStart, end: b.windowEnd)
                        )
                    )
                }
            }
        }
        var visitIds = Set<String>()
        for v in visits {
            let who = ProblemError.Subject.visit(v.id)
            if !visitIds.insert(v.id).inserted { errors.append(ProblemError(who, field: "id", .duplicateId)) }
            if !placeIds.contains(v.place) { errors.append(ProblemError(who, field: "place", .unknownPlace(v.place))) }
            if v.day < 0 { errors.append(ProblemError(who, field: "day", .negative(Double(v.day)))) }
            if v.duration < 0 || !v.duration.isFinite {
                errors.append(ProblemError(who, field: "duration", .negative(v.duration)))
            }
            checkWindows(v.windows, field: "windows", who: who, into: &errors)
            if let s = v.skill, !skillSet.contains(s) {
                errors.append(ProblemError(who, field: "skill", .unknownSkill(s)))
            }
            if let p = v.priority, !(1...5).contains(p) {
                errors.append(ProblemError(who, field: "priority", .badValue(String(p))))
            }
            if let w = v.requiredWorker, !workerIds.contains(w) && !workers.contains(where: { $0.id == w }) {
                errors.append(ProblemError(who, field: "requiredWorker", .unknownWorker(w)))
            }
            for (i, p) in (v.preferredWorkers ?? []).enumerated() {
                if !workers.contains(where: { $0.id == p.worker }) {
                    errors.append(ProblemError(who, field: "preferredWorkers[\(i)]", .unknownWorker(p.worker)))
                }
                if let wt = p.weight, !(0...1).contains(wt) {
                    errors.append(ProblemError(who, field: "preferredWorkers[\(i)].weight", .badValue(String(wt))))
                }
            }
            for (i, r) in (v.refusedWorkers ?? []).enumerated() where !workers.contains(where: { $0.id == r }) {
                errors.append(ProblemError(who, field: "refusedWorkers[\(i)]", .unknownWorker(r)))
            }
            if let pin = v.pinned, !workers.contains(where: { $0.id == pin.worker }) {
                errors.append(ProblemError(who, field: "pinned.worker", .unknownWorker(pin.worker)))
            }
            if let n = v.workers, !(1...2).contains(n) {
                errors.append(ProblemError(who, field: "workers", .badValue(String(n))))
            }
            if let l = v.load {
                if l.count > 4 {
                    errors.append(ProblemError(who, field: "load", .badValue("\(l.count) dimensions (at most 4)")))
                }
                if let x = l.first(where: { $0 < 0 }) { errors.append(ProblemError(who, field: "load", .negative(x))) }
            }
            if let d = v.dropOff {
                if !placeIds.contains(d.place) {
                    errors.append(ProblemError(who, field: "dropOff.place", .unknownPlace(d.place)))
                }
                if d.duration < 0 { errors.append(ProblemError(who, field: "dropOff.duration", .negative(d.duration))) }
                checkWindows(d.windows, field: "dropOff.windows", who: who, into: &errors)
                if v.workers == 2 {
                    errors.append(ProblemError(who, field: "dropOff", .badValue("a transport cannot need two workers")))
                }
            }
        }
        for (i, p) in (published ?? []).enumerated() {
            if !visitIds.contains(p.visit) {
                errors.append(ProblemError(.problem, field: "published[\(i)].visit", .badValue(p.visit)))
            }
            if !workerIds.contains(p.worker) {
                errors.append(ProblemError(.problem, field: "published[\(i)].worker", .unknownWorker(p.worker)))
            }
        }
        // Weights come from outside: a huge or infinite one would swamp every other term.
        for (name, value) in weights?.given ?? [] {
            guard let v = value else { continue }
            if v < 0 {
                errors.append(ProblemError(.problem, field: "weights.\(name)", .negative(v)))
            } else if !v.isFinite || v > 1e6 {
                errors.append(ProblemError(.problem, field: "weights.\(name)", .badValue("\(v)")))
            }
        }
        return errors
    }

    private func checkWindows(
        _ windows: [[Double]],
        field: String,
        who: ProblemError.Subject,
        into errors: inout [ProblemError]
    ) {
        if windows.isEmpty { errors.append(ProblemError(who, field: field, .malformedWindow)) }
        for (i, w) in windows.enumerated() {
            if w.count != 2 {
                errors.append(ProblemError(who, field: "\(field)[\(i)]", .malformedWindow))
            } else if w[1] < w[0] {
                errors.append(
                    ProblemError(who, field: "\(field)[\(i)]", .windowEndsBeforeStart(start: w[0], end: w[1]))
                )
            }
        }
    }
}
