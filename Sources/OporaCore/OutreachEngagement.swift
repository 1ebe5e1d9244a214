/// Where a family stands with the outreach team ("staircase to staircase", Aarhus, 2019): first
/// met at the door, met again, agreed to be known by name, with a plan of their own, and handed
/// over to a regular service for one of its members.
///
/// Trust comes before any plan: a family is "engaged" only at a second contact, and nothing that
/// identifies them exists before they consent.
public enum EngagementStage: String, CaseIterable, Codable, Sendable, Comparable {
    case contacted, engaged, consented, planned, handedOver

    public static func < (lhs: EngagementStage, rhs: EngagementStage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The stage that the family's record shows; nil for a flat no one has been met at yet.
    public static func of(contacts: Int, consented: Bool, hasPlan: Bool, handedOver: Bool) -> EngagementStage? {
        if handedOver { return .handedOver }
        if hasPlan { return .planned }
        if consented { return .consented }
        if contacts >= 2 { return .engaged }
        if contacts == 1 { return .contacted }
        return nil
    }

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .contacted: ("първа среща", "first contact")
            case .engaged: ("в контакт", "engaged")
            case .consented: ("дало съгласие", "consented")
            case .planned: ("със семеен план", "with a family plan")
            case .handedOver: ("насочено към услуга", "handed over")
            }
        return language == .bg ? bg : en
    }
}
