import Foundation

/// A horizontal bar chart drawn on the server, in the manner of `PlanDrawing`: presentation
/// attributes only (the content-security policy allows no inline styles), a title for screen
/// readers, and the same figures in a table beside it.
enum IndicatorChart {
    static let labelWidth = 210.0
    static let barWidth = 300.0
    static let rowHeight = 24.0

    static func bars(_ items: [MonthIndicators.Item], title: String) -> String {
        let width = labelWidth + barWidth + 80
        let height = Double(max(items.count, 1)) * rowHeight + 8
        let largest = max(items.map(\.value).max() ?? 0, 1e-9)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" \
            height="\(Int(height))" role="img" aria-label="\(PlanDrawing.escape(title))" class="chart">
            """
        for (index, item) in items.enumerated() {
            let y = 4 + Double(index) * rowHeight
            let length = max(item.value > 0 ? 2 : 0, item.value / largest * barWidth)
            svg += "<text x=\"4\" y=\"\(PlanDrawing.f(y + 15))\" font-size=\"12\" fill=\"#1f2328\">"
            svg += PlanDrawing.escape(String(item.label.prefix(32))) + "</text>"
            svg += "<rect x=\"\(PlanDrawing.f(labelWidth))\" y=\"\(PlanDrawing.f(y + 3))\" "
            svg += "width=\"\(PlanDrawing.f(length))\" height=\"16\" rx=\"2\" fill=\"#1f6feb\">"
            svg += "<title>\(PlanDrawing.escape(item.label)): \(PlanDrawing.escape(item.text))</title></rect>"
            svg += "<text x=\"\(PlanDrawing.f(labelWidth + length + 6))\" y=\"\(PlanDrawing.f(y + 15))\" "
            svg += "font-size=\"12\" fill=\"#1f2328\">\(PlanDrawing.escape(item.text))</text>"
        }
        return svg + "</svg>"
    }
}
