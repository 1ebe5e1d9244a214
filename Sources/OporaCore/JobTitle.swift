/// The job of a staff member at a provider (issue 2, "Territory and organisations").
public enum JobTitle: String, CaseIterable, Codable, Sendable {
    case socialWorker, psychologist, kinesitherapist, medicalWorker, socialMediator
    case personalAssistant, driver, coordinator, manager

    public func label(in language: Language) -> String {
        let (bg, en): (String, String) =
            switch self {
            case .socialWorker: ("социален работник", "social worker")
            case .psychologist: ("психолог", "psychologist")
            case .kinesitherapist: ("кинезитерапевт", "kinesitherapist")
            case .medicalWorker: ("медицински работник", "medical worker")
            case .socialMediator: ("социален медиатор", "social mediator")
            case .personalAssistant: ("личен асистент", "personal assistant")
            case .driver: ("шофьор", "driver")
            case .coordinator: ("координатор", "coordinator")
            case .manager: ("ръководител", "manager")
            }
        return language == .bg ? bg : en
    }
}
