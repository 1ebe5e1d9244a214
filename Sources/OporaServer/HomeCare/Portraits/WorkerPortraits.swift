import Fluent
import Foundation
import OporaCore
import Vapor

/// Workers' photos for the pages of the people they visit: read by them through this, never from
/// the photos table.
enum WorkerPortraits {
    /// Which of `workers` have a photo the people they visit may see. The workers were reached
    /// through visits found in the caller's scope.
    static func shown(_ workers: Set<UUID>, on db: any Database) async throws -> Set<UUID> {
        guard !workers.isEmpty else { return [] }
        return Set(
            try await Scoped.unscoped(WorkerPortraitRecord.self, on: db, .throughParent)
                .filter(\.$userID ~~ Array(workers)).all(\.$userID)
        )
    }

    /// The worker's photo, if they agreed to show one; the worker was reached as above.
    static func image(
        of worker: UUID,
        key: DataKey,
        on db: any Database
    ) async throws -> (
        bytes: [UInt8], kind: WorkerPortrait.Kind
    )? {
        guard
            let record = try await Scoped.unscoped(WorkerPortraitRecord.self, on: db, .throughParent)
                .filter(\.$userID == worker).first(),
            let kind = WorkerPortrait.Kind(rawValue: record.kind),
            let bytes = Data(base64Encoded: try key.open(record.imageSealed))
        else { return nil }
        return ([UInt8](bytes), kind)
    }

    /// A photo is personal data: not kept by shared caches, and kept by the browser only briefly.
    static func response(_ bytes: [UInt8], _ kind: WorkerPortrait.Kind) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "image", subType: kind == .jpeg ? "jpeg" : "png")
        headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=300")
        return Response(status: .ok, headers: headers, body: .init(data: Data(bytes)))
    }
}
