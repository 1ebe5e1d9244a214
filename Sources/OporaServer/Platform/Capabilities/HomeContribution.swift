import Foundation

/// What one capability adds to the home page: figures at a glance and short lists of work.
struct HomeContribution: Encodable, Sendable {
    var cards: [HomeCard] = []
    var panels: [HomePanel] = []
}

/// A figure that links to where it comes from.
struct HomeCard: Encodable, Sendable {
    var href: String
    var title: String
    var figure: String
}

/// A titled list, such as the plan reviews due; `link` leads to the whole list.
struct HomePanel: Encodable, Sendable {
    struct Line: Encodable, Sendable {
        var href: String?
        var text: String
        var detail: String?
    }

    struct Link: Encodable, Sendable {
        var href: String
        var label: String
    }

    /// The heading's id, unique on the page.
    var id: String
    var title: String
    var lines: [Line]
    var link: Link? = nil
    /// Choices that narrow the list (the page it leads to is `current` when shown).
    var filters: [Filter] = []
    /// Previous and next page of a long list.
    var pager: [Link] = []

    struct Filter: Encodable, Sendable {
        var href: String
        var label: String
        var current: Bool
    }
}
