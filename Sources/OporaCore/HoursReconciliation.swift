/// Planned against delivered minutes of a set of visits (a person's month, a service's, a
/// worker's), counted by `VisitReckoning` so every report agrees with the worker's day.
public struct HoursTally: Hashable, Codable, Sendable {
    public var plannedVisits = 0
    public var plannedMinutes = 0
    public var deliveredMinutes = 0
    public var delivered = 0
    public var cutShort = 0
    public var missed = 0
    public var open = 0
    public var notRecorded = 0
    /// Planned, not recorded, and not yet due: still to come, not a gap.
    public var upcoming = 0
    public var asPlanned = 0
    public var missedByReason: [MissedReason: Int] = [:]

    public init() {}

    /// Adds one visit. A visit a later version withdrew (`inForce` false) counts only for what the
    /// worker recorded on it: it was no longer planned, but the minutes were given. A visit whose
    /// planned end is still ahead (`due` false) and has nothing recorded is upcoming.
    public mutating func add(
        _ reckoning: VisitReckoning,
        missedReason: MissedReason?,
        inForce: Bool,
        due: Bool = true
    ) {
        if inForce {
            plannedVisits += 1
            plannedMinutes += reckoning.plannedMinutes
        } else if reckoning.outcome == .notRecorded {
            return
        }
        deliveredMinutes += reckoning.deliveredMinutes
        switch reckoning.outcome {
        case .delivered: delivered += 1
        case .cutShort: cutShort += 1
        case .missed:
            missed += 1
            missedByReason[missedReason ?? .other, default: 0] += 1
        case .open: open += 1
        case .notRecorded: if due { notRecorded += 1 } else { upcoming += 1 }
        }
        if reckoning.asPlanned { asPlanned += 1 }
    }

    public mutating func add(_ other: HoursTally) {
        plannedVisits += other.plannedVisits
        plannedMinutes += other.plannedMinutes
        deliveredMinutes += other.deliveredMinutes
        delivered += other.delivered
        cutShort += other.cutShort
        missed += other.missed
        open += other.open
        notRecorded += other.notRecorded
        upcoming += other.upcoming
        asPlanned += other.asPlanned
        missedByReason.merge(other.missedByReason, uniquingKeysWith: +)
    }

    /// Planned minutes not delivered; negative when more was delivered than planned.
    public var shortfallMinutes: Int { plannedMinutes - deliveredMinutes }

    /// Share of planned visits delivered as planned, or nil with none planned.
    public var asPlannedShare: Double? {
        plannedVisits == 0 ? nil : Double(asPlanned) / Double(plannedVisits)
    }
}

/// A personal-assistance grant over some days: the hours a month of the referral in force then.
public struct GrantPeriod: Hashable, Sendable {
    public var from: CalendarDay
    /// The last day it applies; nil while in force.
    public var until: CalendarDay?
    public var monthlyHours: Int

    public init(from: CalendarDay, until: CalendarDay?, monthlyHours: Int) {
        self.from = from
        self.until = until
        self.monthlyHours = monthlyHours
    }

    public func covers(_ day: CalendarDay) -> Bool { from <= day && until.map { day <= $0 } != false }
}

/// A person's personal assistance in a calendar month against the hours the referral grants.
///
/// The referral grants hours per month (DOMAIN §2.1), so a month wholly under one grant is
/// entitled to exactly its hours. A grant that starts, ends or changes during the month counts
/// for the days it covers: each day carries `monthlyHours / days in the month`, and the sum is
/// rounded to the minute once, so the parts of a month add up to the whole.
public struct EntitlementUse: Hashable, Sendable {
    public enum Flag: String, Codable, Sendable {
        /// More delivered than granted: the excess is not paid from the mechanism.
        case overUse
        /// Less than `underUseShare` of the grant delivered in a month that has ended.
        case underUse
        case withinEntitlement
        /// The month is still running; under-use is judged when it ends.
        case inProgress
        /// No grant in force on any day of the month.
        case noGrant
    }

    /// Below four fifths of the grant the centre asks why (the person in hospital, no assistant
    /// free): a month a little short is normal, a month far short is a sign.
    public static let underUseShare = 0.8

    public let entitledMinutes: Int
    public let plannedMinutes: Int
    public let deliveredMinutes: Int
    public let flag: Flag

    /// `grants` in order of agreement: where two cover a day, the later one applies.
    public init(
        month: CalendarMonth,
        grants: [GrantPeriod],
        plannedMinutes: Int,
        deliveredMinutes: Int,
        today: CalendarDay
    ) {
        let entitled = Self.entitledMinutes(month: month, grants: grants)
        self.entitledMinutes = entitled ?? 0
        self.plannedMinutes = plannedMinutes
        self.deliveredMinutes = deliveredMinutes
        if entitled == nil {
            flag = deliveredMinutes > 0 ? .overUse : .noGrant
        } else if deliveredMinutes > entitled! {
            flag = .overUse
        } else if today <= month.lastDay {
            flag = .inProgress
        } else if Double(deliveredMinutes) < Self.underUseShare * Double(entitled!) {
            flag = .underUse
        } else {
            flag = .withinEntitlement
        }
    }

    /// Minutes granted for the month, or nil when no grant covers any of its days.
    public static func entitledMinutes(month: CalendarMonth, grants: [GrantPeriod]) -> Int? {
        var hourDays = 0
        var covered = false
        for day in month.days {
            guard let grant = grants.last(where: { $0.covers(day) }) else { continue }
            covered = true
            hourDays += min(max(grant.monthlyHours, 0), PersonalAssistanceGrant.maximumMonthlyHours)
        }
        guard covered else { return nil }
        return roundedDivision(hourDays * 60, month.dayCount)
    }

    /// Granted minutes left; negative when over.
    public var remainingMinutes: Int { entitledMinutes - deliveredMinutes }

    /// Delivered over granted, or nil without a grant.
    public var share: Double? { entitledMinutes == 0 ? nil : Double(deliveredMinutes) / Double(entitledMinutes) }
}
