import Foundation

/// Why a planned visit did not take place, as the worker records it at the door.
public enum MissedReason: String, CaseIterable, Codable, Sendable {
    case notAtHome, refused, inHospital, other

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .notAtHome: ("не е вкъщи", "not at home")
            case .refused: ("отказа посещението", "refused the visit")
            case .inHospital: ("в болница", "in hospital")
            case .other: ("друга причина", "another reason")
            }
        return language == .bg ? bg : en
    }
}

/// What a worker records on a visit: the times they arrived and left, or that it did not happen.
///
/// The record only moves forward (planned → checked in → checked out, or planned → missed), so
/// two phones or a replayed outbox cannot rewind it: a second check-in is refused with the time
/// of the first, and the worker sees which record stands.
public struct VisitRecord: Hashable, Codable, Sendable {
    public var checkIn: Date?
    public var checkOut: Date?
    public var missed: MissedReason?

    public init(checkIn: Date? = nil, checkOut: Date? = nil, missed: MissedReason? = nil) {
        self.checkIn = checkIn
        self.checkOut = checkOut
        self.missed = missed
    }

    public enum Action: Hashable, Sendable {
        case checkIn(at: Date)
        case checkOut(at: Date)
        case missed(MissedReason, at: Date)
    }

    /// Longest a visit may be recorded for: a check-out after this is a forgotten one.
    public static let longestVisit: TimeInterval = 12 * 3600
    /// How far an event may lie in the future of the server's clock (a phone's clock runs fast).
    public static let clockTolerance: TimeInterval = 5 * 60
    /// An offline phone may replay a record up to this long after it was made.
    public static let replayWindow: TimeInterval = 7 * 24 * 3600

    /// The record after `action`, made on the visit's `day`, seen by the server at `now`.
    public func applying(
        _ action: Action,
        day: CalendarDay,
        now: Date
    ) -> Result<VisitRecord, VisitRecordProblem> {
        let at: Date =
            switch action {
            case .checkIn(let at), .checkOut(let at), .missed(_, let at): at
            }
        if at > now.addingTimeInterval(Self.clockTolerance) { return .failure(.inTheFuture) }
        if at < now.addingTimeInterval(-Self.replayWindow) { return .failure(.tooOld) }
        var next = self
        switch action {
        case .checkIn(let at):
            if let missed { return .failure(.alreadyMissed(missed)) }
            if let checkIn { return .failure(.alreadyCheckedIn(at: checkIn)) }
            if CalendarDay.today(at: at) != day { return .failure(.notOnTheDay(day)) }
            next.checkIn = at
        case .checkOut(let at):
            if let missed { return .failure(.alreadyMissed(missed)) }
            guard let checkIn else { return .failure(.checkOutBeforeCheckIn) }
            if let checkOut { return .failure(.alreadyCheckedOut(at: checkOut)) }
            if at < checkIn { return .failure(.checkOutEarlierThanCheckIn(checkIn: checkIn)) }
            if at.timeIntervalSince(checkIn) > Self.longestVisit { return .failure(.visitTooLong) }
            next.checkOut = at
        case .missed(let reason, _):
            if let missed { return .failure(.alreadyMissed(missed)) }
            if let checkIn { return .failure(.missedAfterCheckIn(checkIn: checkIn)) }
            next.missed = reason
        }
        return .success(next)
    }
}

public enum VisitRecordProblem: LocalizedProblem, Equatable {
    case checkOutBeforeCheckIn
    case checkOutEarlierThanCheckIn(checkIn: Date)
    case alreadyCheckedIn(at: Date)
    case alreadyCheckedOut(at: Date)
    case alreadyMissed(MissedReason)
    case missedAfterCheckIn(checkIn: Date)
    case notOnTheDay(CalendarDay)
    case inTheFuture
    case tooOld
    case visitTooLong
    /// The visit is now another worker's: it was moved while the phone was offline.
    case anotherWorker
    /// A later version of the week left the visit out (cancelled, or not planned).
    case withdrawn
    case progressBeforeCheckIn

    public var code: String {
        switch self {
        case .checkOutBeforeCheckIn: "visit.checkOutBeforeCheckIn"
        case .checkOutEarlierThanCheckIn: "visit.checkOutEarlierThanCheckIn"
        case .alreadyCheckedIn: "visit.alreadyCheckedIn"
        case .alreadyCheckedOut: "visit.alreadyCheckedOut"
        case .alreadyMissed: "visit.alreadyMissed"
        case .missedAfterCheckIn: "visit.missedAfterCheckIn"
        case .notOnTheDay: "visit.notOnTheDay"
        case .inTheFuture: "visit.inTheFuture"
        case .tooOld: "visit.tooOld"
        case .visitTooLong: "visit.tooLong"
        case .anotherWorker: "visit.anotherWorker"
        case .withdrawn: "visit.withdrawn"
        case .progressBeforeCheckIn: "visit.progressBeforeCheckIn"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.checkOutBeforeCheckIn, .bg): "Посещението още не е започнало: първо отбележете пристигане."
        case (.checkOutBeforeCheckIn, .en): "The visit has not started: check in first."
        case (.checkOutEarlierThanCheckIn(let checkIn), .bg):
            "Тръгването не може да е преди пристигането в \(SofiaTime.time(checkIn))."
        case (.checkOutEarlierThanCheckIn(let checkIn), .en):
            "Check-out cannot be before the check-in at \(SofiaTime.time(checkIn))."
        case (.alreadyCheckedIn(let at), .bg):
            "Пристигането вече е отбелязано в \(SofiaTime.time(at)); остава записът от тогава."
        case (.alreadyCheckedIn(let at), .en):
            "Check-in was already recorded at \(SofiaTime.time(at)); that record stands."
        case (.alreadyCheckedOut(let at), .bg):
            "Тръгването вече е отбелязано в \(SofiaTime.time(at)); остава записът от тогава."
        case (.alreadyCheckedOut(let at), .en):
            "Check-out was already recorded at \(SofiaTime.time(at)); that record stands."
        case (.alreadyMissed(let reason), .bg):
            "Посещението вече е отбелязано като неосъществено (\(reason.label(in: .bg)))."
        case (.alreadyMissed(let reason), .en): "The visit is already recorded as missed (\(reason.label(in: .en)))."
        case (.missedAfterCheckIn(let checkIn), .bg):
            "Пристигането е отбелязано в \(SofiaTime.time(checkIn)): посещението не може да е неосъществено."
        case (.missedAfterCheckIn(let checkIn), .en):
            "Check-in was recorded at \(SofiaTime.time(checkIn)): the visit cannot be missed."
        case (.notOnTheDay(let day), .bg): "Пристигане се отбелязва в деня на посещението, \(day.display)."
        case (.notOnTheDay(let day), .en): "Check in on the day of the visit, \(day.display)."
        case (.inTheFuture, .bg): "Часът е в бъдещето: проверете часовника на телефона."
        case (.inTheFuture, .en): "The time is in the future: check the phone's clock."
        case (.tooOld, .bg): "Записът е по-стар от седмица: обадете се на координатора."
        case (.tooOld, .en): "The record is older than a week: call the coordinator."
        case (.visitTooLong, .bg): "Посещение над 12 часа: тръгването е забравено, обадете се на координатора."
        case (.visitTooLong, .en): "A visit over 12 hours: the check-out was forgotten; call the coordinator."
        case (.anotherWorker, .bg):
            "Посещението вече е възложено на друг служител; вашият запис не е приет. Обадете се на координатора."
        case (.anotherWorker, .en):
            "The visit is now assigned to another worker; your record was not accepted. Call the coordinator."
        case (.withdrawn, .bg): "Посещението е отменено в новия график; вашият запис не е приет."
        case (.withdrawn, .en): "The visit was cancelled in the new schedule; your record was not accepted."
        case (.progressBeforeCheckIn, .bg): "Задачите и бележката се записват след отбелязано пристигане."
        case (.progressBeforeCheckIn, .en): "Tasks and the note are recorded after check-in."
        }
    }
}

/// What a visit counts as once recorded: the rules the timesheets, the hours against plans and
/// entitlements and the indicators all read, so they agree with each other.
public struct VisitReckoning: Hashable, Sendable {
    public enum Outcome: String, CaseIterable, Codable, Sendable {
        /// Checked in and out, at least `deliveredShare` of the planned time.
        case delivered
        /// Checked in and out, but shorter than `deliveredShare` of the planned time.
        case cutShort
        case missed
        /// Checked in, never checked out: no minutes count until the coordinator corrects it.
        case open
        /// Nothing recorded.
        case notRecorded
    }

    /// A visit with at least this share of its planned minutes counts as delivered in full.
    public static let deliveredShare = 0.75
    /// A visit that starts within this many minutes of its planned start is on time.
    public static let onTimeMinutes = 15

    public var outcome: Outcome
    public var plannedMinutes: Int
    /// Minutes between check-in and check-out, never above twice the plan: a worker who stays
    /// longer is not paid from the person's entitlement for a forgotten check-out.
    public var deliveredMinutes: Int
    /// Delivered in full and begun within `onTimeMinutes` of the planned start.
    public var asPlanned: Bool

    public init(plannedMinutes: Int, plannedStart: Date, record: VisitRecord) {
        self.plannedMinutes = max(0, plannedMinutes)
        if record.missed != nil {
            (outcome, deliveredMinutes, asPlanned) = (.missed, 0, false)
            return
        }
        guard let checkIn = record.checkIn else {
            (outcome, deliveredMinutes, asPlanned) = (.notRecorded, 0, false)
            return
        }
        guard let checkOut = record.checkOut, checkOut >= checkIn else {
            (outcome, deliveredMinutes, asPlanned) = (.open, 0, false)
            return
        }
        let seconds = min(checkOut.timeIntervalSince(checkIn), VisitRecord.longestVisit)
        let minutes = min(Int((seconds / 60).rounded()), 2 * self.plannedMinutes)
        deliveredMinutes = minutes
        let full = Double(minutes) >= Self.deliveredShare * Double(self.plannedMinutes)
        outcome = full ? .delivered : .cutShort
        let lateness = abs(checkIn.timeIntervalSince(plannedStart)) / 60
        asPlanned = full && lateness <= Double(Self.onTimeMinutes)
    }
}

/// Distance on the Earth's surface, for a check-in near the address: only the distance is kept,
/// never the coordinates the phone sent.
public enum GreatCircle {
    /// Whole metres between two points given in degrees, or nil when either is not a place.
    public static func metres(
        fromLatitude lat1: Double,
        longitude lon1: Double,
        toLatitude lat2: Double,
        longitude lon2: Double
    ) -> Int? {
        for (lat, lon) in [(lat1, lon1), (lat2, lon2)] {
            guard lat.isFinite, lon.isFinite, abs(lat) <= 90, abs(lon) <= 180 else { return nil }
        }
        let radius = 6_371_000.0
        let (p1, p2) = (lat1 * .pi / 180, lat2 * .pi / 180)
        let dp = p2 - p1
        let dl = (lon2 - lon1) * .pi / 180
        let a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        let c = 2 * atan2(a.squareRoot(), (1 - a).squareRoot())
        return Int((radius * c).rounded())
    }
}
