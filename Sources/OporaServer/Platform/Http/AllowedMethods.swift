import Vapor

/// The methods a path answers to, for a request that used another one: such a request gets
/// 405 with `Allow` (RFC 9110 §15.5.6), so a client learns the path exists and what it takes.
enum AllowedMethods {
    static func allowed(for path: String, in routes: [Route]) -> [String] {
        let parts = path.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
        var methods = Set(routes.filter { matches($0.path, parts) }.map(\.method.rawValue))
        if methods.contains("GET") { methods.insert("HEAD") }
        return methods.sorted()
    }

    private static func matches(_ route: [PathComponent], _ parts: [String]) -> Bool {
        var index = 0
        for component in route {
            if case .catchall = component { return index < parts.count }
            guard index < parts.count else { return false }
            if case .constant(let constant) = component, constant != parts[index] { return false }
            index += 1
        }
        return index == parts.count
    }
}
