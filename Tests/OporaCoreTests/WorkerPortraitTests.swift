import OporaCore
import Testing

@Suite("A worker's photo: only with agreement, only a picture, and without where and when it was taken")
struct WorkerPortraitTests {
    static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    /// A JPEG's structure: JFIF header, EXIF with a place, a comment, a table, the scan, the end.
    static var jpeg: [UInt8] {
        [0xFF, 0xD8] + segment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
            + segment(0xE1, Array("Exif\0\0GPS 42.2830 22.6911".utf8))
            + segment(0xFE, Array("taken at home".utf8))
            + segment(0xDB, [0] + Array(repeating: 1, count: 64))
            + segment(0xDA, [1, 1, 0, 0, 0x3F, 0]) + [0x12, 0x34, 0x56] + [0xFF, 0xD9]
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let n = data.count
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8) + data
            + [0, 0, 0, 0]
    }

    static var png: [UInt8] {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", Array(repeating: 0, count: 13))
            + chunk("tEXt", Array("Location\0Kyustendil".utf8)) + chunk("eXIf", Array("GPS".utf8))
            + chunk("IDAT", [1, 2, 3]) + chunk("IEND", [])
    }

    func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        return bytes.indices.contains { bytes[$0...].starts(with: needle) }
    }

    @Test("A JPEG keeps its picture and loses its EXIF and comments")
    func jpegMetadataDropped() throws {
        let accepted = try WorkerPortrait.accept(Self.jpeg, agreed: true)
        #expect(accepted.kind == .jpeg)
        #expect(!contains(accepted.bytes, "GPS") && !contains(accepted.bytes, "taken at home"))
        #expect(contains(accepted.bytes, "JFIF"))
        #expect(accepted.bytes.suffix(5) == [0x12, 0x34, 0x56, 0xFF, 0xD9])
        #expect(
            accepted.bytes.count == Self.jpeg.count
                - Self.segment(0xE1, Array("Exif\0\0GPS 42.2830 22.6911".utf8)).count
                - Self.segment(0xFE, Array("taken at home".utf8)).count
        )
    }

    @Test("A PNG keeps the chunks it is drawn from and loses its text and EXIF")
    func pngMetadataDropped() throws {
        let accepted = try WorkerPortrait.accept(Self.png, agreed: true)
        #expect(accepted.kind == .png && accepted.kind.contentType == "image/png")
        #expect(!contains(accepted.bytes, "Kyustendil") && !contains(accepted.bytes, "eXIf"))
        #expect(
            contains(accepted.bytes, "IHDR") && contains(accepted.bytes, "IDAT") && contains(accepted.bytes, "IEND")
        )
    }

    @Test("Refused: without agreement, empty, too large, not a picture, cut short")
    func refusals() {
        #expect(throws: PortraitProblem.noAgreement) { try WorkerPortrait.accept(Self.jpeg, agreed: false) }
        #expect(throws: PortraitProblem.empty) { try WorkerPortrait.accept([], agreed: true) }
        #expect(throws: PortraitProblem.tooLarge) {
            try WorkerPortrait.accept(Self.jpeg + Array(repeating: 0, count: WorkerPortrait.maximumBytes), agreed: true)
        }
        #expect(throws: PortraitProblem.notAPicture) { try WorkerPortrait.accept(Array("<svg/>".utf8), agreed: true) }
        #expect(throws: PortraitProblem.damaged) {
            try WorkerPortrait.accept(Array(Self.jpeg.prefix(30)), agreed: true)
        }
        #expect(throws: PortraitProblem.damaged) {
            try WorkerPortrait.accept(Array(Self.jpeg.dropLast(2)), agreed: true)
        }
        #expect(throws: PortraitProblem.damaged) {
            try WorkerPortrait.accept(Array(Self.png.dropLast(12)), agreed: true)
        }
        // A length that points past the end is refused, not read.
        #expect(throws: PortraitProblem.damaged) {
            try WorkerPortrait.accept([0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 0, 0], agreed: true)
        }
        #expect(throws: PortraitProblem.damaged) {
            try WorkerPortrait.accept(
                [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0xFF, 0xFF, 0xFF] + Array("IHDR".utf8) + [
                    0, 0, 0, 0,
                ],
                agreed: true
            )
        }
    }
}
