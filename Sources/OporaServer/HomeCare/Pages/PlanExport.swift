import Foundation
import OporaCore
import OporaScheduling
import Vapor

/// A run's plan for a spreadsheet, one row per visit, written by `SpreadsheetExport`.
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

    /// The header and the rows as text cells, in the order of the day, the worker and the time.
    static func table(_ rows: [Row], language: Language) -> [[String]] {
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
        return [header] + lines
    }

    static func csv(_ rows: [Row], language: Language) -> String {
        SpreadsheetExport.csv(table(rows, language: language))
    }

    static func field(_ value: String) -> String { SpreadsheetExport.field(value) }

    static func xlsx(_ rows: [Row], language: Language, sheetName: String) throws -> Data {
        try SpreadsheetExport.xlsx(table(rows, language: language), sheetName: sheetName)
    }
}
