import Foundation

/// A round's results as horizontal bars, drawn on the server with presentation attributes only
/// (the content-security policy allows no inline styles) and a title for screen readers; the
/// page puts the same figures in a table beside it.
enum RoundChart {
    static let labelWidth = 260
    static let barWidth = 300
    static let rowHeight = 26

    static func bars(_ rows: [RoundResults.Row], title: String) -> String {
        let width = labelWidth + barWidth + 60
        let height = max(rows.count, 1) * rowHeight + 8
        let largest = max(rows.map(\.points).max() ?? 0, 1)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" \
            height="\(height)" role="img" aria-label="\(escape(title))" class="chart">
            """
        for (index, row) in rows.enumerated() {
            let y = 4 + index * rowHeight
            let length = row.points == 0 ? 0 : max(2, row.points * barWidth / largest)
            svg += "<text x=\"4\" y=\"\(y + 16)\" font-size=\"12\" fill=\"#1f2328\">"
            svg += escape(String(row.title.prefix(38))) + "</text>"
            svg +=
                "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(length)\" height=\"16\" rx=\"2\" fill=\"#1f6feb\">"
            svg += "<title>\(escape(row.title)): \(row.points)</title></rect>"
            svg +=
                "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 16)\" font-size=\"12\" fill=\"#1f2328\">\(row.points)</text>"
        }
        return svg + "</svg>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
