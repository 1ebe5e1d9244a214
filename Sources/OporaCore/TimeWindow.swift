/// A preferred part of the day, in minutes after local midnight in Sofia.
public struct TimeWindow: Hashable, Codable, Sendable {
    public let startMinute: Int
    public let endMinute: Int

    /// `start` before `end`, both within one day.
    public init?(startMinute: Int, endMinute: Int) {
        guard 0 <= startMinute, startMinute < endMinute, endMinute <= 24 * 60 else { return nil }
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard
            let window = TimeWindow(
                startMinute: try container.decode(Int.self, forKey: .startMinute),
                endMinute: try container.decode(Int.self, forKey: .endMinute)
            )
        else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "impossible time window")
            )
        }
        self = window
    }

    /// "08:00–12:30".
    public var display: String {
        "\(TimeWindow.clock(startMinute))–\(TimeWindow.clock(endMinute))"
    }

    /// 510 → "08:30".
    public static func clock(_ minute: Int) -> String {
        "\(CalendarDay.pad(minute / 60, 2)):\(CalendarDay.pad(minute % 60, 2))"
    }

    /// "08:30" (as a time input sends it) → 510; nil for anything that is not a time of day.
    public static func minute(ofClock text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2,
            parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy { ("0"..."9").contains($0) } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        return hour * 60 + minute
    }
}
