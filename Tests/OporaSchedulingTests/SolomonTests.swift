import Testing

@testable import OporaScheduling

@Suite struct SolomonTests {
    static let text = """
        R101

        VEHICLE
        NUMBER     CAPACITY
          3         200

        CUSTOMER
        CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

            0      35         35          0          0        230          0
            1      41         49         10        161        171         10
            2      35         17          7         50         60         10
            3      55         45         13        116        126         10
            4      55         20         19        149        159         10
            5      15         30         26         34         44         10
        """

    @Test func readsTheClassicFormat() throws {
        let inst = try SolomonInstance(text: Self.text)
        #expect(inst.name == "R101")
        #expect(inst.vehicles == 3 && inst.capacity == 200 && inst.customerCount == 5)
        #expect(inst.ready[1] == 161 && inst.due[1] == 171 && inst.demand[5] == 26)
        #expect(abs(inst.distance(0, 1) - (36.0 + 196.0).squareRoot()) < 1e-12)
    }

    @Test func rejectsAFileWithoutFleet() {
        #expect(throws: SolomonInstance.ParseError.self) {
            _ = try SolomonInstance(text: "X\nCUSTOMER\n0 1 1 0 0 10 0\n")
        }
    }

    @Test func solvesAndWritesTheKitFormat() throws {
        let inst = try SolomonInstance(text: Self.text)
        let sol = RoutingEngine.solve(
            inst.routingModel(),
            options: SearchOptions(timeLimit: .seconds(10), iterationLimit: 500)
        )
        #expect(sol.feasible)
        let routes = inst.customerRoutes(sol)
        #expect(routes.flatMap { $0 }.sorted() == [1, 2, 3, 4, 5])
        #expect(routes.count <= 3)
        let out = SolomonInstance.solutionText(routes, cost: inst.totalDistance(routes))
        #expect(out.hasPrefix("Route #1: "))
        #expect(out.split(separator: "\n").last!.hasPrefix("Cost "))
    }
}
