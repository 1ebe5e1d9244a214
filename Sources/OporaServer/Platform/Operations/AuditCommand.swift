import Fluent
import Vapor

/// `opora audit verify`: walks the hash chain and names the first broken link.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify")
        var action: String
    }

    var help: String { "Audit trail tools: `audit verify` checks the hash chain" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "verify" else {
            throw CommandUsage(message: "Unknown audit action '\(signature.action)'; use: opora audit verify")
        }
        let result = try await AuditTrail.verify(on: context.application.db)
        if let broken = result.firstBreak {
            context.console.error(
                "Audit trail BROKEN at entry \(broken.seq): \(broken.reason) (\(result.checked) entries verified before it)"
            )
            throw AuditChainBroken(seq: broken.seq)
        }
        context.console.print("Audit trail intact: \(result.checked) entries verified.")
    }
}

struct AuditChainBroken: Error, CustomStringConvertible {
    let seq: Int
    var description: String { "audit chain broken at entry \(seq)" }
}

struct CommandUsage: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
