/// What a member of a home-care centre's staff can do on a visit (the professions of seed 004).
///
/// A visit needs one skill, which follows from the service it delivers; a member of staff has the
/// skills of their profession unless the coordinator adds or removes some (a social worker who is
/// also a trained mediator).
public enum CareSkill: String, CaseIterable, Codable, Sendable {
    case personalCare, socialWork, psychology, kinesitherapy, medicalCare, mediation, transport

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .personalCare: ("лична грижа и помощ в домакинството", "personal care and help at home")
            case .socialWork: ("социална работа", "social work")
            case .psychology: ("психологическа подкрепа", "psychological support")
            case .kinesitherapy: ("кинезитерапия", "kinesitherapy")
            case .medicalCare: ("здравни грижи", "health care")
            case .mediation: ("социално посредничество", "social mediation")
            case .transport: ("специализиран транспорт", "specialised transport")
            }
        return language == .bg ? bg : en
    }

    /// The skill a visit needs: personal assistance and assistant support are personal care; the
    /// register's type names the others; a one-off visit is personal care unless the coordinator
    /// names another skill.
    public static func needed(for source: DemandVisit.Source) -> CareSkill {
        switch source {
        case .personalAssistance, .oneOff: .personalCare
        case .service(_, let type):
            switch type {
            case .assistantSupport, .dayCare, .residentialCare, .shelter: .personalCare
            case .therapyAndRehabilitation: .kinesitherapy
            case .advocacyAndMediation, .communityWork: .mediation
            case .informationAndConsultation, .skillsTraining, .workSkillsSupport: .socialWork
            }
        }
    }

    /// The skills a profession brings; a manager or coordinator makes no visits.
    public static func defaults(for job: JobTitle) -> Set<CareSkill> {
        switch job {
        case .personalAssistant: [.personalCare]
        case .socialWorker: [.socialWork]
        case .psychologist: [.psychology, .socialWork]
        case .kinesitherapist: [.kinesitherapy]
        case .medicalWorker: [.medicalCare, .personalCare]
        case .socialMediator: [.mediation]
        case .driver: [.transport]
        case .coordinator, .manager: []
        }
    }
}
