/// The problem as the search sees it: places with a travel-time matrix, stops with windows and
/// loads, vehicles (a worker's shift, or a Solomon truck) and jobs.
///
/// Both the Solomon reader and the home-care mapping build this; the search knows nothing of
/// workers, people or skills, only which vehicle may serve which stop and at what extra cost.
public struct RoutingModel: Sendable {
    /// A place where something happens; travel times are between places.
    public var placeCount: Int
    /// Row-major `placeCount × placeCount` travel times; travel cost equals travel time.
    public var travel: [Double]

    public var stops: [Stop]
    public var vehicles: [Vehicle]
    public var jobs: [Job]

    /// Extra cost of stop `s` on vehicle `v` at `s * vehicles.count + v` (preferences,
    /// continuity, re-planning changes); empty when there is none.
    public var assignmentCost: [Double]

    /// Continuity: the group of each stop (a person; -1 for none) and the resource of each
    /// vehicle (a worker, who may have several shifts). Every distinct (group, resource) pair
    /// in the solution costs `distinctResourceCost`, so the search weighs one more face at a
    /// person's door against travel. Empty arrays mean no such term.
    public var stopGroup: [Int] = []
    public var vehicleResource: [Int] = []
    public var distinctResourceCost: Double = 0
    /// Balance: cost per minute of the standard deviation of the resources' total route
    /// durations (paid minutes, idle resources included).
    public var balanceCost: Double = 0
    /// Re-planning: the start each stop had in the plan in force (absolute minutes; NaN for a
    /// stop without one), and the cost per minute a stop's start moves away from it. Empty or
    /// zero means no such term.
    public var targetStart: [Double] = []
    public var shiftedMinuteCost: Double = 0

    public struct Stop: Sendable {
        /// Index into the places; -1 for a stop without a place of its own (a break).
        public var place: Int
        public var service: Double
        /// Service may start from `ready` and no later than `due`.
        public var ready: Double
        public var due: Double
        /// Load taken from the depot, load brought back to the depot, and load that comes on
        /// board here and leaves at the paired stop (negative at the drop-off).
        public var delivery: SIMD4<Double> = .zero
        public var pickup: SIMD4<Double> = .zero
        public var carried: SIMD4<Double> = .zero
        /// Vehicles allowed to serve the stop; nil means all.
        public var allowedVehicles: [Int]? = nil

        public init(place: Int, service: Double, ready: Double, due: Double) {
            self.place = place
            self.service = service
            self.ready = ready
            self.due = due
        }
    }

    public struct Vehicle: Sendable {
        public var startPlace: Int
        public var endPlace: Int
        public var shiftStart: Double
        public var shiftEnd: Double
        public var capacity: SIMD4<Double>
        /// Hard limit on the route's duration, waiting included.
        public var maxDuration: Double = .infinity
        /// Minutes beyond this are overtime, charged at `overtimeCost` per minute.
        public var regularDuration: Double = .infinity
        public var overtimeCost: Double = 0

        public init(startPlace: Int, endPlace: Int, shiftStart: Double, shiftEnd: Double, capacity: SIMD4<Double>) {
            self.startPlace = startPlace
            self.endPlace = endPlace
            self.shiftStart = shiftStart
            self.shiftEnd = shiftEnd
            self.capacity = capacity
        }
    }

    /// The unit of assignment: it is done in exactly one of its alternatives or not at all.
    public struct Job: Sendable {
        public enum Kind: Sendable {
            /// One stop per alternative.
            case single
            /// Two stops on the same vehicle, the first before the second (pick-up, drop-off).
            case pair
            /// Two stops on two different vehicles (a visit that needs two workers at once;
            /// each alternative fixes a common start so both arrive together).
            case team
        }
        public var kind: Kind
        /// Stop indices; each alternative has one stop for `.single`, two otherwise.
        public var alternatives: [[Int]]
        /// Cost of leaving the job undone; infinity when it must be done.
        public var unassignedCost: Double

        public init(kind: Kind, alternatives: [[Int]], unassignedCost: Double) {
            self.kind = kind
            self.alternatives = alternatives
            self.unassignedCost = unassignedCost
        }
    }

    public init(
        placeCount: Int,
        travel: [Double],
        stops: [Stop],
        vehicles: [Vehicle],
        jobs: [Job],
        assignmentCost: [Double] = []
    ) {
        self.placeCount = placeCount
        self.travel = travel
        self.stops = stops
        self.vehicles = vehicles
        self.jobs = jobs
        self.assignmentCost = assignmentCost
    }

    @inline(__always)
    func travelTime(_ a: Int, _ b: Int) -> Double {
        a < 0 || b < 0 ? 0 : travel[a * placeCount + b]
    }
}
