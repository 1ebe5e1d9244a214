import Vapor

/// The form decoder every page uses: Vapor's own, after the body's line breaks are made LF.
///
/// Browsers send a textarea's line breaks as CR LF, and Swift's `split(separator: "\n")` does not
/// split "\r\n" (one grapheme): goals typed one per line were saved as one goal. Normalising here,
/// where every form body is read, covers every multi-line field at once.
struct FormLineEndings: ContentDecoder {
    private let base = URLEncodedFormDecoder()

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(D.self, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(
        _ decodable: D.Type,
        from body: ByteBuffer,
        headers: HTTPHeaders,
        userInfo: [CodingUserInfoKey: any Sendable]
    ) throws -> D {
        let text = String(buffer: body)
        guard text.range(of: "%0D", options: .caseInsensitive) != nil else {
            return try base.decode(D.self, from: body, headers: headers, userInfo: userInfo)
        }
        let normalised = text.replacingOccurrences(of: "%0D%0A", with: "%0A", options: .caseInsensitive)
            .replacingOccurrences(of: "%0D", with: "%0A", options: .caseInsensitive)
        return try base.decode(D.self, from: ByteBuffer(string: normalised), headers: headers, userInfo: userInfo)
    }
}
