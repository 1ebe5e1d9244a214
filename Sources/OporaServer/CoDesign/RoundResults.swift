import Fluent
import OporaCore
import Vapor

/// A round's results as every page shows them: an SVG chart, the same figures in a table beside
/// it, and how they were counted.
struct RoundResults: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        var place: Int
        var title: String
        var points: Int
        var supporters: Int
    }

    var rows: [Row]
    var chart: String
    var ballots: Int
    var howCounted: String
    var runoffWinner: String?
    var pointsLabel: String

    static func build(_ round: CoDesignRound, _ req: Request) async throws -> RoundResults {
        let (proposals, tally, runoff) = try await CoDesignBallots.tally(round, on: req.db)
        let titles = Dictionary(uniqueKeysWithValues: proposals.map { ($0.id!, $0.title) })
        // Proposals that share a place are listed alphabetically, as a reader looks for them.
        let rows = tally.rows.map {
            Row(place: $0.place, title: titles[$0.proposal] ?? "", points: $0.points, supporters: $0.supporters)
        }.sorted { ($0.place, BulgarianCollation.sortKey($0.title)) < ($1.place, BulgarianCollation.sortKey($1.title)) }
        let pointsLabel = req.text(round.method == .dots ? .codesignDotsColumn : .codesignPointsColumn)
        let chart = RoundChart.bars(rows, title: req.text(.codesignChartTitle) + " " + round.title)
        return RoundResults(
            rows: rows,
            chart: chart,
            ballots: tally.ballots,
            howCounted: CoDesignText.howCounted(round.method, dots: round.dots, req),
            runoffWinner: runoff?.winner.flatMap { titles[$0] },
            pointsLabel: pointsLabel
        )
    }
}
