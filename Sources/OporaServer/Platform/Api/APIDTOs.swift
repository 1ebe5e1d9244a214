import Foundation
import OporaCore

/// Response bodies of `/api/v1`: camelCase, never a Fluent model.
struct MeDTO: Codable, Sendable {
    struct Grant: Codable, Sendable {
        var role: String
        var scopeKind: String
        var scopeCode: String
    }

    var id: UUID
    var username: String
    var displayName: String
    var language: String
    var providerId: UUID?
    var grants: [Grant]
}

struct TokenDTO: Codable, Sendable {
    var id: UUID
    var name: String
    var createdAt: Date
    var lastUsedAt: Date?
    var expiresAt: Date
}

struct NewTokenDTO: Codable, Sendable {
    var id: UUID
    var name: String
    /// Shown once; only its digest is kept.
    var token: String
    var expiresAt: Date
}

struct ListDTO<Item: Codable & Sendable>: Codable, Sendable {
    var items: [Item]
    var page: Int
    var perPage: Int
    var total: Int
    /// Only for searches that stop counting at a limit: then `total` is a lower bound.
    var totalIsExact: Bool?
}
