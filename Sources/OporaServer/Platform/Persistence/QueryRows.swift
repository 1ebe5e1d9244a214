import Fluent
import NIOConcurrencyHelpers

extension QueryBuilder {
    /// The query's rows read straight from the database's output. Fluent builds a whole model per
    /// row by reflection over its properties, which cost more than the query on list pages and a
    /// person's file (bench/http/RESULTS.md); a page that shows a few columns reads those.
    func rows<Row: Sendable>(_ read: @escaping @Sendable (any DatabaseOutput) throws -> Row) async throws -> [Row] {
        let rows = NIOLockedValueBox<[Result<Row, any Error>]>([])
        try await run { output in rows.withLockedValue { $0.append(Result { try read(output) }) } }
        return try rows.withLockedValue { $0 }.map { try $0.get() }
    }
}
