/// An entrance of a block of flats as an outreach team walks it: how many floors, how many flats
/// on each, and the number of its first flat.
///
/// Flats of a Bulgarian block are numbered on through its entrances (entrance Б starts where А
/// ended), so an entrance keeps its own first number; a contact names a flat that must be one of
/// the entrance's, since a door that does not exist is a typing mistake.
public struct EntranceLayout: Hashable, Sendable {
    public static let floorRange = 1...30
    public static let flatsPerFloorRange = 1...12
    public static let firstFlatRange = 1...2000

    public let floors: Int
    public let flatsPerFloor: Int
    public let firstFlat: Int

    public init?(floors: Int, flatsPerFloor: Int, firstFlat: Int = 1) {
        guard Self.floorRange.contains(floors), Self.flatsPerFloorRange.contains(flatsPerFloor),
            Self.firstFlatRange.contains(firstFlat)
        else { return nil }
        self.floors = floors
        self.flatsPerFloor = flatsPerFloor
        self.firstFlat = firstFlat
    }

    public var flatCount: Int { floors * flatsPerFloor }
    public var lastFlat: Int { firstFlat + flatCount - 1 }

    /// The flats of a floor, counted from 1 at the ground floor; nil for a floor the entrance lacks.
    public func flats(onFloor floor: Int) -> ClosedRange<Int>? {
        guard (1...floors).contains(floor) else { return nil }
        let first = firstFlat + (floor - 1) * flatsPerFloor
        return first...(first + flatsPerFloor - 1)
    }

    /// The floor a flat is on, or nil when the flat is not in this entrance.
    public func floor(ofFlat flat: Int) -> Int? {
        guard (firstFlat...lastFlat).contains(flat) else { return nil }
        return (flat - firstFlat) / flatsPerFloor + 1
    }

    /// The first flat of the entrance that follows this one in the same block.
    public var nextEntranceFirstFlat: Int { lastFlat + 1 }
}
