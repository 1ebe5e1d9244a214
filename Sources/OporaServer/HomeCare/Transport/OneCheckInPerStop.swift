import Fluent
import SQLKit

/// A check-in belongs to the trip's stop, whichever plan of the day it was made under: planning
/// the day again keeps it, and a second phone at the same stop under a newer plan finds it.
struct OneCheckInPerStop: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql()
            .raw("CREATE UNIQUE INDEX home_care_trip_check_ins_stop ON home_care_trip_check_ins (trip_id, back, kind)")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP INDEX home_care_trip_check_ins_stop").run()
    }
}
