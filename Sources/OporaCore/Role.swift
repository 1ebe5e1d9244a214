/// What a user may do; each grant comes with a scope (DESIGN, "Roles and scope").
public enum Role: String, CaseIterable, Codable, Sendable {
    case administrator, regionalPlanner, inspector, municipalDirector, providerManager
    case coordinator, caseWorker, careWorker, workshopFacilitator
    /// Door-to-door work in a neighbourhood ("staircase to staircase"): the families met there.
    case outreachWorker
    /// A person served, or their legal representative, on their own page; the grant names the file.
    case serviceUser

    /// The roles an administrator grants; a service user's comes only with their invitation code.
    public static var staff: [Role] { allCases.filter { $0 != .serviceUser } }

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .administrator: ("администратор", "administrator")
            case .regionalPlanner: ("регионален планиращ експерт", "regional planner")
            case .inspector: ("инспектор", "inspector")
            case .municipalDirector: ("директор социални дейности в общината", "municipal social-services director")
            case .providerManager: ("ръководител на доставчик", "provider manager")
            case .coordinator: ("координатор", "coordinator")
            case .caseWorker: ("социален работник", "case worker")
            case .careWorker: ("личен асистент / домашен помощник", "care worker")
            case .workshopFacilitator: ("фасилитатор на работилници", "workshop facilitator")
            case .outreachWorker: ("социален работник на терен", "outreach worker")
            case .serviceUser: ("потребител на услуги", "service user")
            }
        return language == .bg ? bg : en
    }
}
