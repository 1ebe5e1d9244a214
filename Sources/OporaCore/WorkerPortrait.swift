import Foundation

/// A worker's photo, shown to the people they visit only if the worker agreed (issue 18, "My
/// week"): the person sees the face of who is at the door.
///
/// A phone's photo carries where and when it was taken (EXIF, XMP, text chunks); none of that is
/// the person's business, so every metadata block is dropped and only the picture is kept.
public enum WorkerPortrait {
    /// The page shrinks a photo to this before sending it; a larger one is refused, not stored.
    public static let maximumBytes = 400_000

    public enum Kind: String, Sendable {
        case jpeg, png

        public var contentType: String {
            switch self {
            case .jpeg: "image/jpeg"
            case .png: "image/png"
            }
        }
    }

    /// The picture without its metadata, and its kind; refused when the worker did not agree, the
    /// file is empty, too large, or not a whole JPEG or PNG.
    public static func accept(_ bytes: [UInt8], agreed: Bool) throws(PortraitProblem) -> (bytes: [UInt8], kind: Kind) {
        guard agreed else { throw .noAgreement }
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= maximumBytes else { throw .tooLarge }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return (try jpegWithoutMetadata(bytes), .jpeg) }
        if bytes.starts(with: pngSignature) { return (try pngWithoutMetadata(bytes), .png) }
        throw .notAPicture
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Drops the application segments (APP1 to APP15: EXIF, XMP, maker notes) and comments; keeps
    /// the JFIF header, the tables and the image data from the start of scan onwards.
    static func jpegWithoutMetadata(_ bytes: [UInt8]) throws(PortraitProblem) -> [UInt8] {
        var out: [UInt8] = [0xFF, 0xD8]
        var at = 2
        while at + 4 <= bytes.count {
            guard bytes[at] == 0xFF else { throw .damaged }
            let marker = bytes[at + 1]
            if marker == 0xFF {
                at += 1
                continue
            }
            let length = Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            guard length >= 2, at + 2 + length <= bytes.count else { throw .damaged }
            let segment = bytes[at..<(at + 2 + length)]
            if marker == 0xDA {
                out += bytes[at...]
                guard out.suffix(2).elementsEqual([0xFF, 0xD9]) else { throw .damaged }
                return out
            }
            let isMetadata = (0xE1...0xEF).contains(marker) || marker == 0xFE
            if !isMetadata { out += segment }
            at += 2 + length
        }
        throw .damaged
    }

    /// Keeps the chunks a picture needs to be drawn; drops text, EXIF and time chunks.
    static func pngWithoutMetadata(_ bytes: [UInt8]) throws(PortraitProblem) -> [UInt8] {
        let dropped: Set<String> = ["eXIf", "tEXt", "iTXt", "zTXt", "tIME"]
        var out = pngSignature
        var at = pngSignature.count
        while at + 12 <= bytes.count {
            let length = bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) }
            guard length <= bytes.count, at + 12 + length <= bytes.count else { throw .damaged }
            let type = String(decoding: bytes[(at + 4)..<(at + 8)], as: UTF8.self)
            let chunk = bytes[at..<(at + 12 + length)]
            if !dropped.contains(type) { out += chunk }
            at += 12 + length
            if type == "IEND" { return out }
        }
        throw .damaged
    }
}

public enum PortraitProblem: LocalizedProblem, Equatable {
    case noAgreement, empty, tooLarge, notAPicture, damaged

    public var code: String {
        switch self {
        case .noAgreement: "portrait.noAgreement"
        case .empty: "portrait.empty"
        case .tooLarge: "portrait.tooLarge"
        case .notAPicture: "portrait.notAPicture"
        case .damaged: "portrait.damaged"
        }
    }

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.noAgreement, .bg):
            "Снимката се показва само с ваше съгласие. Отметнете, че сте съгласни, или не качвайте снимка."
        case (.noAgreement, .en): "The photo is shown only if you agree. Tick that you agree, or do not send a photo."
        case (.empty, .bg): "Изберете снимка от телефона или компютъра."
        case (.empty, .en): "Choose a photo from your phone or computer."
        case (.tooLarge, .bg):
            "Снимката е твърде голяма: най-много \(WorkerPortrait.maximumBytes / 1000) KB. Страницата я смалява сама, ако браузърът позволява JavaScript."
        case (.tooLarge, .en):
            "The photo is too large: at most \(WorkerPortrait.maximumBytes / 1000) KB. The page shrinks it for you when the browser allows JavaScript."
        case (.notAPicture, .bg): "Файлът не е снимка във формат JPEG или PNG."
        case (.notAPicture, .en): "The file is not a JPEG or PNG photo."
        case (.damaged, .bg): "Снимката е повредена или непълна. Опитайте с друга."
        case (.damaged, .en): "The photo is damaged or incomplete. Try another one."
        }
    }
}
