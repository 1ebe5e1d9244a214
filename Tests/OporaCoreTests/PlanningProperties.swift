import OporaCore
import PropertyBased
import Testing

private let counts = zip(Gen.int(in: 0...500), Gen.int(in: 0...500), Gen.int(in: 0...50))
private let line = zip(
    counts,
    Gen.int(in: 0...600).map { $0 == 0 ? nil : $0 },
    Gen.int(in: 0...200_000),
    Gen.bool
).map { counts, capacity, population, hasData -> NeedsLine in
    let (needing, receiving, waiting) = counts
    return NeedsLine(
        needing: needing,
        receiving: receiving,
        waiting: waiting,
        longestWaitDays: waiting > 0 ? waiting * 3 : nil,
        mapCapacity: capacity,
        population: population,
        hasData: hasData
    )
}

@Suite("Needs against capacity: the oblast is the sum of its municipalities")
struct PlanningProperties {
    @Test("Summed lines add every count, keep the longest wait, and have data when any part has")
    func sumAddsUp() async {
        await propertyCheck(input: line.array(of: 0...9)) { lines in
            let total = NeedsLine.sum(lines)
            #expect(total.needing == lines.map(\.needing).reduce(0, +))
            #expect(total.receiving == lines.map(\.receiving).reduce(0, +))
            #expect(total.population == lines.map(\.population).reduce(0, +))
            #expect(total.longestWaitDays == lines.compactMap(\.longestWaitDays).max())
            #expect(total.hasData == lines.contains(where: \.hasData))
            #expect((total.mapCapacity == nil) == lines.allSatisfy { $0.mapCapacity == nil })
        }
    }

    @Test("A gap is never negative, is there exactly when need exceeds capacity, and no data has no figures")
    func gapAndNoData() async {
        await propertyCheck(input: line) { line in
            if !line.hasData {
                #expect(line.gap == nil && line.coverage == nil && line.occupancy == nil)
            } else {
                #expect((line.gap != nil) == (line.needing > (line.mapCapacity ?? 0)))
                if let gap = line.gap { #expect(gap > 0 && gap == line.needing - (line.mapCapacity ?? 0)) }
                #expect((line.coverage == nil) == (line.population == 0))
            }
        }
    }

    @Test("The capacity status never shows more free places than places, nor negative ones")
    func freePlacesBounded() async {
        await propertyCheck(input: Gen.int(in: 0...200), Gen.int(in: 0...300), Gen.int(in: 0...20)) {
            places,
            occupied,
            waiting in
            let free = CapacityStatus.of(places: places, occupied: occupied, waiting: waiting).freePlaces ?? -1
            #expect(free >= 0 && free <= places && free == max(places - occupied, 0))
        }
    }
}
