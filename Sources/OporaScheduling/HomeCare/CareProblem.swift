/// A week (or a day) of home care to plan: Opora's JSON problem format, version 1.
///
/// Times are minutes from the start of the visit's day (0 = midnight, 480 = 08:00); days are
/// numbered from 0 (the first day of the planning period). Travel comes from `travelMatrix`
/// (minutes, in the order of `places`) or, without it, from the places' coordinates, see
/// `TravelSettings`. The format is described in docs/SCHEDULING.md.
public struct CareProblem: Codable, Sendable {
    public static let currentFormat = "opora-care-problem/1"

    public var format: String
    public var skills: [String]
    public var places: [Place]
    public var travelMatrix: [[Double]]?
    public var travel: TravelSettings?
    public var workers: [Worker]
    public var visits: [Visit]
    public var weights: Weights?
    /// The plan now in force, for re-planning: changes against it are charged.
    public var published: [PublishedAssignment]?

    public init(
        skills: [String],
        places: [Place],
        travelMatrix: [[Double]]? = nil,
        travel: TravelSettings? = nil,
        workers: [Worker],
        visits: [Visit],
        weights: Weights? = nil,
        published: [PublishedAssignment]? = nil
    ) {
        format = Self.currentFormat
        self.skills = skills
        self.places = places
        self.travelMatrix = travelMatrix
        self.travel = travel
        self.workers = workers
        self.visits = visits
        self.weights = weights
        self.published = published
    }

    public struct Place: Codable, Sendable {
        public var id: String
        public var latitude: Double?
        public var longitude: Double?
        /// "city", "town" or "village"; sets the speed of legs that start or end here.
        public var kind: String?

        public init(id: String, latitude: Double? = nil, longitude: Double? = nil, kind: String? = nil) {
            self.id = id
            self.latitude = latitude
            self.longitude = longitude
            self.kind = kind
        }
    }

    public struct Worker: Codable, Sendable {
        public var id: String
        public var skills: [String]
        public var shifts: [Shift]
        public var maxMinutesPerDay: Double?
        public var maxMinutesPerWeek: Double?
        /// Minutes per day paid at the normal rate; beyond them is overtime (soft).
        public var regularMinutesPerDay: Double?
        public var breakRule: BreakRule?
        /// Seats, wheelchair places, ... of the vehicle the worker drives, if any.
        public var capacity: [Double]?

        public init(
            id: String,
            skills: [String],
            shifts: [Shift],
            maxMinutesPerDay: Double? = nil,
            maxMinutesPerWeek: Double? = nil,
            regularMinutesPerDay: Double? = nil,
            breakRule: BreakRule? = nil,
            capacity: [Double]? = nil
        ) {
            self.id = id
            self.skills = skills
            self.shifts = shifts
            self.maxMinutesPerDay = maxMinutesPerDay
            self.maxMinutesPerWeek = maxMinutesPerWeek
            self.regularMinutesPerDay = regularMinutesPerDay
            self.breakRule = breakRule
            self.capacity = capacity
        }
    }

    public struct Shift: Codable, Sendable {
        public var day: Int
        public var start: Double
        public var end: Double
        public var startPlace: String
        public var endPlace: String

        public init(day: Int, start: Double, end: Double, startPlace: String, endPlace: String) {
            self.day = day
            self.start = start
            self.end = end
            self.startPlace = startPlace
            self.endPlace = endPlace
        }
    }

    /// A break of `minutes` that must start within [windowStart, windowEnd - minutes] on every
    /// shift longer than `afterMinutes`; it is taken wherever the worker is.
    public struct BreakRule: Codable, Sendable {
        public var minutes: Double
        public var windowStart: Double
        public var windowEnd: Double
        public var afterMinutes: Double

        public init(minutes: Double, windowStart: Double, windowEnd: Double, afterMinutes: Double) {
            self.minutes = minutes
            self.windowStart = windowStart
            self.windowEnd = windowEnd
            self.afterMinutes = afterMinutes
        }
    }

    public struct Visit: Codable, Sendable {
        public var id: String
        /// The person visited; continuity is counted per person.
        public var person: String
        public var place: String
        public var day: Int
        public var duration: Double
        /// Service must start within one of these [start, end] windows.
        public var windows: [[Double]]
        public var skill: String?
        /// 1 (most important) to 5.
        public var priority: Int?
        /// The person's chosen assistant, as a hard choice.
        public var requiredWorker: String?
        public var preferredWorkers: [Preference]?
        public var refusedWorkers: [String]?
        public var pinned: Pin?
        /// 2 for a visit that needs two workers at once (a transfer with a hoist).
        public var workers: Int?
        /// Load on board from this visit to the drop-off (seats, wheelchair places, ...).
        public var load: [Double]?
        /// For transport: where the person is taken; the drop-off is made by the same worker.
        public var dropOff: DropOff?

        public init(
            id: String,
            person: String,
            place: String,
            day: Int,
            duration: Double,
            windows: [[Double]],
            skill: String? = nil,
            priority: Int? = nil,
            requiredWorker: String? = nil,
            preferredWorkers: [Preference]? = nil,
            refusedWorkers: [String]? = nil,
            pinned: Pin? = nil,
            workers: Int? = nil,
            load: [Double]? = nil,
            dropOff: DropOff? = nil
        ) {
            self.id = id
            self.person = person
            self.place = place
            self.day = day
            self.duration = duration
            self.windows = windows
            self.skill = skill
            self.priority = priority
            self.requiredWorker = requiredWorker
            self.preferredWorkers = preferredWorkers
            self.refusedWorkers = refusedWorkers
            self.pinned = pinned
            self.workers = workers
            self.load = load
            self.dropOff = dropOff
        }
    }

    public struct Preference: Codable, Sendable {
        public var worker: String
        /// 0...1; 1 is the most wanted.
        public var weight: Double?

        public init(worker: String, weight: Double? = nil) {
            self.worker = worker
            self.weight = weight
        }
    }

    /// An assignment that is published or under way: kept as it is.
    public struct Pin: Codable, Sendable {
        public var worker: String
        public var start: Double?

        public init(worker: String, start: Double? = nil) {
            self.worker = worker
            self.start = start
        }
    }

    public struct DropOff: Codable, Sendable {
        public var place: String
        public var duration: Double
        public var windows: [[Double]]

        public init(place: String, duration: Double, windows: [[Double]]) {
            self.place = place
            self.duration = duration
            self.windows = windows
        }
    }

    public struct PublishedAssignment: Codable, Sendable {
        public var visit: String
        public var worker: String
        public var start: Double?

        public init(visit: String, worker: String, start: Double? = nil) {
            self.visit = visit
            self.worker = worker
            self.start = start
        }
    }

    /// Weights of the soft objective, in minutes of travel they are worth.
    public struct Weights: Codable, Sendable {
        public var travelMinute: Double?
        /// Cost of leaving a visit of priority 1 undone; priority p costs (6 - p) / 5 of it.
        public var unassignedVisit: Double?
        /// Per visit made by someone other than the person's main worker (their chosen or most
        /// preferred worker, else their most frequent worker in the published plan).
        public var newWorker: Double?
        /// Per distinct worker a person sees in the period (continuity of care).
        public var distinctWorker: Double?
        /// Per visit not made by a preferred worker, scaled by the preference weight.
        public var preferredWorker: Double?
        public var overtimeMinute: Double?
        /// Per minute of the standard deviation of the workers' paid minutes in the period.
        public var workloadBalance: Double?
        /// Re-planning: per visit moved to another worker than in the published plan.
        public var changedAssignment: Double?
        /// Re-planning: per minute a visit's start moves away from its start in the published plan.
        public var shiftedMinute: Double?

        public init(
            travelMinute: Double? = nil,
            unassignedVisit: Double? = nil,
            newWorker: Double? = nil,
            distinctWorker: Double? = nil,
            preferredWorker: Double? = nil,
            overtimeMinute: Double? = nil,
            workloadBalance: Double? = nil,
            changedAssignment: Double? = nil,
            shiftedMinute: Double? = nil
        ) {
            self.travelMinute = travelMinute
            self.unassignedVisit = unassignedVisit
            self.newWorker = newWorker
            self.distinctWorker = distinctWorker
            self.preferredWorker = preferredWorker
            self.overtimeMinute = overtimeMinute
            self.workloadBalance = workloadBalance
            self.changedAssignment = changedAssignment
            self.shiftedMinute = shiftedMinute
        }

        /// The weights as (field, value) pairs, for validation.
        var given: [(String, Double?)] {
            [
                ("travelMinute", travelMinute), ("unassignedVisit", unassignedVisit), ("newWorker", newWorker),
                ("distinctWorker", distinctWorker), ("preferredWorker", preferredWorker),
                ("overtimeMinute", overtimeMinute), ("workloadBalance", workloadBalance),
                ("changedAssignment", changedAssignment), ("shiftedMinute", shiftedMinute),
            ]
        }
    }
}
