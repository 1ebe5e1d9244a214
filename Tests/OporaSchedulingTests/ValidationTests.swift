import Foundation
import Testing

@testable import OporaScheduling

@Suite struct ValidationTests {
    func base() -> CareProblem { RandomProblems.care(seed: 1, visits: 4) }

    func rejected(_ p: CareProblem) throws -> [ProblemError] {
        do {
            _ = try CareSolver.solve(p, options: SearchOptions(timeLimit: .seconds(1), iterationLimit: 10))
            return []
        } catch {
            return error.errors
        }
    }

    @Test func unknownSkillNamesTheVisitAndField() throws {
        var p = base()
        p.visits[2].skill = "juggling"
        let errors = try rejected(p)
        #expect(errors == [ProblemError(.visit(p.visits[2].id), field: "skill", .unknownSkill("juggling"))])
        #expect(errors[0].message(.bulgarian) == "Посещение „V2“, поле „skill“: непознато умение „juggling“")
        #expect(errors[0].message(.english) == "Visit \"V2\", field \"skill\": unknown skill \"juggling\"")
    }

    @Test func unknownWorkerSkillNamesTheWorker() throws {
        var p = base()
        p.workers[1].skills.append("flying")
        #expect(try rejected(p) == [ProblemError(.worker("W1"), field: "skills", .unknownSkill("flying"))])
    }

    @Test func windowEndingBeforeItStartsIsRejected() throws {
        var p = base()
        p.visits[0].windows = [[600, 660], [720, 700]]
        #expect(
            try rejected(p) == [
                ProblemError(.visit("V0"), field: "windows[1]", .windowEndsBeforeStart(start: 720, end: 700))
            ]
        )
    }

    @Test func negativeDurationIsRejected() throws {
        var p = base()
        p.visits[3].duration = -15
        #expect(try rejected(p) == [ProblemError(.visit("V3"), field: "duration", .negative(-15))])
    }

    @Test func matrixOfTheWrongSizeIsRejected() throws {
        var p = base()
        p.travelMatrix = Array(repeating: Array(repeating: 5, count: p.places.count), count: p.places.count - 1)
        #expect(
            try rejected(p) == [
                ProblemError(
                    .problem,
                    field: "travelMatrix",
                    .matrixSize(expected: p.places.count, found: p.places.count - 1)
                )
            ]
        )
        p.travelMatrix = Array(repeating: Array(repeating: 5, count: p.places.count - 2), count: p.places.count)
        #expect(
            try rejected(p) == [
                ProblemError(
                    .problem,
                    field: "travelMatrix",
                    .matrixSize(expected: p.places.count, found: p.places.count - 2)
                )
            ]
        )
    }

    @Test func everyErrorIsReportedAtOnce() throws {
        var p = base()
        p.visits[0].skill = "x"
        p.visits[1].place = "nowhere"
        p.workers[0].shifts[0].end = p.workers[0].shifts[0].start - 1
        p.visits[2].requiredWorker = "ghost"
        let errors = try rejected(p)
        #expect(errors.count == 4)
        #expect(errors.contains(ProblemError(.visit("V1"), field: "place", .unknownPlace("nowhere"))))
        #expect(errors.contains(ProblemError(.visit("V2"), field: "requiredWorker", .unknownWorker("ghost"))))
    }

    @Test func malformedJSONNamesTheField() {
        let json =
            #"{"format":"opora-care-problem/1","skills":[],"places":[],"workers":[{"id":"A","skills":[],"shifts":[{"day":"monday"}]}],"visits":[]}"#
        #expect {
            _ = try CareSolver.decode(Data(json.utf8))
        } throws: { error in
            guard let e = (error as? CareSolver.InvalidProblem)?.errors.first, case .malformed = e.kind else {
                return false
            }
            return e.field == "workers[0].shifts[0].day"
        }
        #expect(throws: CareSolver.InvalidProblem.self) { _ = try CareSolver.decode(Data("{not json".utf8)) }
    }

    @Test func overlappingShiftsOfOneWorkerAreRejected() throws {
        var p = base()
        let s = CareProblem.Shift(day: 0, start: 600, end: 700, startPlace: "centre", endPlace: "centre")
        p.workers[2].shifts = [
            s, CareProblem.Shift(day: 0, start: 650, end: 800, startPlace: "centre", endPlace: "centre"),
        ]
        #expect(
            try rejected(p) == [
                ProblemError(.worker("W2"), field: "shifts[0]", .badValue("overlaps another shift on day 0"))
            ]
        )
    }

    @Test func unsupportedFormatVersionIsRejected() throws {
        var p = base()
        p.format = "opora-care-problem/9"
        #expect(
            try rejected(p) == [ProblemError(.problem, field: "format", .unsupportedFormat("opora-care-problem/9"))]
        )
    }

    @Test func problemRoundTripsThroughJSON() throws {
        let p = base()
        let data = try JSONEncoder().encode(p)
        let back = try CareSolver.decode(data)
        #expect(back.visits.map(\.id) == p.visits.map(\.id))
        #expect(back.validate().isEmpty)
    }
}
