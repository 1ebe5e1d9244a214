/// A task the worker ticks on a visit. The list follows from the service the visit delivers
/// (its skill); the person's own goals from the support plan are shown beside it, in their words.
///
/// Codes are stored, so a task renamed later still reads back; a code outside the list is refused.
public enum VisitTask: String, CaseIterable, Codable, Sendable {
    case hygiene, meals, medication, householdChores, shopping, accompaniment
    case conversation, paperwork
    case emotionalSupport
    case exercises, mobility
    case vitalSigns, woundCare
    case mediationContact, schoolOrClinicLink
    case ride

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .hygiene: ("лична хигиена", "personal hygiene")
            case .meals: ("приготвяне на храна и хранене", "preparing food and eating")
            case .medication: ("лекарства по схемата", "medication as prescribed")
            case .householdChores: ("почистване и пране", "cleaning and laundry")
            case .shopping: ("пазаруване и битови сметки", "shopping and bills")
            case .accompaniment: ("придружаване (лекар, институции)", "accompanying (doctor, offices)")
            case .conversation: ("разговор за целите от плана", "talking through the plan's goals")
            case .paperwork: ("помощ с документи и институции", "help with papers and offices")
            case .emotionalSupport: ("психологическа подкрепа", "psychological support")
            case .exercises: ("упражнения по програмата", "exercises of the programme")
            case .mobility: ("раздвижване и ходене", "mobility and walking")
            case .vitalSigns: ("кръвно налягане, пулс, кръвна захар", "blood pressure, pulse, blood sugar")
            case .woundCare: ("превръзки и грижа за кожата", "dressings and skin care")
            case .mediationContact: ("връзка със семейството и общността", "contact with family and community")
            case .schoolOrClinicLink: ("връзка с училище или лекар", "link with school or doctor")
            case .ride: ("превоз", "the ride")
            }
        return language == .bg ? bg : en
    }

    /// The tasks a visit needing `skill` offers, in the order a visit usually goes.
    public static func tasks(for skill: CareSkill) -> [VisitTask] {
        switch skill {
        case .personalCare: [.hygiene, .meals, .medication, .householdChores, .shopping, .accompaniment]
        case .socialWork: [.conversation, .paperwork]
        case .psychology: [.emotionalSupport, .conversation]
        case .kinesitherapy: [.exercises, .mobility]
        case .medicalCare: [.vitalSigns, .medication, .woundCare]
        case .mediation: [.mediationContact, .schoolOrClinicLink, .paperwork]
        case .transport: [.ride]
        }
    }
}
