/// How a service is paid for (DOMAIN §8): a state-delegated activity, the municipality's own
/// budget, or a project such as "Грижа в дома".
public enum FundingRegime: String, CaseIterable, Codable, Sendable {
    case stateDelegated, local, project

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .stateDelegated: ("държавно делегирана дейност", "state-delegated activity")
            case .local: ("местна дейност", "local activity")
            case .project: ("по проект", "project")
            }
        return language == .bg ? bg : en
    }
}

/// Whether a service can take one more person: the figure referrals show beside each service.
///
/// Places are the register's capacity; the people occupying them and waiting are counted from
/// casework, never typed. A waiting list exists as soon as someone waits, even with free places
/// (the receiver has not decided yet), because a sender must know others came first.
public enum CapacityStatus: Equatable, Sendable {
    /// The register gives no places (an hourly service counted in hours only).
    case notCounted
    case free(places: Int)
    case full
    case waitingList(waiting: Int, free: Int)

    public static func of(places: Int?, occupied: Int, waiting: Int) -> CapacityStatus {
        guard let places else { return .notCounted }
        let free = max(places - occupied, 0)
        if waiting > 0 { return .waitingList(waiting: waiting, free: free) }
        return free > 0 ? .free(places: free) : .full
    }

    /// The free places, when the register counts places.
    public var freePlaces: Int? {
        switch self {
        case .notCounted: nil
        case .free(let places): places
        case .full: 0
        case .waitingList(_, let free): free
        }
    }

    public var code: String {
        switch self {
        case .notCounted: "notCounted"
        case .free: "free"
        case .full: "full"
        case .waitingList: "waitingList"
        }
    }

    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.notCounted, .bg): "без брой места"
        case (.notCounted, .en): "places not counted"
        case (.free(let places), .bg): "свободни места: \(places)"
        case (.free(let places), .en): "free places: \(places)"
        case (.full, .bg): "запълнена"
        case (.full, .en): "full"
        case (.waitingList(let waiting, _), .bg): "чакащи: \(waiting)"
        case (.waitingList(let waiting, _), .en): "waiting list: \(waiting)"
        }
    }
}

/// Whether a licence is in force on a day; an expired one is flagged in the register.
public enum LicenceState: String, Sendable, Equatable {
    case notRequired, missing, valid, expiringSoon, expired

    /// Within this many days of its expiry a licence is flagged so that renewal starts in time.
    public static let warningDays = 90

    public static func of(required: Bool, expiry: CalendarDay?, on day: CalendarDay) -> LicenceState {
        guard required else { return .notRequired }
        guard let expiry else { return .missing }
        if expiry < day { return .expired }
        return day.days(until: expiry) <= warningDays ? .expiringSoon : .valid
    }

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .notRequired: ("не се изисква", "not required")
            case .missing: ("липсва лиценз", "licence missing")
            case .valid: ("валиден", "valid")
            case .expiringSoon: ("изтича до 90 дни", "expires within 90 days")
            case .expired: ("изтекъл", "expired")
            }
        return language == .bg ? bg : en
    }
}
