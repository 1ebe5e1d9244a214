import Fluent

/// Case notes gain the person's agreement that visiting workers may read them; older notes
/// have none, so they stay with the case team.
struct ShareNotesWithVisits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CaseNote.schema).field("for_visiting_workers", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseNote.schema).deleteField("for_visiting_workers").update()
    }
}
