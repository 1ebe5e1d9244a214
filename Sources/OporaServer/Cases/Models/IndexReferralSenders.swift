import Fluent
import SQLKit

/// A provider's referrals are those it sent or received; without an index on the sender the
/// dashboard's "waiting for an answer" read every referral in the country.
struct IndexReferralSenders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql().raw("CREATE INDEX referrals_from ON referrals (from_provider_id, status)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP INDEX referrals_from").run()
    }
}
