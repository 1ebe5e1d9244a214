import Foundation
import OporaCore
import OporaScheduling
import Vapor

/// A run's plan as CSV for a spreadsheet: one row per visit, in Bulgarian, with the semicolon and
/// the byte-order mark that Excel in a Bulgarian locale expects (the comma is its decimal mark).
enum PlanExport {
    struct Row: Sendable {
        var day: CalendarDay
        var start: Double
        var end: Double
        var worker: String
        var person: String
        var settlement: String
        var skill: String
    }

    static func csv(_ rows: [Row], language: Language) -> String {
        let header =
            language == .bg
            ? ["Ден", "Дата", "От", "До", "Служител", "Човек", "Населено място", "Умение"]
            : ["Day", "Date", "From", "Until", "Worker", "Person", "Settlement", "Skill"]
        let lines = rows.sorted { ($0.day, $0.worker, $0.start) < ($1.day, $1.worker, $1.start) }.map { row in
            [
                row.day.weekday.label(in: language), row.day.display, TimeWindow.clock(Int(row.start)),
                TimeWindow.clock(Int(row.end)), row.worker, row.person, row.settlement, row.skill,
            ]
        }
        return "\u{FEFF}" + ([header] + lines).map { $0.map(field).joined(separator: ";") }.joined(separator: "\r\n")
            + "\r\n"
    }

    /// Quoted when it holds a separator, a quote or a line break; a leading =, +, - or @ is
    /// neutralised so that a spreadsheet never runs a name as a formula.
    static func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        guard text.contains(where: { ";\"\r\n".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
