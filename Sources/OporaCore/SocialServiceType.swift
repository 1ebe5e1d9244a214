/// The ten types of social service by main activity in the Social Services Act
/// (Закон за социалните услуги, SG No 24/2019, in force 1.07.2020); DOMAIN §1.2.
public enum SocialServiceType: String, CaseIterable, Codable, Sendable {
    case informationAndConsultation
    case advocacyAndMediation
    case communityWork
    case therapyAndRehabilitation
    case skillsTraining
    case workSkillsSupport
    case dayCare
    case residentialCare
    case shelter
    case assistantSupport

    /// Whether a private provider needs an АКСУ licence for this type. The Act introduced
    /// licensing of all private providers for every type (DOMAIN §1.4, S6, S7); no type is
    /// exempt in the sources reached. Whether a particular provider needs one also depends on
    /// who it is: see `licenceRequired(by:)`.
    public var requiresLicence: Bool { true }

    /// A municipality providing a service itself needs no licence; everyone else needs one
    /// where the type requires it.
    public func licenceRequired(by provider: ProviderKind) -> Bool {
        requiresLicence && provider.needsLicence
    }

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .informationAndConsultation: ("информиране и консултиране", "information and consultation")
            case .advocacyAndMediation: ("застъпничество и посредничество", "advocacy and mediation")
            case .communityWork: ("общностна работа", "community work")
            case .therapyAndRehabilitation: ("терапия и рехабилитация", "therapy and rehabilitation")
            case .skillsTraining: ("обучение за придобиване на умения", "training to acquire skills")
            case .workSkillsSupport: ("подкрепа за придобиване на трудови умения", "support to acquire work skills")
            case .dayCare: ("дневна грижа", "day care")
            case .residentialCare: ("резидентна грижа", "residential care")
            case .shelter: ("осигуряване на подслон", "provision of shelter")
            case .assistantSupport: ("асистентска подкрепа", "assistant support")
            }
        return language == .bg ? bg : en
    }
}
