import Foundation

/// A redirect target that a form names (`back=`), accepted only as a path of this site.
///
/// A value is followed only when it is an absolute path made of printable ASCII without a
/// backslash: browsers read `/\evil.example` as another host, and a CR or LF would let the value
/// write headers of its own into the redirect.
enum LocalPath {
    static func parse(_ raw: String?) -> String? {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), raw.utf8.count <= 2000 else { return nil }
        guard raw.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) && $0 != "\\" }) else { return nil }
        guard let components = URLComponents(string: raw), components.scheme == nil, components.host == nil,
            components.path.hasPrefix("/"), !components.path.hasPrefix("//")
        else { return nil }
        return raw
    }
}
