import Foundation

/// What a person needs of an assistant they have not named: the weekly times of the plan's
/// assistant work without a chosen worker, and the skills that work asks for. When the person
/// names no one, the provider proposes someone from its list of candidates (ЗЛП, DOMAIN §2.1 item 4).
public struct AssistantNeed: Hashable, Sendable {
    public var times: WeeklyTimes
    public var skills: Set<CareSkill>

    public init(times: WeeklyTimes, skills: Set<CareSkill>) {
        self.times = times
        self.skills = skills
    }

    /// The need of a plan, or `nil` when every piece of assistant work in it has a chosen worker
    /// (or there is none). Assistant work is a service whose visits need personal care
    /// (`CareSkill.needed`) and personal assistance; its days follow the visits' rule
    /// (`VisitDemandRule`): daily services every day, working-day ones Monday to Friday and the
    /// weekend days the person asked for, weekly and monthly ones on the preferred days or, when
    /// none is named, the working days; its hours are the preferred time or the working day.
    public static func of(_ plan: SupportPlan) -> AssistantNeed? {
        var times = WeeklyTimes()
        var skills: Set<CareSkill> = []
        for service in plan.services where service.chosenWorkerID == nil {
            let skill = CareSkill.needed(for: .service(service.serviceID, service.type))
            guard skill == .personalCare else { continue }
            skills.insert(skill)
            for day in days(of: service.frequency.period, preferred: service.preferredDays) {
                times.add(service.preferredTime ?? VisitDemandRule.defaultWindow, on: day)
            }
        }
        if let grant = plan.personalAssistance, grant.assistantID == nil {
            skills.insert(.personalCare)
            for day in days(of: grant.frequency?.period ?? .workingDay, preferred: []) {
                times.add(VisitDemandRule.defaultWindow, on: day)
            }
        }
        return skills.isEmpty ? nil : AssistantNeed(times: times, skills: skills)
    }

    static func days(of period: ServiceFrequency.Period, preferred: Set<Weekday>) -> [Weekday] {
        switch period {
        case .day: Weekday.allCases
        case .workingDay: Weekday.allCases.filter { $0.isWorkingDay || preferred.contains($0) }
        case .week, .month:
            preferred.isEmpty ? Weekday.allCases.filter(\.isWorkingDay) : Weekday.allCases.filter(preferred.contains)
        }
    }
}

/// A candidate as the ranking sees them: where they live and when they are free, and what they can do.
public struct CandidateProfile<ID: Hashable & Sendable>: Sendable {
    public var id: ID
    public var latitude: Double?
    public var longitude: Double?
    public var availability: WeeklyTimes
    public var skills: Set<CareSkill>
    /// Decides between candidates of equal fit, e.g. the collation key of the name.
    public var tieBreak: String

    public init(
        id: ID,
        latitude: Double?,
        longitude: Double?,
        availability: WeeklyTimes,
        skills: Set<CareSkill>,
        tieBreak: String
    ) {
        self.id = id
        self.latitude = latitude
        self.longitude = longitude
        self.availability = availability
        self.skills = skills
        self.tieBreak = tieBreak
    }
}

/// How well one candidate fits a need, with the reasons a proposal shows.
public struct CandidateFit<ID: Hashable & Sendable>: Sendable {
    public var id: ID
    /// Great-circle kilometres between the candidate's and the person's settlements; `nil` when
    /// either has no coordinates in the classifier.
    public var distanceKm: Double?
    /// Minutes a week the candidate is free within the times the person wants help.
    public var overlapMinutes: Int
    /// Minutes a week the person wants help and the candidate is not free.
    public var uncoveredMinutes: Int
    public var matchedSkills: Set<CareSkill>
    public var missingSkills: Set<CareSkill>
    var tieBreak: String
}

/// Ranks the candidates for a need (the order a proposal lists them in).
///
/// A candidate who is never free at the person's times is not proposed. The others are ordered by,
/// in turn: fewer of the needed skills missing; fewer of the person's weekly minutes uncovered (the
/// one free at all of them first); nearer home (no known distance after every known one); then
/// `tieBreak`. Skills and times come before distance because an assistant who cannot do the work or
/// is busy at the person's hours is no help however near; among those who can, the nearest loses
/// least time on the road.
public enum CandidateRanking {
    public static func rank<ID>(
        _ candidates: [CandidateProfile<ID>],
        for need: AssistantNeed,
        latitude: Double?,
        longitude: Double?
    ) -> [CandidateFit<ID>] {
        let wanted = need.times.minutes
        let fits = candidates.compactMap { candidate -> CandidateFit<ID>? in
            let overlap = candidate.availability.overlapMinutes(with: need.times)
            guard overlap > 0 else { return nil }
            var distance: Double?
            if let a = candidate.latitude, let b = candidate.longitude, let c = latitude, let d = longitude {
                distance = greatCircleKm(a, b, c, d)
            }
            return CandidateFit(
                id: candidate.id,
                distanceKm: distance,
                overlapMinutes: overlap,
                uncoveredMinutes: wanted - overlap,
                matchedSkills: need.skills.intersection(candidate.skills),
                missingSkills: need.skills.subtracting(candidate.skills),
                tieBreak: candidate.tieBreak
            )
        }
        return fits.sorted(by: precedes)
    }

    /// The ranking's order: true when `a` is proposed before `b`.
    public static func precedes<ID>(_ a: CandidateFit<ID>, _ b: CandidateFit<ID>) -> Bool {
        if a.missingSkills.count != b.missingSkills.count { return a.missingSkills.count < b.missingSkills.count }
        if a.uncoveredMinutes != b.uncoveredMinutes { return a.uncoveredMinutes < b.uncoveredMinutes }
        switch (a.distanceKm, b.distanceKm) {
        case (let x?, let y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.tieBreak < b.tieBreak
        }
    }

    /// Great-circle distance in kilometres (haversine, mean Earth radius 6371.0088 km), as the
    /// scheduling engine measures travel before its road factor.
    public static func greatCircleKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let rad = Double.pi / 180
        let dLat = (lat2 - lat1) * rad
        let dLon = (lon2 - lon1) * rad
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371.0088 * asin(min(1, a.squareRoot()))
    }
}
