import Foundation
import OporaCore
import OporaScheduling

/// The plan drawn on the server: each worker's day as a bar on a time axis, and a worker's route
/// over the settlements from their coordinates. SVG with presentation attributes only, so the
/// page's content-security policy needs no inline styles; a table beside each says the same to
/// screen readers.
enum PlanDrawing {
    static let firstHour = 6
    static let lastHour = 21
    static let labelWidth = 170.0
    static let hourWidth = 52.0
    static let rowHeight = 26.0

    struct Bar: Sendable {
        var start: Double
        var end: Double
        var travelBefore: Double
        var label: String
    }

    struct Lane: Sendable {
        var name: String
        var bars: [Bar]
    }

    static func timeline(_ lanes: [Lane], title: String) -> String {
        let width = labelWidth + Double(lastHour - firstHour) * hourWidth + 10
        let height = 24 + Double(lanes.count) * rowHeight + 4
        func x(_ minute: Double) -> Double {
            labelWidth + (min(max(minute, Double(firstHour * 60)), Double(lastHour * 60)) / 60 - Double(firstHour))
                * hourWidth
        }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" \
            height="\(Int(height))" role="img" aria-label="\(escape(title))" class="timeline">
            """
        for hour in firstHour...lastHour {
            let px = x(Double(hour * 60))
            svg += "<line x1=\"\(f(px))\" y1=\"18\" x2=\"\(f(px))\" y2=\"\(f(height))\" stroke=\"#d0d7de\"/>"
            svg += "<text x=\"\(f(px + 2))\" y=\"13\" font-size=\"11\" fill=\"#3d4751\">\(hour):00</text>"
        }
        for (index, lane) in lanes.enumerated() {
            let y = 24 + Double(index) * rowHeight
            svg +=
                "<text x=\"4\" y=\"\(f(y + 16))\" font-size=\"12\" fill=\"#1f2328\">\(escape(String(lane.name.prefix(26))))</text>"
            for bar in lane.bars {
                if bar.travelBefore > 0 {
                    let from = x(bar.start - bar.travelBefore)
                    svg +=
                        "<rect x=\"\(f(from))\" y=\"\(f(y + 9))\" width=\"\(f(max(1, x(bar.start) - from)))\" height=\"4\" fill=\"#9aa4ad\"/>"
                }
                let from = x(bar.start)
                svg +=
                    "<rect x=\"\(f(from))\" y=\"\(f(y + 3))\" width=\"\(f(max(2, x(bar.end) - from)))\" height=\"16\" "
                svg += "rx=\"2\" fill=\"#1f6feb\" stroke=\"#ffffff\"><title>\(escape(bar.label))</title></rect>"
            }
        }
        return svg + "</svg>"
    }

    struct Point: Sendable {
        var latitude: Double
        var longitude: Double
        var name: String
    }

    /// The route through `points` in order, in an equirectangular projection fitted to the box.
    static func route(_ points: [Point], title: String) -> String {
        let size = 320.0
        guard let first = points.first else { return "" }
        let lats = points.map(\.latitude)
        let lons = points.map(\.longitude)
        let scaleX = cos(first.latitude * .pi / 180)
        let spanX = max((lons.max()! - lons.min()!) * scaleX, 0.01)
        let spanY = max(lats.max()! - lats.min()!, 0.01)
        let scale = (size - 40) / max(spanX, spanY)
        func px(_ p: Point) -> (Double, Double) {
            (20 + (p.longitude - lons.min()!) * scaleX * scale, size - 20 - (p.latitude - lats.min()!) * scale)
        }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(size)) \(Int(size))" width="\(Int(size))" \
            height="\(Int(size))" role="img" aria-label="\(escape(title))" class="route">
            <rect x="0" y="0" width="\(Int(size))" height="\(Int(size))" fill="#f6f8fa"/>
            """
        let path = points.map(px).map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
        svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"2\"/>"
        var named = Set<String>()
        for point in points {
            let (cx, cy) = px(point)
            svg += "<circle cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"4\" fill=\"#cf222e\"/>"
            if named.insert(point.name).inserted {
                svg +=
                    "<text x=\"\(f(cx + 6))\" y=\"\(f(cy - 4))\" font-size=\"11\" fill=\"#1f2328\">\(escape(point.name))</text>"
            }
        }
        return svg + "</svg>"
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
