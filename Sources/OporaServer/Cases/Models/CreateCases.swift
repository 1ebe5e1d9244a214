import Fluent
import SQLKit

/// People, consents, cases with their transitions and notes, assessments, plan versions and
/// referrals; and the index that finds a person by any part of a name.
struct CreateCases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Person.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .field("given_name", .string, .required)
            .field("middle_name", .string, .required)
            .field("family_name", .string, .required)
            .field("name_latin", .string, .required)
            .field("search_text", .string, .required)
            .field("sort_key", .string, .required)
            .field("identifier_type", .string, .required)
            .field("identifier_sealed", .string)
            .field("identifier_hash", .string)
            .field("birth_date", .string)
            .field("sex", .string)
            .field("settlement_ekatte", .string, .required, .references("settlements", "ekatte"))
            .field("municipality_code", .string, .required)
            .field("oblast_code", .string, .required)
            .field("address_sealed", .string)
            .field("phone", .string)
            .field("target_groups", .string, .required)
            .field("health_sealed", .string)
            .field("provider_id", .uuid, .required, .references(Provider.schema, "id", onDelete: .restrict))
            .field("anonymised", .bool, .required)
            .unique(on: "identifier_hash")
            .create()
        try await database.schema(SharingConsent.schema)
            .id()
            .field("person_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("recipient_provider_id", .uuid, .required, .references(Provider.schema, "id", onDelete: .restrict))
            .field("categories", .string, .required)
            .field("given_on", .string, .required)
            .field("withdrawn_on", .string)
            .create()
        try await database.schema(SupportCase.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .field("person_id", .uuid, .required, .references(Person.schema, "id", onDelete: .restrict))
            .field("provider_id", .uuid, .required, .references(Provider.schema, "id", onDelete: .restrict))
            .field("municipality_code", .string, .required)
            .field("oblast_code", .string, .required)
            .field("case_worker_id", .uuid, .references(User.schema, "id", onDelete: .setNull))
            .field("state", .string, .required)
            .field("referral_source", .string, .required)
            .field("legal_basis", .string, .required)
            .field("request_sealed", .string, .required)
            .field("opened_on", .string, .required)
            .field("plan_number", .int, .required)
            .create()
        try await database.schema(CaseTransitionRecord.schema)
            .id()
            .field("case_id", .uuid, .required, .references(SupportCase.schema, "id", onDelete: .cascade))
            .field("from_state", .string, .required)
            .field("to_state", .string, .required)
            .field("reason_sealed", .string, .required)
            .field("by_name", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await database.schema(CaseNote.schema)
            .id()
            .field("case_id", .uuid, .required, .references(SupportCase.schema, "id", onDelete: .cascade))
            .field("author_id", .uuid)
            .field("author_name", .string, .required)
            .field("at", .datetime, .required)
            .field("text_sealed", .string, .required)
            .create()
        try await database.schema(Assessment.schema)
            .id()
            .field("case_id", .uuid, .required, .references(SupportCase.schema, "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("barthel_total", .int, .required)
            .field("lawton_total", .int, .required)
            .field("content_sealed", .string, .required)
            .field("dependence_degree", .int)
            .field("signed_on", .string, .required)
            .field("signed_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(SupportPlanVersion.schema)
            .id()
            .field("case_id", .uuid, .required, .references(SupportCase.schema, "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("plan_sealed", .string, .required)
            .field("review_date", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "case_id", "number")
            .create()
        try await database.schema(Referral.schema)
            .id()
            .field("version", .int, .required)
            .field("case_id", .uuid, .required, .references(SupportCase.schema, "id", onDelete: .cascade))
            .field("from_provider_id", .uuid, .required, .references(Provider.schema, "id", onDelete: .restrict))
            .field("to_provider_id", .uuid, .references(Provider.schema, "id", onDelete: .restrict))
            .field("to_service_id", .uuid)
            .field("outside_service", .string)
            .field("to_municipality_code", .string)
            .field("to_oblast_code", .string)
            .field("status", .string, .required)
            .field("decline_reason", .string)
            .field("shared_sealed", .string, .required)
            .field("sent_at", .datetime, .required)
            .field("decided_at", .datetime)
            .create()
        let sql = try database.sql()
        for statement in [
            "CREATE INDEX people_provider ON people (provider_id, sort_key)",
            "CREATE INDEX people_municipality ON people (municipality_code, sort_key)",
            "CREATE INDEX people_settlement ON people (settlement_ekatte)",
            "CREATE INDEX cases_person ON cases (person_id)",
            "CREATE INDEX cases_provider_state ON cases (provider_id, state)",
            "CREATE INDEX cases_worker ON cases (case_worker_id, state)",
            "CREATE INDEX assessments_person ON assessments (person_id, signed_on)",
            "CREATE INDEX referrals_to ON referrals (to_provider_id, status)",
            "CREATE INDEX referrals_case ON referrals (case_id)",
            "CREATE INDEX consents_person ON consents (person_id)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
        try await NameIndex.create(on: database)
    }

    func revert(on database: any Database) async throws {
        try await NameIndex.drop(on: database)
        for schema in [
            Referral.schema, SupportPlanVersion.schema, Assessment.schema, CaseNote.schema, CaseTransitionRecord.schema,
            SupportCase.schema, SharingConsent.schema, Person.schema,
        ] {
            try await database.schema(schema).delete()
        }
    }
}

/// Finding a person by any part of a name needs a trigram index: SQLite's FTS5 trigram tokenizer
/// (kept current by triggers), PostgreSQL's pg_trgm GIN index.
enum NameIndex {
    static func create(on database: any Database) async throws {
        let sql = try database.sql()
        if database.isPostgres {
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public").run()
            try await sql.raw("CREATE INDEX people_search_trgm ON people USING gin (search_text public.gin_trgm_ops)")
                .run()
        } else {
            try await sql.raw(
                "CREATE VIRTUAL TABLE people_fts USING fts5(search_text, content='people', content_rowid='rowid', tokenize='trigram')"
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
                  INSERT INTO people_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
                END
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
                  INSERT INTO people_fts(people_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
                END
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER people_fts_update AFTER UPDATE OF search_text ON people BEGIN
                  INSERT INTO people_fts(people_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
                  INSERT INTO people_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
                END
                """
            ).run()
        }
    }

    static func drop(on database: any Database) async throws {
        let sql = try database.sql()
        if database.isPostgres {
            try await sql.raw("DROP INDEX IF EXISTS people_search_trgm").run()
        } else {
            for trigger in ["people_fts_insert", "people_fts_delete", "people_fts_update"] {
                try await sql.raw("DROP TRIGGER IF EXISTS \(ident: trigger)").run()
            }
            try await sql.raw("DROP TABLE IF EXISTS people_fts").run()
        }
    }
}
