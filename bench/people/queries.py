"""The SQL the server runs, copied from its debug log (LOG_LEVEL=debug, Fluent 4 / SQLiteKit / PostgresKit).

Captured on 2026-11-25 from `opora serve` (SQLite and PostgreSQL) with the demo case worker
(scope: one provider) and the demo director (scope: one municipality):

  GET /api/v1/people?q=<fragment>  -> COUNT + page (Fluent `paginate`)
  GET /api/v1/people?q=<10 digits> -> COUNT + page on identifier_hash IN (egn hash, lnch hash)
  GET /api/v1/people/{id}          -> one SELECT ... LIMIT 1, then the audit append transaction

There is no dashboard endpoint yet (CaseDeadlines in OporaCore holds the date rules only); the
DASHBOARD statements below are written the way Fluent would emit them, for the query the issue
describes (step 6: my cases, reviews due in 14 days, new referrals, assessments older than a year).
"""

PEOPLE_COLS = (
    '"people"."id" AS "people_id", "people"."created_at" AS "people_created_at", "people"."updated_at" AS "people_updated_at", '
    '"people"."version" AS "people_version", "people"."given_name" AS "people_given_name", "people"."middle_name" AS "people_middle_name", '
    '"people"."family_name" AS "people_family_name", "people"."name_latin" AS "people_name_latin", "people"."search_text" AS "people_search_text", '
    '"people"."sort_key" AS "people_sort_key", "people"."identifier_type" AS "people_identifier_type", '
    '"people"."identifier_sealed" AS "people_identifier_sealed", "people"."identifier_hash" AS "people_identifier_hash", '
    '"people"."birth_date" AS "people_birth_date", "people"."sex" AS "people_sex", "people"."settlement_ekatte" AS "people_settlement_ekatte", '
    '"people"."municipality_code" AS "people_municipality_code", "people"."oblast_code" AS "people_oblast_code", '
    '"people"."address_sealed" AS "people_address_sealed", "people"."phone" AS "people_phone", "people"."target_groups" AS "people_target_groups", '
    '"people"."health_sealed" AS "people_health_sealed", "people"."provider_id" AS "people_provider_id", "people"."anonymised" AS "people_anonymised"'
)
PAGE_TAIL = ' ORDER BY "people"."sort_key" ASC, "people"."id" ASC LIMIT 50 OFFSET 0'

AUDIT_LAST = (
    'SELECT "audit_events"."id" AS "audit_events_id", "audit_events"."seq" AS "audit_events_seq", "audit_events"."at" AS "audit_events_at", '
    '"audit_events"."actor_id" AS "audit_events_actor_id", "audit_events"."actor_name" AS "audit_events_actor_name", '
    '"audit_events"."action" AS "audit_events_action", "audit_events"."record_type" AS "audit_events_record_type", '
    '"audit_events"."record_id" AS "audit_events_record_id", "audit_events"."changes" AS "audit_events_changes", '
    '"audit_events"."address" AS "audit_events_address", "audit_events"."prev_hash" AS "audit_events_prev_hash", '
    '"audit_events"."hash" AS "audit_events_hash" FROM "audit_events" ORDER BY "audit_events"."seq" DESC LIMIT 1'
)
AUDIT_INSERT_SQLITE = (
    'INSERT INTO "audit_events" ("id", "seq", "at", "actor_id", "actor_name", "action", "record_type", "record_id", "changes", '
    '"address", "prev_hash", "hash") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING "id"'
)
AUDIT_LOCK_PG = "SELECT pg_advisory_xact_lock(7209031)"

# --- scope filters exactly as AccessScope.restrict renders them -----------------------------------
SCOPE = {
    "provider": {"sqlite": '("people"."provider_id" IN (?1))', "pg": '("people"."provider_id" IN ($1))'},
    "municipality": {"sqlite": '("people"."municipality_code" IN (?1))', "pg": '("people"."municipality_code" IN ($1))'},
}


def _where(db, scope, tail):
    return f' FROM "people" WHERE {SCOPE[scope][db]} AND "people"."anonymised" = {"?2" if db == "sqlite" else "$2"} AND {tail}'


def name_search(db, scope, narrowed=0):
    """PeopleSearch: each word as `search_text LIKE '%w%'`, the page (50 + 1 rows, to know whether a next
    page exists) and the count of up to 1,001 ids. narrowed=n (PostgreSQL): the n ids found first in the
    trigram index, bound as $4.. ."""
    tail = '"people"."search_text" LIKE ?3' if db == "sqlite" else '"people"."search_text" LIKE $3'
    if narrowed:
        tail += ' AND "people"."id" IN (' + ",".join(f"${4 + i}" for i in range(narrowed)) + ")"
    where = _where(db, scope, tail)
    return [f"SELECT {PEOPLE_COLS}{where}{PAGE_TAIL.replace('LIMIT 50', 'LIMIT 51')}",
            f'SELECT "people"."id" AS "people_id"{where} LIMIT 1001']


# PeopleSearch.indexMatches: the probe of the trigram index (region-wide searches on SQLite, all on PostgreSQL)
PROBE_SQLITE = "SELECT CAST(rowid AS TEXT) AS id FROM people_fts WHERE people_fts MATCH ?1 LIMIT 2001"
PROBE_PG = "SELECT id::text AS id FROM people WHERE search_text LIKE $1 LIMIT 2001"


def trigram_subquery_search(db, scope):
    """The previous server path, kept as the baseline: the whole trigram match list as a subquery
    (SQLite FTS5; on PostgreSQL the same LIKE, which pg_trgm serves), with an exact COUNT and a page of 50."""
    if db == "sqlite":
        tail = "people.rowid IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ?3)"
    else:
        tail = '"people"."search_text" LIKE $3'
    where = _where(db, scope, tail)
    return [f'SELECT COUNT("people"."id") AS "aggregate"{where}', f"SELECT {PEOPLE_COLS}{where}{PAGE_TAIL}"]


def egn_search(db, scope="provider"):
    tail = '"people"."identifier_hash" IN (?3,?4)' if db == "sqlite" else '"people"."identifier_hash" IN ($3,$4)'
    where = _where(db, scope, tail)
    return [f'SELECT COUNT("people"."id") AS "aggregate"{where}', f"SELECT {PEOPLE_COLS}{where}{PAGE_TAIL}"]


def open_person(db, scope="provider"):
    tail = '"people"."id" = ?3 LIMIT 1' if db == "sqlite" else '"people"."id" = $3 LIMIT 1'
    return f"SELECT {PEOPLE_COLS}{_where(db, scope, tail)}"


# --- dashboard (no endpoint yet: written as Fluent would emit it) ----------------------------------
DASHBOARD_SQLITE = {
    # my open cases
    "my_cases": 'SELECT COUNT("cases"."id") AS "aggregate" FROM "cases" WHERE "cases"."case_worker_id" = ?1 AND "cases"."state" <> ?2',
    # reviews due: the latest plan version's review_date at most 14 days ahead (overdue included)
    "reviews_due": (
        'SELECT "cases"."id" AS "cases_id", "cases"."state" AS "cases_state", "cases"."person_id" AS "cases_person_id", '
        '"people"."given_name" AS "people_given_name", "people"."family_name" AS "people_family_name", '
        '"support_plans"."review_date" AS "support_plans_review_date" FROM "cases" '
        'INNER JOIN "people" ON "cases"."person_id" = "people"."id" '
        'INNER JOIN "support_plans" ON "support_plans"."case_id" = "cases"."id" AND "support_plans"."number" = "cases"."plan_number" '
        'WHERE "cases"."case_worker_id" = ?1 AND "cases"."state" IN (?2,?3) AND "support_plans"."review_date" <= ?4 '
        'ORDER BY "support_plans"."review_date" ASC LIMIT 50'
    ),
    # new referrals to the worker's provider
    "new_referrals": 'SELECT COUNT("referrals"."id") AS "aggregate" FROM "referrals" WHERE "referrals"."to_provider_id" = ?1 AND "referrals"."status" = ?2',
    # the worker's people whose latest assessment is older than a year
    "old_assessments": (
        'SELECT "cases"."person_id" AS "person_id", MAX("assessments"."signed_on") AS "last_signed" FROM "cases" '
        'INNER JOIN "assessments" ON "assessments"."person_id" = "cases"."person_id" '
        'WHERE "cases"."case_worker_id" = ?1 AND "cases"."state" <> ?2 '
        'GROUP BY "cases"."person_id" HAVING MAX("assessments"."signed_on") < ?3'
    ),
}


def to_pg(sql):
    """?n -> $n (descending so that ?12 is not read as ?1 followed by 2)."""
    for n in range(12, 0, -1):
        sql = sql.replace(f"?{n}", f"${n}")
    return sql


AUDIT_INSERT_PG = to_pg(AUDIT_INSERT_SQLITE)
DASHBOARD_PG = {k: to_pg(v) for k, v in DASHBOARD_SQLITE.items()}
