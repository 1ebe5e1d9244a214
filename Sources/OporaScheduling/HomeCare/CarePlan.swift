/// The answer for a `CareProblem`: Opora's JSON plan format, version 1.
public struct CarePlan: Codable, Sendable {
    public static let currentFormat = "opora-care-plan/1"

    public var format: String = Self.currentFormat
    public var routes: [WorkerDay]
    public var unassigned: [UnassignedVisit]
    public var objective: Objective
    public var iterations: Int

    public struct WorkerDay: Codable, Sendable {
        public var worker: String
        public var day: Int
        public var shift: Int
        /// Minutes from the start of the day.
        public var leave: Double
        public var back: Double
        public var stops: [PlannedStop]
        public var travelMinutes: Double
        public var waitingMinutes: Double
        public var serviceMinutes: Double
    }

    public struct PlannedStop: Codable, Sendable {
        public enum Kind: String, Codable, Sendable {
            case visit, pickUp, dropOff
            case breakTime = "break"
        }
        public var kind: Kind
        /// The visit, absent for a break.
        public var visit: String?
        public var place: String?
        public var arrival: Double
        public var start: Double
        public var end: Double
        public var waiting: Double
        public var travelBefore: Double
    }

    public struct UnassignedVisit: Codable, Sendable {
        public var visit: String
        public var reason: UnassignedReason
        public var messageBG: String
        public var messageEN: String
    }

    /// The soft objective's parts, reported separately; `total` is what the search minimised.
    public struct Objective: Codable, Sendable {
        public var total: Double
        public var travelMinutes: Double
        public var unassignedVisits: Int
        public var unassignedPenalty: Double
        /// Visits with a preferred worker or a required (chosen) worker, and how many got one.
        public var visitsWithPreference: Int
        public var visitsWithPreferredWorker: Int
        /// Distinct workers per person over the period, mean and total.
        public var meanDistinctWorkersPerPerson: Double
        public var distinctWorkerPairs: Int
        public var overtimeMinutes: Double
        /// Paid minutes (leave to back) per worker over the period: standard deviation.
        public var workloadStdDevMinutes: Double
        public var paidMinutes: Double
        public var travelShareOfPaidTime: Double
        /// Re-planning: visits on another worker than published and minutes moved.
        public var changedAssignments: Int
        public var shiftedMinutes: Double
    }
}

/// Why a visit is left undone.
public enum UnassignedReason: String, Codable, Sendable {
    /// No worker with the skill (or the required worker) works that day, or all are refused.
    case noSkilledWorker
    /// Even alone on any suitable worker's day, the window cannot be met within the shift.
    case windowUnreachable
    /// No suitable vehicle has room for the load.
    case capacity
    /// Suitable workers exist but their days are full.
    case noTimeLeft

    public var messageBG: String {
        switch self {
        case .noSkilledWorker: "няма служител с нужното умение на работа в този ден"
        case .windowUnreachable: "часовият интервал е недостижим в рамките на смените"
        case .capacity: "няма превозно средство с достатъчно места"
        case .noTimeLeft: "подходящите служители нямат свободно време"
        }
    }

    public var messageEN: String {
        switch self {
        case .noSkilledWorker: "no worker with the required skill works that day"
        case .windowUnreachable: "the time window cannot be reached within any shift"
        case .capacity: "no vehicle has room for the load"
        case .noTimeLeft: "suitable workers have no time left"
        }
    }
}
