import Vapor

/// The top of every own page: whose page it is, the choice of file for a representative of
/// several people, and the page's sections as links.
struct MyHeader: Encodable, Sendable {
    struct Section: Encodable, Sendable {
        var href: String
        var label: String
        var current: Bool
    }

    struct FileChoice: Encodable, Sendable {
        var href: String
        var name: String
        var current: Bool
    }

    var personName: String
    var forRepresentative: Bool
    var query: String
    var sections: [Section]
    var files: [FileChoice]

    init(_ files: MyFiles, active: String, request req: Request) {
        personName = files.chosen.name
        forRepresentative = files.isRepresentative
        query = files.query
        let query = files.query
        sections = [
            ("", CatalogueKey.myPageHome), ("plan", .myPlanTitle), ("week", .myWeekTitle),
            ("requests", .myRequestsTitle), ("data", .myDataTitle),
        ].map { path, key in
            Section(
                href: "/my" + (path.isEmpty ? "" : "/" + path) + query,
                label: req.text(key),
                current: path == active
            )
        }
        self.files =
            files.files.count > 1
            ? files.files.map {
                FileChoice(href: "/my?for=\($0.id.uuidString)", name: $0.name, current: $0.id == files.chosen.id)
            } : []
    }
}
