/// Where a service is delivered (DOMAIN §1.2, classification by place).
public enum DeliverySetting: String, CaseIterable, Codable, Sendable {
    case atHome, inCommunity, residential

    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.atHome, .bg): "в дома"
        case (.atHome, .en): "at home"
        case (.inCommunity, .bg): "в общността"
        case (.inCommunity, .en): "in the community"
        case (.residential, .bg): "резидентно"
        case (.residential, .en): "residential"
        }
    }
}
