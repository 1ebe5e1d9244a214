/// How a household member is related to the person (issue 3, "People and households").
public enum HouseholdRelation: String, CaseIterable, Codable, Sendable {
    case spouse, partner, child, parent, sibling, grandchild, grandparent, otherRelative, notRelated

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .spouse: ("съпруг/съпруга", "spouse")
            case .partner: ("партньор", "partner")
            case .child: ("дете", "child")
            case .parent: ("родител", "parent")
            case .sibling: ("брат/сестра", "sibling")
            case .grandchild: ("внук/внучка", "grandchild")
            case .grandparent: ("баба/дядо", "grandparent")
            case .otherRelative: ("друг роднина", "other relative")
            case .notRelated: ("не е роднина", "not related")
            }
        return language == .bg ? bg : en
    }
}
