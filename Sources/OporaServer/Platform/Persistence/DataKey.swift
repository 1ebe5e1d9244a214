import Crypto
import Foundation
import Vapor

/// The AES-GCM key that seals sensitive personal data at rest.
///
/// From `OPORA_DATA_KEY`, or else from `data.key` in the data directory, created on first start
/// with mode 0600 so that only Opora's user can read it.
/// `SymmetricKey` is an immutable value that swift-crypto has not yet marked `Sendable`.
struct DataKey: @unchecked Sendable {
    let key: SymmetricKey

    static func load(configuration: OporaConfiguration) throws -> DataKey {
        if let base64 = configuration.dataKey, let data = Data(base64Encoded: base64), data.count == 32 {
            return DataKey(key: SymmetricKey(data: data))
        }
        let path = (configuration.dataDirectory as NSString).appendingPathComponent("data.key")
        let files = FileManager.default
        if let existing = files.contents(atPath: path) {
            guard
                let data = Data(
                    base64Encoded: String(decoding: existing, as: UTF8.self).trimmingCharacters(
                        in: .whitespacesAndNewlines
                    )
                ),
                data.count == 32
            else { throw DataKeyUnreadable(path: path) }
            return DataKey(key: SymmetricKey(data: data))
        }
        try files.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        let key = SymmetricKey(size: .bits256)
        let encoded = key.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
        guard files.createFile(atPath: path, contents: Data(encoded.utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw DataKeyUnreadable(path: path)
        }
        return DataKey(key: key)
    }

    /// Base64 of nonce, ciphertext and tag.
    func seal(_ plaintext: String) throws -> String {
        try AES.GCM.seal(Data(plaintext.utf8), using: key).combined!.base64EncodedString()
    }

    func open(_ sealed: String) throws -> String {
        guard let data = Data(base64Encoded: sealed) else { throw DataKeyUnreadable(path: "sealed value") }
        return String(decoding: try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key), as: UTF8.self)
    }

    /// A keyed hash for exact lookups (an ЕГН) without storing the value in the clear.
    func lookupHash(_ value: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }
}

struct DataKeyUnreadable: Error, CustomStringConvertible {
    let path: String
    var description: String { "The data key at \(path) is not 32 bytes of base64" }
}

extension Application {
    private struct DataKeyKey: StorageKey { typealias Value = DataKey }

    var dataKey: DataKey {
        get {
            guard let key = storage[DataKeyKey.self] else { fatalError("configure(_:) has not loaded the data key") }
            return key
        }
        set { storage[DataKeyKey.self] = newValue }
    }
}
