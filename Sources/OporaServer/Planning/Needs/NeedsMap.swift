import Foundation
import OporaCore

/// The oblast drawn from its settlements' coordinates: every settlement a dot sized by its
/// population and coloured by its municipality's coverage, each municipality named at its
/// population's centre. No tiles: the points are the territory data's own, projected on the server.
enum NeedsMap {
    struct Point: Sendable {
        var municipality: String
        var latitude: Double
        var longitude: Double
        var population: Int
    }

    /// Coverage per 1,000 from which each colour starts; below the first, the lightest.
    static let classes: [(from: Double, colour: String)] = [
        (0, "#deebf7"), (2, "#9ecae1"), (5, "#4292c6"), (10, "#08519c"),
    ]
    static let noDataColour = "#bdbdbd"
    static let width = 560.0
    static let height = 460.0

    static func colour(coverage: Double?) -> String {
        guard let coverage else { return noDataColour }
        return classes.last { coverage >= $0.from }?.colour ?? classes[0].colour
    }

    static func svg(
        points: [Point],
        places: [NeedsTable.Place],
        title: String,
        legend: (noData: String, perThousand: String),
        language: Language
    ) -> String {
        let located = points.filter { $0.latitude != 0 && $0.longitude != 0 }
        guard let minLat = located.map(\.latitude).min(), let maxLat = located.map(\.latitude).max(),
            let minLon = located.map(\.longitude).min(), let maxLon = located.map(\.longitude).max()
        else { return "" }
        // An equirectangular projection shrunk by the cosine of the middle latitude keeps
        // Bulgaria's shapes recognisable at this scale.
        let squeeze = cos((minLat + maxLat) / 2 * .pi / 180)
        let spanX = max((maxLon - minLon) * squeeze, 1e-6)
        let spanY = max(maxLat - minLat, 1e-6)
        let drawWidth = width - 40
        let drawHeight = height - 90
        let scale = min(drawWidth / spanX, drawHeight / spanY)
        func project(_ point: (Double, Double)) -> (x: Double, y: Double) {
            (20 + (point.1 - minLon) * squeeze * scale, 20 + (maxLat - point.0) * scale)
        }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" \
            height="\(Int(height))" role="img" aria-label="\(escape(title))" class="chart map">
            """
        for place in places {
            let own = located.filter { $0.municipality == place.code }
            guard !own.isEmpty else { continue }
            let fill = colour(coverage: place.total.coverage)
            let coverage = place.total.coverage.map { decimal($0, places: 1, in: language) } ?? legend.noData
            svg += "<g><title>\(escape(place.name)): \(escape(coverage))</title>"
            for point in own {
                let at = project((point.latitude, point.longitude))
                let radius = min(2 + sqrt(Double(max(point.population, 0))) / 18, 12)
                svg += "<circle cx=\"\(f(at.x))\" cy=\"\(f(at.y))\" r=\"\(f(radius))\" fill=\"\(fill)\" "
                svg += "stroke=\"#1f2328\" stroke-width=\"0.4\"/>"
            }
            let weight = max(own.map { Double(max($0.population, 1)) }.reduce(0, +), 1)
            let centre = (
                own.map { $0.latitude * Double(max($0.population, 1)) }.reduce(0, +) / weight,
                own.map { $0.longitude * Double(max($0.population, 1)) }.reduce(0, +) / weight
            )
            let label = project(centre)
            svg += "<text x=\"\(f(label.x))\" y=\"\(f(label.y - 8))\" font-size=\"12\" text-anchor=\"middle\" "
            svg += "fill=\"#1f2328\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">"
            svg += "\(escape(place.name))</text></g>"
        }
        var x = 20.0
        let y = height - 40
        let entries =
            [(legend.noData, noDataColour)]
            + classes.map { (decimal($0.from, places: 0, in: language) + "+", $0.colour) }
        svg += "<text x=\"20\" y=\"\(f(y - 8))\" font-size=\"12\" fill=\"#1f2328\">\(escape(legend.perThousand))</text>"
        for (text, fill) in entries {
            svg +=
                "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"14\" height=\"14\" fill=\"\(fill)\" stroke=\"#1f2328\" stroke-width=\"0.5\"/>"
            svg +=
                "<text x=\"\(f(x + 18))\" y=\"\(f(y + 12))\" font-size=\"12\" fill=\"#1f2328\">\(escape(text))</text>"
            x += 30 + Double(text.count) * 7
        }
        return svg + "</svg>"
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
