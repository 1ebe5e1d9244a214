import Crypto
import Fluent
import Foundation

/// One random key per data subject (a person served), under which the audit trail seals the
/// values of that subject's fields.
///
/// The trail is hash-chained and can never be edited, so a value written into it in clear could
/// never be erased. Sealed under a key of its own, it can: erasure destroys the key
/// (crypto-shredding), the sealed bytes stay and the chain still verifies, and what they held is
/// gone. The key itself is stored sealed with the data key.
final class SubjectKey: Model, @unchecked Sendable {
    static let schema = "audit_subject_keys"

    @ID(custom: "subject", generatedBy: .user) var id: String?
    @Field(key: "key_sealed") var keySealed: String

    init() {}
}

struct CreateSubjectKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SubjectKey.schema)
            .field("subject", .string, .identifier(auto: false))
            .field("key_sealed", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SubjectKey.schema).delete()
    }
}

/// Whose field values an audit event seals, and the data key that guards the subject keys.
struct AuditSubject: Sendable {
    var recordType: String
    var id: String
    var dataKey: DataKey

    /// Audit values of these records are personal data of someone who may ask for erasure.
    static let sealedRecordTypes: Set<String> = ["person"]

    var name: String { "\(recordType):\(id)" }
}

enum SubjectKeys {
    static let sealedPrefix = "sealed:"

    /// The subject's key, created on first use inside the caller's transaction.
    static func key(for subject: AuditSubject, on db: any Database) async throws -> SymmetricKey {
        if let found = try await SubjectKey.find(subject.name, on: db) {
            return SymmetricKey(data: Data(base64Encoded: try subject.dataKey.open(found.keySealed)) ?? Data())
        }
        let key = SymmetricKey(size: .bits256)
        let record = SubjectKey()
        record.id = subject.name
        record.keySealed = try subject.dataKey.seal(key.withUnsafeBytes { Data($0).base64EncodedString() })
        try await record.create(on: db)
        return key
    }

    /// Destroys the key: every value sealed under it becomes unreadable for good.
    static func destroy(_ subject: AuditSubject, on db: any Database) async throws {
        try await SubjectKey.query(on: db).filter(\.$id == subject.name).delete()
    }

    /// A value sealed under the subject's key, or the value itself when it was not sealed;
    /// `nil` once the key is destroyed or the value does not open.
    static func open(_ value: String, with key: SymmetricKey) -> String? {
        guard value.hasPrefix(sealedPrefix) else { return value }
        guard let data = Data(base64Encoded: String(value.dropFirst(sealedPrefix.count))),
            let box = try? AES.GCM.SealedBox(combined: data), let opened = try? AES.GCM.open(box, using: key)
        else { return nil }
        return String(decoding: opened, as: UTF8.self)
    }

    /// The subject's key if it exists; reading never creates one.
    static func existingKey(for subject: AuditSubject, on db: any Database) async throws -> SymmetricKey? {
        guard let found = try await SubjectKey.find(subject.name, on: db) else { return nil }
        return SymmetricKey(data: Data(base64Encoded: try subject.dataKey.open(found.keySealed)) ?? Data())
    }

    static func seal(_ value: String, with key: SymmetricKey) throws -> String {
        sealedPrefix + (try AES.GCM.seal(Data(value.utf8), using: key).combined!.base64EncodedString())
    }
}
