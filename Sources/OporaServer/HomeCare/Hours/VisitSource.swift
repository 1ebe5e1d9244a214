import Foundation
import OporaCore

/// What a published visit delivers, read back from the key `WeekDemandBuilder` gave it
/// (`case/day/source/ordinal`, or `extra/change` for a coordinator's one-off visit): personal
/// assistance, a service of the register, or a one-off visit.
enum VisitSource: Hashable, Sendable {
    case personalAssistance
    case service(UUID)
    case oneOff

    init(visitKey: String) {
        let parts = visitKey.split(separator: "/", omittingEmptySubsequences: false)
        if parts.first == "extra" || parts.count < 3 {
            self = .oneOff
        } else if parts[2] == "pa" {
            self = .personalAssistance
        } else if let id = UUID(uuidString: String(parts[2])) {
            self = .service(id)
        } else {
            self = .oneOff
        }
    }

    /// The part of the key that names the source, for reading many keys with one parse each.
    static func component(of visitKey: String) -> Substring {
        if visitKey.hasPrefix("extra/") { return "extra" }
        let parts = visitKey.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        return parts.count >= 3 ? parts[2] : ""
    }

    var serviceID: UUID? {
        if case .service(let id) = self { return id }
        return nil
    }

    /// A stable text for grouping and exports.
    var code: String {
        switch self {
        case .personalAssistance: "pa"
        case .service(let id): id.uuidString
        case .oneOff: "extra"
        }
    }
}
