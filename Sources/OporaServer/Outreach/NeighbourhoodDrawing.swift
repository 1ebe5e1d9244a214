import Foundation
import OporaCore

/// The neighbourhood's schematic: each block a row of entrances, each entrance its floors, shaded
/// by how long ago it was last visited, in the manner of `PlanDrawing` (presentation attributes
/// only, a title for screen readers; the same facts are in the table beside it).
enum NeighbourhoodDrawing {
    static let entranceWidth = 46.0
    static let floorHeight = 9.0
    static let gap = 18.0

    /// Shades from recent to never, with the words the legend gives them.
    enum Recency: CaseIterable {
        case week, month, older, never

        static func of(_ day: CalendarDay?, today: CalendarDay) -> Recency {
            guard let day else { return .never }
            let ago = day.days(until: today)
            return ago <= 7 ? .week : ago <= 31 ? .month : .older
        }

        var fill: String {
            switch self {
            case .week: "#1a7f37"
            case .month: "#7cc389"
            case .older: "#d8b75a"
            case .never: "#d0d7de"
            }
        }
    }

    static func svg(
        _ map: NeighbourhoodMap,
        today: CalendarDay,
        title: String,
        blockLabel: (OutreachBlock) -> String,
        describe: (NeighbourhoodMap.Entrance) -> String
    ) -> String {
        let tallest = Double(map.entrances.map(\.layout.floors).max() ?? 1)
        let height = tallest * floorHeight + 44
        var x = 8.0
        var body = ""
        for block in map.blocks {
            let width = Double(max(block.entrances.count, 1)) * entranceWidth
            body += "<text x=\"\(PlanDrawing.f(x))\" y=\"14\" font-size=\"12\" font-weight=\"bold\" fill=\"#1f2328\">"
            body += PlanDrawing.escape(blockLabel(block.block)) + "</text>"
            for (index, row) in block.entrances.enumerated() {
                let left = x + Double(index) * entranceWidth
                let floors = Double(row.layout.floors)
                let top = 20 + (tallest - floors) * floorHeight
                let fill = Recency.of(row.lastContact?.calendarDay, today: today).fill
                body += "<g><title>\(PlanDrawing.escape(describe(row)))</title>"
                body += "<rect x=\"\(PlanDrawing.f(left + 2))\" y=\"\(PlanDrawing.f(top))\" "
                body +=
                    "width=\"\(PlanDrawing.f(entranceWidth - 4))\" height=\"\(PlanDrawing.f(floors * floorHeight))\" "
                body += "fill=\"\(fill)\" stroke=\"#57606a\" stroke-width=\"1\"/>"
                for floor in 1..<row.layout.floors {
                    let y = top + Double(floor) * floorHeight
                    body += "<line x1=\"\(PlanDrawing.f(left + 2))\" y1=\"\(PlanDrawing.f(y))\" "
                    body += "x2=\"\(PlanDrawing.f(left + entranceWidth - 2))\" y2=\"\(PlanDrawing.f(y))\" "
                    body += "stroke=\"#57606a\" stroke-width=\"0.5\"/>"
                }
                body += "<text x=\"\(PlanDrawing.f(left + entranceWidth / 2))\" y=\"\(PlanDrawing.f(height - 8))\" "
                body += "font-size=\"11\" text-anchor=\"middle\" fill=\"#1f2328\">"
                body += PlanDrawing.escape(row.entrance.label) + "</text></g>"
            }
            x += width + gap
        }
        let width = max(x, 120)
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" \
            height="\(Int(height))" role="img" aria-label="\(PlanDrawing.escape(title))" class="chart">
            """ + body + "</svg>"
    }
}
