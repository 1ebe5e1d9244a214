import OporaCore

extension Sequence {
    /// Sorted by a name the Bulgarian way, with each name's collation key computed once rather
    /// than twice per comparison: lists of a few hundred people are sorted on every report.
    func sortedBulgarian(by name: (Element) -> String) -> [Element] {
        map { (key: BulgarianCollation.sortKey(name($0)), element: $0) }.sorted { $0.key < $1.key }.map(\.element)
    }
}
